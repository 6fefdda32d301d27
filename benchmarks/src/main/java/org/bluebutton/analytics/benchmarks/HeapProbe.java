package org.bluebutton.analytics.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Heap and resident memory of this JVM. Peak heap is the sum of every heap pool's peak since the last
 * {@link #resetPeak()} — an upper bound, as pools peak at different moments.
 */
public final class HeapProbe {

    private HeapProbe() {
    }

    /** Starts a new peak measurement. */
    public static void resetPeak() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Peak heap in MiB since {@link #resetPeak()}. */
    public static double peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / 1048576.0;
    }

    /** Heap used after a full collection, in MiB: what the live objects hold. */
    public static double heapAfterGcMiB() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
    }

    /** Resident set size of this process in MiB (heap, RocksDB and other native memory); NaN off Linux. */
    public static double residentMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (Exception e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
