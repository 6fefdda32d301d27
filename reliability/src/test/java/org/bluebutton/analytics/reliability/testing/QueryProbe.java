package org.bluebutton.analytics.reliability.testing;

import java.time.Duration;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A staff member asking the query API for an organization's figures every 200 ms on a background
 * thread, to measure what a fault costs its users: answers that were not 200 (503 while the owning
 * task moves, transport errors) and the longest stretch without a 200.
 */
public final class QueryProbe implements AutoCloseable {

    private static final Duration INTERVAL = Duration.ofMillis(200);

    private final PipelineUnderTest pipeline;
    private final String orgId;
    private final Thread thread;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong longestGapMillis = new AtomicLong();
    private volatile boolean stopping;

    /** Starts asking for {@code orgId}'s figures of this year and the last. */
    public QueryProbe(PipelineUnderTest pipeline, String orgId) {
        this.pipeline = pipeline;
        this.orgId = orgId;
        this.thread = new Thread(this::run, "query-probe-" + orgId);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        int year = Year.now(ZoneOffset.UTC).getValue();
        long lastSuccess = System.nanoTime();
        while (!stopping) {
            boolean ok = Aggregates.metrics(pipeline, orgId, year - 1, year) != null;
            long now = System.nanoTime();
            if (ok) {
                answered.incrementAndGet();
                lastSuccess = now;
            } else {
                failed.incrementAndGet();
                longestGapMillis.accumulateAndGet(Duration.ofNanos(now - lastSuccess).toMillis(), Math::max);
            }
            try {
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Answers with figures (200). */
    public long answered() {
        return answered.get();
    }

    /** Answers without figures (503, 5xx, transport errors). */
    public long failed() {
        return failed.get();
    }

    /** The longest time from a 200 to a later failed answer with no 200 between: the query API's outage as its users saw it. */
    public Duration longestGap() {
        return Duration.ofMillis(longestGapMillis.get());
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(40).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
