package org.bluebutton.analytics.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.apache.avro.Schema;
import org.bluebutton.analytics.reporting.dataset.Dataset;
import org.bluebutton.analytics.reporting.dataset.Datasets;
import org.bluebutton.analytics.reporting.dataset.ParquetDatasetWriter;
import org.bluebutton.analytics.reporting.dataset.Row;
import org.bluebutton.analytics.reporting.model.ReportSnapshot;
import org.bluebutton.analytics.reporting.snapshot.SnapshotOffsets;

/**
 * Stage 5: the report's {@code org_month} dataset written by the project's {@link ParquetDatasetWriter}
 * against DuckDB's {@code COPY ... TO (FORMAT parquet, COMPRESSION zstd)} of the very same rows.
 *
 * <p>The rows are synthetic but deterministic: every column is a formula of the row number that is
 * written once in Java and once in SQL, so both writers get identical rows without either reading the
 * other's input; DuckDB then checks that the two files hold the same multiset of rows. Rows are made
 * lazily, so the measured heap is the writer's, not the input's.
 */
public final class ParquetStage {

    /** Org × month rows at 1x: a year of about 83,000 organizations, or a decade of 8,300. */
    static final long ROWS_AT_1X = 1_000_000;
    private static final int YEAR = 2025;

    private final Path work;

    /** Works in {@code work} (files are deleted afterwards). */
    public ParquetStage(Path work) {
        this.work = work;
    }

