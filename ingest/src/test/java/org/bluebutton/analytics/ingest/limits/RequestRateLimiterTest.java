package org.bluebutton.analytics.ingest.limits;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bluebutton.analytics.contracts.ratelimit.RateLimit;
import org.junit.jupiter.api.Test;

/** The per-organization token bucket, on a clock the specification moves. */
class RequestRateLimiterTest {

    private static final long SECOND = 1_000_000_000L;
    private final AtomicLong clock = new AtomicLong(-7 * SECOND); // any origin, negative included, as System.nanoTime()

    private RequestRateLimiter limiter(int perSecond, int burst) {
        return new RequestRateLimiter(new RateLimit(perSecond, burst), clock::get);
    }

    @Test
    void a_new_key_may_send_its_whole_burst_at_once_and_no_more() {
        RequestRateLimiter limiter = limiter(10, 30);

        List<Long> answers = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            answers.add(limiter.acquire("clinic"));
        }

        assertThat(answers.subList(0, 30)).containsOnly(0L);
        assertThat(answers.get(30)).isEqualTo(1L);
    }

    @Test
    void the_bucket_refills_at_the_rate() {
        RequestRateLimiter limiter = limiter(10, 10);
        for (int i = 0; i < 10; i++) {
            limiter.acquire("clinic");
        }

        clock.addAndGet(SECOND / 10 - 1);
        long beforeATenth = limiter.acquire("clinic");
        clock.addAndGet(1);
        long atATenth = limiter.acquire("clinic");
        long rightAfter = limiter.acquire("clinic");

        assertThat(beforeATenth).isPositive();
        assertThat(atATenth).isZero();
        assertThat(rightAfter).isPositive();
    }

    @Test
    void an_idle_bucket_fills_up_to_the_burst_and_not_beyond() {
        RequestRateLimiter limiter = limiter(5, 10);
        limiter.acquire("clinic");

        clock.addAndGet(3_600 * SECOND);
        int admitted = 0;
        while (limiter.acquire("clinic") == 0) {
            admitted++;
        }

        assertThat(admitted).isEqualTo(10);
    }

    @Test
    void retry_after_is_the_whole_seconds_until_a_request_would_be_admitted() {
        RequestRateLimiter limiter = limiter(1, 3);
        for (int i = 0; i < 3; i++) {
            limiter.acquire("clinic");
        }

        long first = limiter.acquire("clinic");
        clock.addAndGet(SECOND / 2);
        long halfASecondLater = limiter.acquire("clinic");
        clock.addAndGet(SECOND / 2);
        long aSecondLater = limiter.acquire("clinic");

        assertThat(first).isEqualTo(1);
        assertThat(halfASecondLater).as("at least 1, rounded up").isEqualTo(1);
        assertThat(aSecondLater).isZero();
    }

    @Test
    void refused_requests_take_nothing_so_a_flood_stops_costing_once_it_slows() {
        RequestRateLimiter limiter = limiter(2, 2);
        limiter.acquire("clinic");
        limiter.acquire("clinic");
        for (int i = 0; i < 1_000; i++) {
            assertThat(limiter.acquire("clinic")).isPositive();
        }

        clock.addAndGet(SECOND / 2);

        assertThat(limiter.acquire("clinic")).isZero();
    }

    @Test
    void one_keys_flood_does_not_touch_another_keys_allowance() {
        RequestRateLimiter limiter = limiter(1, 5);
        for (int i = 0; i < 100; i++) {
            limiter.acquire("flooder");
        }

        int admitted = 0;
        while (limiter.acquire("bystander") == 0) {
            admitted++;
        }

        assertThat(admitted).isEqualTo(5);
    }

    @Test
    void threads_racing_for_one_bucket_get_exactly_the_burst() throws Exception {
        RequestRateLimiter limiter = limiter(1, 1_000);
        AtomicInteger admitted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                for (int i = 0; i < 500; i++) {
                    if (limiter.acquire("clinic") == 0) {
                        admitted.incrementAndGet();
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }

        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(admitted.get()).isEqualTo(1_000);
    }
}
