package org.bluebutton.analytics.simulator.truth;

/** What a roll-up groups organizations by; the dimension value is ALL, a category symbol or a USPS code. */
public enum RollupDimension {
    PROGRAM, CATEGORY, STATE;

    /** The dimension value of the program-wide roll-up. */
    public static final String ALL = "ALL";
}
