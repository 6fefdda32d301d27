package org.bluebutton.analytics.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.bluebutton.analytics.reporting.AnnualReport;
import org.bluebutton.analytics.reporting.ReportOptions;
import org.bluebutton.analytics.reporting.ReportProgress;
import org.bluebutton.analytics.reporting.ReportResult;
import org.bluebutton.analytics.reporting.output.Manifest;

/**
 * Runs one annual report in its own JVM (started by {@link ReportStage}) and prints one line of JSON:
 * seconds, peak heap, heap after GC, records read and rows written — so the heap figures are the
 * report's alone. Arguments: bootstrap servers, registry URL, year, output directory, the streams
 * application id (the report checks that it has committed everything it read, as it does for people).
 */
public final class ReportProbe {

    private ReportProbe() {
    }

    /** Entry point of the child JVM. */
    public static void main(String[] args) {
        ReportOptions options = ReportOptions.localDefaults(Integer.parseInt(args[2]), Path.of(args[3]))
                .withConnection(args[0], args[1])
                .withTimeouts(Duration.ofSeconds(30), Duration.ofSeconds(120))
                .withStreams(new ReportOptions.StreamsCheck(args[4], Duration.ofSeconds(60), false));
        HeapProbe.resetPeak();
        long start = System.nanoTime();
        ReportResult result = AnnualReport.run(options, new ReportProgress() { });
        double seconds = (System.nanoTime() - start) / 1e9;
        double peak = HeapProbe.peakHeapMiB();
        double after = HeapProbe.heapAfterGcMiB();
        long records = result.manifest().sources().stream().mapToLong(Manifest.Source::recordsRead).sum();
        long rows = result.files().stream().mapToLong(f -> f.rows() == null ? 0 : f.rows()).sum();
        System.out.printf(Locale.ROOT, "{\"seconds\":%.3f,\"peakHeapMiB\":%.1f,\"heapAfterGcMiB\":%.1f,\"recordsRead\":%d,\"rowsWritten\":%d,\"maxHeapMiB\":%.0f}%n",
                seconds, peak, after, records, rows, Runtime.getRuntime().maxMemory() / 1048576.0);
    }
}
