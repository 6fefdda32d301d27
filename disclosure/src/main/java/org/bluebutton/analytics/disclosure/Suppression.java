package org.bluebutton.analytics.disclosure;

/** Why a published figure is withheld, or that it is not. */
public enum Suppression {
    /** Published as is. */
    NONE,
    /** A count from 1 to 10: the CMS cell-size rule. Shown as {@code <11}. */
    SMALL_CELL,
    /**
     * A larger figure withheld so that a small cell cannot be worked out by subtraction from a
     * published total (complementary suppression). Shown as {@code *}.
     */
    COMPLEMENTARY
}
