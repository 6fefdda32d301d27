package org.bluebutton.analytics.ingest.limits;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.bluebutton.analytics.contracts.ratelimit.RateLimit;

/**
 * A token bucket per key (an organization), lock-free: each bucket is one {@link AtomicLong} holding the
 * bucket's "theoretical arrival time" (the generic cell rate algorithm, equivalent to a token bucket of
 * {@code burst} tokens refilled at {@code perSecond}), taken with one compare-and-set. On ingest's hot path
 * every authenticated request of an organization passes here, from many request threads at once; a
 * lock per bucket would make one busy data holder's threads queue behind each other.
 *
 * <p>Memory: one entry per key ever seen; ingest limits only authenticated organizations, whose number is
 * the program's (thousands), so nothing is evicted.
 */
public final class RequestRateLimiter {

    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final long toleranceNanos;
    private final Map<String, AtomicLong> buckets = new ConcurrentHashMap<>();

    /** A limiter on the system's monotonic clock. */
    public RequestRateLimiter(RateLimit limit) {
        this(limit, System::nanoTime);
    }

    /** A limiter on the given monotonic clock (nanoseconds), for specifications. */
    public RequestRateLimiter(RateLimit limit, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.intervalNanos = NANOS_PER_SECOND / limit.perSecond();
        // burst requests at once: the burst-th may arrive (burst - 1) intervals ahead of its time.
        this.toleranceNanos = intervalNanos * (limit.burst() - 1);
    }

    /**
     * Takes one request of {@code key}'s allowance: 0 when the request may go ahead, otherwise the whole
     * seconds (at least 1) after which it would be admitted — the {@code Retry-After} of its 429. A refused
     * request takes nothing: a client that keeps flooding gets in again as soon as its rate drops.
     */
    public long acquire(String key) {
        long now = nanoTime.getAsLong();
        AtomicLong arrival = buckets.computeIfAbsent(key, k -> new AtomicLong(now));
        while (true) {
            long theoretical = arrival.get();
            long base = theoretical - now > 0 ? theoretical : now; // an idle bucket is full: it starts from now
            long ahead = base - now;
            if (ahead > toleranceNanos) {
                long waitNanos = ahead - toleranceNanos;
                return Math.max(1, (waitNanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
            }
            if (arrival.compareAndSet(theoretical, base + intervalNanos)) {
                return 0;
            }
        }
    }
}
