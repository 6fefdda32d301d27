package org.bluebutton.analytics.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The benchmark suite's command (README "Benchmarks"): runs the chosen stages at the chosen scales,
 * each figure next to a baseline measured in the same run, prints the table and writes
 * {@code results.json} and {@code results.md} under {@code --out}.
 */
@Command(name = "pledge-benchmark", mixinStandardHelpOptions = true,
        description = "Measures ingest, streams, freshness, the query API and reporting against Kafka's and DuckDB's own tools.")
public final class PledgeBenchmark implements Callable<Integer> {

    /** The stages, in the order they run. */
    enum Stage { parquet, ingest, streams, report, freshness, query }

    @Option(names = "--scale", split = ",", defaultValue = "1x",
            description = "Scales to run, comma-separated: 1x, 4x, 16x (any Nx, e.g. 0.1x for a quick try). 1x: 1 M Parquet rows, 500k ingest events, 500k history events.")
    List<String> scales;

    @Option(names = "--stages", split = ",", defaultValue = "parquet,ingest,streams,report,freshness,query",
            description = "Stages to run (report, freshness and query need the streams stage's replay and run it too): ${DEFAULT-VALUE}")
    Set<Stage> stages = EnumSet.noneOf(Stage.class);

    @Option(names = "--out", description = "Result directory (default: results/<UTC timestamp>, relative to the benchmarks module).")
    Path out;

    @Option(names = "--clients", defaultValue = "4", description = "Concurrent HTTP clients of the ingest stage.")
    int clients;

    @Option(names = "--ingest-heap", defaultValue = "512m",
            description = "Heap of the ingest JVM the ingest stage loads (its own process); 'in-process' loads the benchmark JVM's ingest instead.")
    String ingestHeap;

    @Option(names = "--ingest-jvm-option", description = "Extra option of the ingest JVM (repeatable), e.g. -XX:StartFlightRecording=filename=ingest.jfr")
    List<String> ingestJvmOptions = new java.util.ArrayList<>();

    @Option(names = "--commit-interval", defaultValue = "PT0.1S", description = "Streams commit interval (the application's default).")
    Duration commitInterval;

    @Option(names = "--organizations", defaultValue = "600", description = "Pledged organizations (two in three data holders).")
    int organizations;

    @Option(names = "--years", defaultValue = "10", description = "Years of history before the current year.")
    int years;

    @Option(names = "--query-rate", split = ",", defaultValue = "50,200,500",
            description = "Request rates of the query stage, comma-separated (each is run on its own): ${DEFAULT-VALUE}.")
    List<Integer> queryRates;

    @Option(names = "--query-seconds", defaultValue = "10", description = "Seconds per endpoint of the query stage.")
    int querySeconds;

    @Option(names = "--freshness-probes", defaultValue = "100", description = "Probe events of the freshness stage (sent 5 per second).")
    int freshnessProbes;

    @Option(names = "--background-rate", defaultValue = "200", description = "Background download events/s during the freshness stage.")
    int backgroundRate;

    /** Runs the suite; exit code 0 when every stage ran. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new PledgeBenchmark()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        String stamp = LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
        Path results = out != null ? out : Path.of("results", stamp);
        Results table = new Results();
        table.describe("started", Instant.now().toString());
        table.describe("machine", Runtime.getRuntime().availableProcessors() + " cores visible, Java " + System.getProperty("java.version")
                + ", benchmark JVM max heap " + Runtime.getRuntime().maxMemory() / 1048576 + " MiB");
        table.describe("loadAverageAtStart", loadAverage());
        table.describe("options", "scales " + scales + ", stages " + stages + ", clients " + clients + ", ingest heap " + ingestHeap + ", commit interval " + commitInterval
                + ", organizations " + organizations + ", years " + years + ", query " + queryRates + " req/s × " + querySeconds + " s");
        Path work = Files.createTempDirectory("pledge-benchmark");
        try {
            for (String scaleName : scales) {
                double scale = Double.parseDouble(scaleName.toLowerCase().replace("x", ""));
                runScale(scaleName, scale, work.resolve(scaleName), table);
                System.out.println(table.markdown());
            }
        } finally {
            delete(work);
        }
        table.describe("loadAverageAtEnd", loadAverage());
        table.describe("finished", Instant.now().toString());
        table.write(results);
        System.out.println(table.markdown());
        System.out.println("results: " + results.toAbsolutePath());
        return 0;
    }

    private void runScale(String scaleName, double scale, Path work, Results table) throws Exception {
        Files.createDirectories(work);
        if (stages.contains(Stage.parquet)) {
            progress("parquet " + scaleName);
            table.addAll(new ParquetStage(work).run(scaleName, scale));
        }
        boolean replay = stages.stream().anyMatch(s -> s.compareTo(Stage.streams) >= 0);
        if (!replay && !stages.contains(Stage.ingest)) {
            return;
        }
        progress("starting the local stack and ingest");
        int lastYear = Year.now().getValue() - 1;
        int firstYear = lastYear - years + 1;
        try (BenchPipeline pipeline = BenchPipeline.start()) {
            pipeline.registerOrganizations(organizations, Instant.parse(firstYear + "-01-01T00:00:00Z"));
            HistoryLoader.Loaded history = null;
            if (replay) {
                progress("loading " + years + " years of history");
                history = new HistoryLoader(pipeline).load(YearMonth.of(firstYear, 1), YearMonth.of(lastYear, 12),
                        (long) (StreamsStage.HISTORY_EVENTS_AT_1X * scale));
                progress(String.format("history: %,d download events and %,d snapshots in %.1f s", history.downloadEvents(), history.snapshots(), history.seconds()));
            }
            if (stages.contains(Stage.ingest)) {
                progress("ingest " + scaleName);
                table.addAll(new IngestStage(pipeline, clients, ingestHeap.equals("in-process") ? null : ingestHeap, ingestJvmOptions).run(scaleName, scale));
            }
            if (!replay) {
                return;
            }
            progress("streams " + scaleName);
            table.addAll(new StreamsStage(pipeline, work, commitInterval).run(scaleName, history));
            if (stages.contains(Stage.report)) {
                progress("report " + scaleName);
                table.addAll(new ReportStage(pipeline, work).run(scaleName, lastYear, organizations, years));
            }
            if (stages.contains(Stage.freshness)) {
                progress("freshness " + scaleName);
                table.addAll(new FreshnessStage(pipeline, commitInterval, freshnessProbes, 5, backgroundRate).run(scaleName));
            }
            if (stages.contains(Stage.query)) {
                progress("query " + scaleName);
                for (int rate : queryRates) {
                    table.addAll(new QueryLoadStage(pipeline, rate, Duration.ofSeconds(querySeconds)).run(scaleName));
                }
            }
        }
    }

    private static void progress(String message) {
        System.out.println("[bench " + Instant.now() + "] " + message);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void delete(Path directory) throws IOException {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
