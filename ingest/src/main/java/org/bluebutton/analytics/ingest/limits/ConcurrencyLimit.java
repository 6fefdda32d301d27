package org.bluebutton.analytics.ingest.limits;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bound on the requests in flight on this instance. A request beyond it is refused at once (503 with
 * {@code Retry-After}) instead of waiting in an unbounded queue: under a flood every request then gets a
 * quick answer, memory stays bounded, and a load balancer can send the retry to another instance.
 */
public final class ConcurrencyLimit {

    private final int max;
    private final AtomicInteger inFlight = new AtomicInteger();

    public ConcurrencyLimit(int max) {
        this.max = max;
    }

    /** Takes a slot; false, taking nothing, when {@code max} requests are in flight. */
    public boolean tryAcquire() {
        while (true) {
            int now = inFlight.get();
            if (now >= max) {
                return false;
            }
            if (inFlight.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** Gives back a slot taken by {@link #tryAcquire()}. */
    public void release() {
        inFlight.decrementAndGet();
    }

    /** Requests in flight now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The bound. */
    public int max() {
        return max;
    }
}
