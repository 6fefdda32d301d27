package org.bluebutton.analytics.simulator.truth;

/**
 * One organization's year: activity summed over its months, access the month-standing snapshot with
 * the latest date in the year (null when none), and how many months had activity or a snapshot.
 */
public record OrgYearTruth(String orgId, int year, ActivityCounts activity, AccessFigures access, int monthsWithActivity,
        int monthsWithSnapshot) {
}
