package org.bluebutton.analytics.contracts.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClientRateLimiterTest {

    private final AtomicLong clock = new AtomicLong(1_000_000_000_000L);
    private final ClientRateLimiter limiter = new ClientRateLimiter(new RateLimit(2, 5), clock::get);

    @Test
    void a_client_may_make_a_burst_at_once_and_the_next_request_is_told_when_to_come_back() {
        IntStream.range(0, 5).forEach(i -> assertThat(limiter.acquire("10.0.0.1")).as("request %d", i).isZero());

        assertThat(limiter.acquire("10.0.0.1")).as("seconds until one more token, at 2 per second, rounded up").isEqualTo(1);
    }

    @Test
    void the_allowance_refills_at_the_sustained_rate() {
        IntStream.range(0, 5).forEach(i -> limiter.acquire("10.0.0.1"));

        clock.addAndGet(500_000_000L);

        assertThat(limiter.acquire("10.0.0.1")).as("one token after half a second at 2 per second").isZero();
        assertThat(limiter.acquire("10.0.0.1")).isEqualTo(1);
    }

    @Test
    void clients_are_limited_apart() {
        IntStream.range(0, 5).forEach(i -> limiter.acquire("10.0.0.1"));

        assertThat(limiter.acquire("10.0.0.2")).isZero();
    }

    @Test
    void a_long_idle_client_gets_the_burst_back_not_more() {
        limiter.acquire("10.0.0.1");
        clock.addAndGet(Long.MAX_VALUE / 4);

        long admitted = IntStream.range(0, 10).filter(i -> limiter.acquire("10.0.0.1") == 0).count();

        assertThat(admitted).isEqualTo(5);
    }

    @Test
    void the_wait_of_a_slow_rate_is_whole_seconds_rounded_up() {
        ClientRateLimiter slow = new ClientRateLimiter(new RateLimit(1, 1), clock::get);
        slow.acquire("a");
        clock.addAndGet(100_000_000L);

        assertThat(slow.acquire("a")).isEqualTo(1);
    }

    @Test
    void memory_stays_bounded_when_every_request_comes_from_a_new_address() {
        ClientRateLimiter manyClients = new ClientRateLimiter(new RateLimit(1, 1), clock::get);

        long admitted = IntStream.range(0, ClientRateLimiter.MAX_CLIENTS + 1_000).filter(i -> manyClients.acquire("addr-" + i) == 0).count();

        assertThat(manyClients.trackedClients()).isLessThanOrEqualTo(ClientRateLimiter.MAX_CLIENTS + 1);
        assertThat(admitted).as("the addresses beyond the bound share one bucket of one request").isEqualTo(ClientRateLimiter.MAX_CLIENTS + 1);
    }

    @Test
    void idle_addresses_are_forgotten_when_the_bound_is_reached() {
        ClientRateLimiter manyClients = new ClientRateLimiter(new RateLimit(1, 1), clock::get);
        IntStream.range(0, ClientRateLimiter.MAX_CLIENTS).forEach(i -> manyClients.acquire("addr-" + i));
        clock.addAndGet(2_000_000_000L);

        assertThat(manyClients.acquire("newcomer")).isZero();
        assertThat(manyClients.trackedClients()).isEqualTo(1);
    }

    @Test
    void a_limit_below_one_request_per_second_or_a_burst_below_the_rate_is_refused() {
        assertThatThrownBy(() -> new RateLimit(0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RateLimit(10, 5)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("burst");
    }
}
