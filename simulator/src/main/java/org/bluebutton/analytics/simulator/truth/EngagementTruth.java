package org.bluebutton.analytics.simulator.truth;

import org.bluebutton.analytics.simulator.program.EngagementType;

/** Distinct engagement activities of one organization and type in a year, and the people they reached. */
public record EngagementTruth(String orgId, int year, EngagementType engagementType, long activities, long peopleReached) {
}
