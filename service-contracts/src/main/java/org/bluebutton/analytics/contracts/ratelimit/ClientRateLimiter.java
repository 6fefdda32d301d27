package org.bluebutton.analytics.contracts.ratelimit;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Rate limits the public routes per client address (a token bucket per address), for every service
 * that has public routes: each wraps it in its own HTTP filter. Thread-safe and lock-free on the
 * common path; memory is bounded ({@link #MAX_CLIENTS} addresses): when full, addresses idle long
 * enough to have a full bucket again are forgotten (forgetting them changes nothing; one sweep a second at
 * most), and if none is,
 * new addresses share one bucket — a flood from many addresses is then limited as one client instead
 * of growing the map.
 */
public final class ClientRateLimiter {

    /** The most client addresses tracked at once. */
    public static final int MAX_CLIENTS = 100_000;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    private static final String OVERFLOW = "";

    private final RateLimit limit;
    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final AtomicLong lastSweep = new AtomicLong(Long.MIN_VALUE);

    /** A limiter on the system's monotonic clock. */
    public ClientRateLimiter(RateLimit limit) {
        this(limit, System::nanoTime);
    }

    /** A limiter on the given monotonic clock (nanoseconds), for specifications. */
    public ClientRateLimiter(RateLimit limit, LongSupplier nanoTime) {
        this.limit = limit;
        this.nanoTime = nanoTime;
    }

    /**
     * Takes one request of {@code client}'s allowance: 0 when the request may go ahead, otherwise the
     * whole seconds (at least 1) after which it would be admitted — the {@code Retry-After} of its 429.
     */
    public long acquire(String client) {
        long now = nanoTime.getAsLong();
        Bucket bucket = buckets.get(client);
        if (bucket == null) {
            if (buckets.size() >= MAX_CLIENTS) {
                forgetIdle(now);
            }
            bucket = buckets.size() >= MAX_CLIENTS ? buckets.computeIfAbsent(OVERFLOW, key -> new Bucket(limit.burst(), now))
                    : buckets.computeIfAbsent(client, key -> new Bucket(limit.burst(), now));
        }
        return bucket.take(now, limit);
    }

    /** How many client addresses are tracked now. */
    public int trackedClients() {
        return buckets.size();
    }

    private void forgetIdle(long now) {
        long last = lastSweep.get();
        // One sweep a second at most: a sweep reads every bucket, and new addresses must not make every request pay for one.
        if (last != Long.MIN_VALUE && now - last < NANOS_PER_SECOND || !lastSweep.compareAndSet(last, now)) {
            return;
        }
        for (Iterator<Bucket> it = buckets.values().iterator(); it.hasNext(); ) {
            if (it.next().fullAt(now, limit)) {
                it.remove();
            }
        }
    }

    /** Tokens (scaled by the rate, so refill is exact integer arithmetic) and when they were counted. */
    private static final class Bucket {

        private long tokenNanos;
        private long at;

        Bucket(int burst, long now) {
            this.tokenNanos = burst * NANOS_PER_SECOND;
            this.at = now;
        }

        synchronized long take(long now, RateLimit limit) {
            refill(now, limit);
            if (tokenNanos >= NANOS_PER_SECOND) {
                tokenNanos -= NANOS_PER_SECOND;
                return 0;
            }
            long missingNanos = NANOS_PER_SECOND - tokenNanos;
            // missing token-nanoseconds accrue at perSecond per nanosecond: wait = missing / perSecond ns.
            long waitNanos = (missingNanos + limit.perSecond() - 1) / limit.perSecond();
            return Math.max(1, (waitNanos + NANOS_PER_SECOND - 1) / NANOS_PER_SECOND);
        }

        synchronized boolean fullAt(long now, RateLimit limit) {
            refill(now, limit);
            return tokenNanos >= limit.burst() * NANOS_PER_SECOND;
        }

        private void refill(long now, RateLimit limit) {
            long elapsed = Math.max(0, now - at);
            long capacity = limit.burst() * NANOS_PER_SECOND;
            // elapsed * perSecond can overflow after very long idleness: cap elapsed at the time to fill up.
            long toFill = (capacity - tokenNanos + limit.perSecond() - 1) / limit.perSecond();
            tokenNanos = elapsed >= toFill ? capacity : tokenNanos + elapsed * limit.perSecond();
            at = now;
        }
    }
}
