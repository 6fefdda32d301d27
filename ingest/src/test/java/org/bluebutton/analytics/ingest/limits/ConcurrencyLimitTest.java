package org.bluebutton.analytics.ingest.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConcurrencyLimitTest {

    @Test
    void slots_beyond_the_bound_are_refused_until_one_is_given_back() {
        ConcurrencyLimit limit = new ConcurrencyLimit(2);

        boolean first = limit.tryAcquire();
        boolean second = limit.tryAcquire();
        boolean third = limit.tryAcquire();
        limit.release();
        boolean afterRelease = limit.tryAcquire();

        assertThat(first).isTrue();
        assertThat(second).isTrue();
        assertThat(third).isFalse();
        assertThat(afterRelease).isTrue();
        assertThat(limit.inFlight()).isEqualTo(2);
    }
}
