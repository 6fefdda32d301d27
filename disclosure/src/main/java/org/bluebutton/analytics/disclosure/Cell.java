package org.bluebutton.analytics.disclosure;

import java.text.NumberFormat;
import java.util.Locale;

/**
 * One published figure and whether it may be shown.
 *
 * @param value the exact figure (never shown when suppressed)
 * @param suppression why it is withheld, or {@link Suppression#NONE}
 */
public record Cell(long value, Suppression suppression) {

    /** What a suppressed small cell shows. */
    public static final String SMALL_CELL_TEXT = "<11";
    /** What a complementary-suppressed cell shows. */
    public static final String COMPLEMENTARY_TEXT = "*";

    /** Whether the figure may be shown. */
    public boolean published() {
        return suppression == Suppression.NONE;
    }

    /** The figure as shown to readers: grouped digits ({@code 125,000}), {@code <11} or {@code *}. */
    public String text() {
        return switch (suppression) {
            case NONE -> NumberFormat.getIntegerInstance(Locale.US).format(value);
            case SMALL_CELL -> SMALL_CELL_TEXT;
            case COMPLEMENTARY -> COMPLEMENTARY_TEXT;
        };
    }
}
