package org.bluebutton.analytics.simulator.truth;

import org.bluebutton.analytics.simulator.program.OrganizationType;

/**
 * Pledged organizations of one type in a period ({@code month} null for a year): new pledges by
 * pledgedAt, withdrawals by withdrawal time, and active organizations at the end of the period.
 */
public record PledgeCountTruth(Granularity granularity, int year, Integer month, OrganizationType organizationType,
        int newPledges, int withdrawals, int activeAtEnd) {
}
