package org.bluebutton.analytics.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time the stream threads of a Kafka Streams application in this JVM have used so far. Unlike
 * records per second, it hardly moves when other processes load the machine (they take wall time,
 * not this thread's CPU time), so the cost per record of two applications compares across loads.
 */
final class StreamThreadCpu {

    private StreamThreadCpu() {
    }

    /** Nanoseconds of CPU used by the live threads named {@code <applicationId>-…-StreamThread-n}. */
    static long nanos(String applicationId) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName();
            if (name.startsWith(applicationId + "-") && name.matches(".*-StreamThread-\\d+$")) {
                long cpu = threads.getThreadCpuTime(thread.getId());
                total += Math.max(0, cpu);
            }
        }
        return total;
    }
}
