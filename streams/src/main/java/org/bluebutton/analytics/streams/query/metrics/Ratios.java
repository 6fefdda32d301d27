package org.bluebutton.analytics.streams.query.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * The arithmetic of rates and year-over-year change, in one place so that every answer rounds alike.
 * Rates and percentages are decimals (never binary floating point), rounded half-even at a fixed scale;
 * a division by zero is never made: no denominator means no rate (null).
 */
final class Ratios {

    /** Decimal places of a rate: per patient, so a monthly download rate of 5 in 125,000 (0.00004) still shows. */
    static final int RATE_SCALE = 6;
    /** Decimal places of a percentage change. */
    static final int PERCENT_SCALE = 2;
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private Ratios() {
    }

    /** {@code count / patients} at {@link #RATE_SCALE}, or null when there are no patients (none reported, or 0). */
    static BigDecimal perPatient(long count, Long patients) {
        if (patients == null || patients <= 0) {
            return null;
        }
        return BigDecimal.valueOf(count).divide(BigDecimal.valueOf(patients), RATE_SCALE, RoundingMode.HALF_EVEN);
    }

    /** {@code (current - previous) / previous} in percent at {@link #PERCENT_SCALE}, or null when either is absent or previous is 0. */
    static BigDecimal percentChange(BigDecimal previous, BigDecimal current) {
        if (previous == null || current == null || previous.signum() == 0) {
            return null;
        }
        return current.subtract(previous).multiply(HUNDRED).divide(previous, PERCENT_SCALE, RoundingMode.HALF_EVEN);
    }

    /** {@code current - previous}, or null when either is absent. */
    static BigDecimal difference(BigDecimal previous, BigDecimal current) {
        return previous == null || current == null ? null : current.subtract(previous);
    }

    static BigDecimal of(Long value) {
        return value == null ? null : BigDecimal.valueOf(value);
    }
}