    /** Runs the stage at {@code scale} (a multiplier of {@link #ROWS_AT_1X}). */
    public List<Measurement> run(String scaleName, double scale) throws IOException, SQLException {
        long rows = (long) (ROWS_AT_1X * scale);
        Schema schema = orgMonthSchema();
        ParquetDatasetWriter writer = new ParquetDatasetWriter();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            // Warm both writers (JIT, DuckDB's first-query set-up) on a throw-away run of the same
            // rows: a shorter one (100k rows until 2026-12-03) left the Java writer's hot code
            // mostly uncompiled, so the timed run paid for its JIT compilation.
            writer.write(dataset(schema, rows), work.resolve("warm-up-ours"));
            duckCopy(duck, rows, work.resolve("warm-up-duckdb.parquet"));

            HeapProbe.heapAfterGcMiB();
            HeapProbe.resetPeak();
            long cpu = processCpuNanos();
            long start = System.nanoTime();
            Path ours = writer.write(dataset(schema, rows), work.resolve("ours"));
            double oursSeconds = (System.nanoTime() - start) / 1e9;
            double oursCpuSeconds = (processCpuNanos() - cpu) / 1e9;
            double oursPeakHeap = HeapProbe.peakHeapMiB();

            Path theirs = work.resolve("duckdb.parquet");
            cpu = processCpuNanos();
            start = System.nanoTime();
            duckCopy(duck, rows, theirs);
            double duckSeconds = (System.nanoTime() - start) / 1e9;
            double duckCpuSeconds = (processCpuNanos() - cpu) / 1e9;

            boolean identical = sameRows(duck, ours, theirs);
            long oursBytes = Files.size(ours);
            long duckBytes = Files.size(theirs);
            Measurement speed = Measurement.of("reporting-parquet", scaleName, "org_month rows/s written to Parquet (ParquetDatasetWriter, ZSTD)",
                    rows / oursSeconds, "rows/s", "DuckDB COPY TO parquet ZSTD (same rows)", rows / duckSeconds, true, 1.0)
                    .with("rows", rows).with("seconds", oursSeconds).with("baselineSeconds", duckSeconds)
                    .with("cpuSeconds", oursCpuSeconds).with("baselineCpuSeconds", duckCpuSeconds)
                    .with("peakHeapMiB", oursPeakHeap).with("rowsIdenticalPerDuckDB", identical)
                    .with("duckdbThreads", Runtime.getRuntime().availableProcessors());
            Measurement size = Measurement.of("reporting-parquet", scaleName, "org_month file size (ParquetDatasetWriter)",
                    oursBytes / 1048576.0, "MiB", "DuckDB file of the same rows", duckBytes / 1048576.0, false, Double.NaN)
                    .with("bytes", oursBytes).with("baselineBytes", duckBytes);
            Measurement cpuTime = Measurement.of("reporting-parquet", scaleName, "org_month process CPU seconds per million rows (ParquetDatasetWriter)",
                    oursCpuSeconds * 1e6 / rows, "CPU s / M rows", "DuckDB COPY of the same rows", duckCpuSeconds * 1e6 / rows, false, Double.NaN)
                    .with("cpuSeconds", oursCpuSeconds).with("baselineCpuSeconds", duckCpuSeconds);
            return List.of(speed, size, cpuTime);
        }
    }

    /**
     * CPU time of this whole process (every thread: the writer's, DuckDB's native ones, GC and JIT), so
     * the two writers' cost can be compared on a machine that other jobs load.
     */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** The column schema of the report's org_month dataset, taken from the reporting module itself. */
    static Schema orgMonthSchema() {
        ReportSnapshot empty = new ReportSnapshot(YEAR, new SnapshotOffsets(Map.of()), new TreeMap<>(), List.of(), List.of(), List.of(),
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(),
                org.bluebutton.analytics.reporting.model.ReportPeriod.wholeYear(YEAR));
        return Datasets.of(empty).stream().filter(d -> d.name().equals(Datasets.ORG_MONTH)).findFirst().orElseThrow().schema();
    }

    /** Rows made on demand from their row number, as {@link #duckCopy} makes them in SQL. */
    static Dataset<Long> dataset(Schema schema, long rows) {
        Iterable<Long> rowNumbers = () -> LongStream.range(0, rows).iterator();
        return new Dataset<>(Datasets.ORG_MONTH, YEAR, schema, rows, rowNumbers, ParquetStage::fill);
    }

    private static void fill(long i, Row r) {
        long org = i / 12;
        int month = (int) (i % 12) + 1;
        r.string(orgId(org));
        r.integer(month);
        r.bigint((i * 7919) % 100_000);
        r.bigint((i * 104_729) % 50_000);
        r.bigint((i * 31) % 500);
        r.bigint((i * 131) % 20_000);
        r.bigint((i * 17) % 3_000 + 1);
        if (i % 4 == 3) {
            r.date(null);
            r.bigint((Long) null);
            r.bigint((Long) null);
            r.bigint((Long) null);
        } else {
            long patients = (org * 37) % 1_000_000 + month * 10L;
            r.date(LocalDate.of(YEAR, month, 28));
            r.bigint(patients);
            r.bigint(i % 3 == 0 ? null : patients + 1_000);
            r.bigint(i % 2 == 0 ? null : patients / 2);
        }
    }

    /** "org-" and the number zero-padded to 7 digits, cheaper than String.format (input, not the writer, would be timed). */
    private static String orgId(long org) {
        String digits = Long.toString(org);
        return "org-" + "0000000".substring(Math.min(7, digits.length())) + digits;
    }

    private static void duckCopy(Connection duck, long rows, Path file) throws SQLException {
        String select = """
                SELECT 'org-' || lpad(CAST(i // 12 AS VARCHAR), 7, '0') AS org_id,
                       CAST(i % 12 + 1 AS INTEGER) AS month,
                       (i * 7919) % 100000 AS views,
                       (i * 104729) % 50000 AS downloads,
                       (i * 31) % 500 AS transmits,
                       (i * 131) % 20000 AS api_accesses,
                       (i * 17) % 3000 + 1 AS events,
                       CASE WHEN i % 4 = 3 THEN NULL ELSE make_date(%1$d, CAST(i %% 12 + 1 AS INTEGER), 28) END AS access_as_of,
                       CASE WHEN i % 4 = 3 THEN NULL ELSE (i // 12 * 37) % 1000000 + (i % 12 + 1) * 10 END AS patients_with_access,
                       CASE WHEN i % 4 = 3 OR i % 3 = 0 THEN NULL ELSE (i // 12 * 37) % 1000000 + (i % 12 + 1) * 10 + 1000 END AS patients_offered,
                       CASE WHEN i % 4 = 3 OR i % 2 = 0 THEN NULL ELSE ((i // 12 * 37) % 1000000 + (i % 12 + 1) * 10) // 2 END AS patients_registered
                FROM range(%2$d) t(i)
                """.replace("%1$d", Integer.toString(YEAR)).replace("%2$d", Long.toString(rows)).replace("%%", "%");
        try (Statement s = duck.createStatement()) {
            s.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet, COMPRESSION zstd)");
        }
    }

    private static boolean sameRows(Connection duck, Path ours, Path theirs) throws SQLException {
        String a = "read_parquet('" + ours + "', hive_partitioning = false)";
        String b = "read_parquet('" + theirs + "', hive_partitioning = false)";
        try (Statement s = duck.createStatement();
                ResultSet r = s.executeQuery("SELECT (SELECT count(*) FROM (SELECT * FROM " + a + " EXCEPT ALL SELECT * FROM " + b + "))"
                        + " + (SELECT count(*) FROM (SELECT * FROM " + b + " EXCEPT ALL SELECT * FROM " + a + "))"
                        + ", (SELECT count(*) FROM " + a + "), (SELECT count(*) FROM " + b + ")")) {
            r.next();
            return r.getLong(1) == 0 && r.getLong(2) == r.getLong(3);
        }
    }
}
