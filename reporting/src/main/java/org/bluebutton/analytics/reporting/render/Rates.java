package org.bluebutton.analytics.reporting.render;

import java.util.Locale;
import java.util.OptionalDouble;
import org.bluebutton.analytics.disclosure.Cell;

/**
 * The download rate: downloads ÷ patients with access, shown per 100 patients with one decimal.
 * Computed from published figures only, so a rate never reveals a withheld count; without patients
 * (or with either figure withheld) there is no rate, never a division error.
 */
final class Rates {

    /** What a missing rate shows. */
    static final String NONE = "—";

    private Rates() {
    }

    /** Downloads per 100 patients with access, if both figures are published and there are patients. */
    static OptionalDouble downloadRate(Cell downloads, Cell patients) {
        if (downloads == null || patients == null || !downloads.published() || !patients.published() || patients.value() == 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(downloads.value() * 100.0 / patients.value());
    }

    /** A rate as shown: {@code 27.3}, or {@value #NONE}. */
    static String text(OptionalDouble rate) {
        return rate.isPresent() ? String.format(Locale.US, "%,.1f", rate.getAsDouble()) : NONE;
    }

    /** Relative change of a rate, one decimal ({@code +4.2%}); n/a when either is missing or the base is 0. */
    static String change(OptionalDouble current, OptionalDouble previous) {
        if (current.isEmpty() || previous.isEmpty() || previous.getAsDouble() == 0) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%+.1f%%", (current.getAsDouble() - previous.getAsDouble()) * 100.0 / previous.getAsDouble());
    }
}
