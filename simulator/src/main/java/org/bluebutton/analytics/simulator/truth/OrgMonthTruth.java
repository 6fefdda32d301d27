package org.bluebutton.analytics.simulator.truth;

/** One organization's month (UTC): counted activity and the standing snapshot (null when none). */
public record OrgMonthTruth(String orgId, int year, int month, ActivityCounts activity, AccessFigures access) {
}
