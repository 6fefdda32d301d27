package org.bluebutton.analytics.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One figure of the suite paired with the baseline measured in the same run on the same broker (or,
 * for Parquet, the same rows): {@code ratio} is always {@code value / baselineValue}; whether higher
 * is better depends on the unit ({@link #higherIsBetter}).
 *
 * @param stage the pipeline stage, e.g. {@code ingest}
 * @param scale the scale the stage ran at, e.g. {@code 1x}
 * @param metric what was measured on the project, e.g. {@code download events accepted/s over HTTP}
 * @param value the project's figure
 * @param unit unit of both figures
 * @param baseline what the baseline is, e.g. {@code ProducerPerformance acks=all}
 * @param baselineValue the baseline's figure, or NaN where the row has no baseline
 * @param higherIsBetter true for throughput, false for latency, time and sizes
 * @param target the ratio the issue asks for, or NaN
 * @param details the run's parameters and secondary figures, for the JSON
 */
public record Measurement(String stage, String scale, String metric, double value, String unit, String baseline,
        double baselineValue, boolean higherIsBetter, double target, Map<String, Object> details) {

    /** value / baselineValue, NaN without a baseline. */
    public double ratio() {
        return Double.isNaN(baselineValue) || baselineValue == 0 ? Double.NaN : value / baselineValue;
    }

    /** Whether the ratio reaches the target; null without a target. */
    public Boolean meetsTarget() {
        if (Double.isNaN(target) || Double.isNaN(ratio())) {
            return null;
        }
        return higherIsBetter ? ratio() >= target : ratio() <= target;
    }

    /** Builds a measurement with details to be added by the caller. */
    public static Measurement of(String stage, String scale, String metric, double value, String unit, String baseline,
            double baselineValue, boolean higherIsBetter, double target) {
        return new Measurement(stage, scale, metric, value, unit, baseline, baselineValue, higherIsBetter, target, new LinkedHashMap<>());
    }

    /** Adds a detail and returns this measurement. */
    public Measurement with(String key, Object detail) {
        details.put(key, detail);
        return this;
    }
}
