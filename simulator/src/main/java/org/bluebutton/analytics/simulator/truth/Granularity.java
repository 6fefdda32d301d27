package org.bluebutton.analytics.simulator.truth;

/** The length of a period: a calendar month or a calendar year (UTC). */
public enum Granularity {
    MONTH, YEAR
}
