package org.bluebutton.analytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bluebutton.analytics.reliability.testing.Aggregates;
import org.bluebutton.analytics.reliability.testing.EventFlow;
import org.bluebutton.analytics.reliability.testing.IngestClient;
import org.bluebutton.analytics.reliability.testing.ReliabilityPipeline;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A short steady load on ingest and streams in this JVM ({@code -Dreliability.loadSeconds}, 60 by
 * default; raise it for a soak): heap used after a full GC and open file descriptors
 * ({@code /proc/self/fd}) are sampled before, during and after, printed, and held to generous
 * bounds that only a gross leak breaks; the figures still equal what was acknowledged.
 */
@Order(60)
class LoadReliabilityIT {

    /**
     * Descriptors the run may add for good: RocksDB keeps every SST file of the ~30 state stores open
     * (max_open_files -1) and Kafka clients hold connections, so tens of thousands of events legitimately
     * add hundreds (measured: +842 after 132,250 events); a leak per request would add thousands.
     */
    private static final int FD_GROWTH_BOUND = 2_000;
    /** Heap after GC the run may add for good. */
    private static final long HEAP_GROWTH_BOUND = 256L * 1024 * 1024;
    private final ReliabilityPipeline pipeline = ReliabilityPipeline.shared();
    private final IngestClient client = pipeline.ingestClient();

    @Test
    void a_steady_load_leaks_neither_file_descriptors_nor_heap_and_loses_nothing() throws Exception {
        int seconds = Integer.getInteger("reliability.loadSeconds", 60);
        int flows = 3;
        List<String> orgs = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (int i = 0; i < flows; i++) {
            String orgId = "load-" + i + "-" + System.nanoTime();
            orgs.add(orgId);
            keys.add(client.hospitalWithKey(orgId));
        }
        // Warm up first, so that connection pools, caches and JIT-compiled code count as the baseline; on
        // organizations of their own, since only the measured flows' acknowledgements are compared.
        List<String> warmupOrgs = new ArrayList<>();
        List<String> warmupKeys = new ArrayList<>();
        for (int i = 0; i < flows; i++) {
            String orgId = "warmup-" + i + "-" + System.nanoTime();
            warmupOrgs.add(orgId);
            warmupKeys.add(client.hospitalWithKey(orgId));
        }
        runFlows(warmupOrgs, warmupKeys, Duration.ofSeconds(5), 100);
        long heapBefore = heapAfterGc();
        long fdsBefore = openFileDescriptors();
        long started = System.nanoTime();
        List<EventFlow> running = new ArrayList<>();
        for (int i = 0; i < flows; i++) {
            running.add(new EventFlow(client, orgs.get(i), keys.get(i), 50, Duration.ofMillis(20), 100 + i));
        }
        long fdsPeak = fdsBefore;
        for (int s = 0; s < seconds; s++) {
            Thread.sleep(1_000);
            fdsPeak = Math.max(fdsPeak, openFileDescriptors());
        }
        running.forEach(EventFlow::close);
        Duration ran = Duration.ofNanos(System.nanoTime() - started);
        long events = running.stream().mapToLong(EventFlow::acknowledgedEvents).sum();
        long requests = running.stream().mapToLong(flow -> flow.acknowledged().size()).sum();
        List<Aggregates.Figures> figures = new ArrayList<>();
        for (int i = 0; i < flows; i++) {
            figures.add(Aggregates.await(pipeline, orgs.get(i), running.get(i), Duration.ofSeconds(120)));
        }
        long heapAfter = heapAfterGc();
        long fdsAfter = openFileDescriptors();

        System.out.printf("load: %d s, %d requests, %d events acknowledged (%.0f events/s, %.1f requests/s), slowest answer %d ms%n",
                ran.toSeconds(), requests, events, events / (ran.toMillis() / 1000.0), requests / (ran.toMillis() / 1000.0),
                running.stream().mapToLong(flow -> flow.slowestAnswer().toMillis()).max().orElse(0));
        System.out.printf("load: heap after GC %d MiB before, %d MiB after (%+d MiB); open fds %d before, peak %d, %d after (%+d)%n",
                heapBefore >> 20, heapAfter >> 20, (heapAfter - heapBefore) >> 20, fdsBefore, fdsPeak, fdsAfter, fdsAfter - fdsBefore);
        figures.forEach(f -> System.out.printf("load: %s%n", f.describe()));

        assertThat(events).as("events acknowledged under load").isPositive();
        assertThat(fdsAfter - fdsBefore).as("file descriptors the run kept open").isLessThan(FD_GROWTH_BOUND);
        assertThat(heapAfter - heapBefore).as("heap the run kept after GC").isLessThan(HEAP_GROWTH_BOUND);
        for (Aggregates.Figures f : figures) {
            assertThat(f.aggregatedEvents()).as("figures equal what was acknowledged").isEqualTo(f.acknowledgedEvents());
            assertThat(f.countsMatch()).isTrue();
        }
        running.forEach(flow -> assertThat(flow.refusals()).isEmpty());
    }

    private void runFlows(List<String> orgs, List<String> keys, Duration duration, long seed) throws InterruptedException {
        List<EventFlow> warmup = new ArrayList<>();
        for (int i = 0; i < orgs.size(); i++) {
            warmup.add(new EventFlow(client, orgs.get(i), keys.get(i), 50, Duration.ofMillis(20), seed + i));
        }
        Thread.sleep(duration.toMillis());
        warmup.forEach(EventFlow::close);
    }

    private static long heapAfterGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            memory.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }

    private static long openFileDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
