package org.bluebutton.analytics.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Percentiles by nearest rank, as the result tables report them. */
class LatenciesTest {

    @Test
    void nearestRankPercentilesInMilliseconds() {
        Latencies latencies = new Latencies();
        for (int ms = 100; ms >= 1; ms--) { // recorded out of order, as concurrent clients finish
            latencies.record(ms * 1_000_000L);
        }
        assertThat(latencies.count()).isEqualTo(100);
        assertThat(latencies.percentileMillis(50)).isEqualTo(50.0);
        assertThat(latencies.percentileMillis(99)).isEqualTo(99.0);
        assertThat(latencies.maxMillis()).isEqualTo(100.0);
    }

    @Test
    void noSamplesGiveNaNNotZero() {
        assertThat(new Latencies().percentileMillis(50)).isNaN();
    }
}
