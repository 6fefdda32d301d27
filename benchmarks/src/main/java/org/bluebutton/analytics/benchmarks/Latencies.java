package org.bluebutton.analytics.benchmarks;

import java.util.Arrays;

/**
 * Latency samples in nanoseconds, safe to record from several threads; percentiles by the
 * nearest-rank method over every sample (no histogram buckets: runs here have at most a few hundred
 * thousand samples).
 */
public final class Latencies {

    private long[] samples = new long[1024];
    private int size;

    /** Records one sample. */
    public synchronized void record(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    /** Number of samples. */
    public synchronized int count() {
        return size;
    }

    /** The {@code p}-th percentile (0 < p ≤ 100) in milliseconds; NaN without samples. */
    public synchronized double percentileMillis(double p) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * size);
        return sorted[Math.max(0, Math.min(size, rank) - 1)] / 1e6;
    }

    /** Largest sample in milliseconds. */
    public synchronized double maxMillis() {
        return percentileMillis(100);
    }
}
