package org.bluebutton.analytics.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Ratios are always project ÷ baseline; whether a target is met depends on the direction. */
class MeasurementTest {

    @Test
    void throughputMeetsATargetFromAbove() {
        Measurement m = Measurement.of("ingest", "1x", "events/s", 60, "events/s", "tool", 100, true, 0.5);
        assertThat(m.ratio()).isEqualTo(0.6);
        assertThat(m.meetsTarget()).isTrue();
        assertThat(Measurement.of("ingest", "1x", "events/s", 40, "events/s", "tool", 100, true, 0.5).meetsTarget()).isFalse();
    }

    @Test
    void rowsWithoutBaselineOrTargetHaveNoRatioOrVerdict() {
        Measurement report = Measurement.of("report", "1x", "seconds", 10, "s", "—", Double.NaN, false, Double.NaN);
        assertThat(report.ratio()).isNaN();
        assertThat(report.meetsTarget()).isNull();
    }

    @Test
    void markdownNamesTheVerdict() {
        Results results = new Results();
        results.addAll(java.util.List.of(Measurement.of("streams", "1x", "records/s", 10, "records/s", "ConsumerPerformance", 100, true, 0.3)));
        assertThat(results.markdown()).contains("| streams | 1x | records/s |").contains("0.10×").contains("NOT met");
    }
}
