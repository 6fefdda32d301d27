package org.bluebutton.analytics.localrun;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Year;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.bluebutton.analytics.harness.Pipeline;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.LocalStackMain;
import org.bluebutton.analytics.localstack.StackPorts;
import org.bluebutton.analytics.localstack.process.ChildProcess;
import org.bluebutton.analytics.reporting.AnnualReport;
import org.bluebutton.analytics.reporting.ReportException;
import org.bluebutton.analytics.reporting.ReportOptions;
import org.bluebutton.analytics.reporting.ReportProgress;
import org.bluebutton.analytics.reporting.ReportResult;
import org.bluebutton.analytics.simulator.config.IngestConnection;
import org.bluebutton.analytics.simulator.config.SimulationConfig;
import org.bluebutton.analytics.simulator.run.SimulationResult;
import org.bluebutton.analytics.simulator.run.SimulatorRun;
import org.bluebutton.analytics.simulator.truth.GroundTruth;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code local-run}: the whole program on one machine. Starts the local stack (Kafka + schema
 * registry) on an empty data directory, ingest, streams and its query API; plays the simulated pledge
 * program through ingest; waits until the query API reports exactly the simulator's ground truth;
 * writes the annual report of the last simulated year into {@code --out} and checks its datasets
 * against the truth; then serves, printing the URLs, until Ctrl-C, which stops ingest, streams and
 * the stack in that order.
 */
@Command(name = "local-run", mixinStandardHelpOptions = true,
        description = "Runs Kafka, the schema registry, ingest, streams, the simulator and the annual report locally, without Docker.")
public final class LocalRun implements Callable<Integer> {

    private static final Duration CATCH_UP_TIMEOUT = Duration.ofMinutes(5);

    @Option(names = "--data-dir", defaultValue = "target/local-run", description = "Data directory, emptied at start (default: ${DEFAULT-VALUE})")
    Path dataDirectory;

    @Mixin
    StackPorts stackPorts;

    @Option(names = "--ingest-port", defaultValue = "8080", description = "Ingest HTTP port (default: ${DEFAULT-VALUE})")
    int ingestPort;

    @Option(names = "--query-port", defaultValue = "8090", description = "Query API, Hub and dashboard HTTP port (default: ${DEFAULT-VALUE})")
    int queryPort;

    @Option(names = "--out", defaultValue = "out", description = "Where the annual report is written (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--organizations", defaultValue = "600", description = "Simulated organizations; 0 skips the simulation and the report (default: ${DEFAULT-VALUE})")
    int organizations;

    @Option(names = "--years", defaultValue = "3", description = "Simulated years, ending with the last full calendar year (default: ${DEFAULT-VALUE})")
    int years;

    @Option(names = "--seed", defaultValue = "20130405", description = "Simulation seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        // Kafka keeps its data but the local registry keeps schemas in memory only: start both empty.
        ChildProcess.deleteRecursively(dataDirectory);
        LocalStack stack = stackPorts.startOwned(dataDirectory, stopped);
        Pipeline pipeline;
        try {
            pipeline = Pipeline.on(stack).ports(ingestPort, queryPort).stateDirectory(dataDirectory.resolve("streams-state"))
                    .instanceId("local-run").start();
        } catch (RuntimeException e) {
            stack.close();
            stopped.countDown();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("Stopping ingest, the query API, streams, then the local stack...");
            try {
                pipeline.close();
            } finally {
                try {
                    stack.close();
                } finally {
                    stopped.countDown();
                }
            }
        }, "local-run-shutdown"));
        Integer lastSimulatedYear = null;
        if (organizations > 0) {
            lastSimulatedYear = simulateAndReport(stack, pipeline, System.out);
        }
        printUrls(stack, pipeline, lastSimulatedYear);
        stopped.await();
        return 0;
    }

    /** Simulates, checks the query API, writes and checks the report; returns the last simulated year. */
    private int simulateAndReport(LocalStack stack, Pipeline pipeline, PrintStream console) throws InterruptedException {
        SimulationConfig defaults = SimulationConfig.defaults(Clock.systemUTC());
        int lastYear = defaults.startYear() + defaults.years() - 1;
        SimulationConfig config = new SimulationConfig(organizations, years, lastYear - years + 1, seed, 1.0, "", defaults.grace());
        console.println("Simulating " + organizations + " organizations over " + config.startYear() + "-" + lastYear + " through ingest...");
        SimulationResult simulation = SimulatorRun.run(config, IngestConnection.of(URI.create(pipeline.ingestUrl()), pipeline.staffKey().reveal()),
                console);
        GroundTruth truth = simulation.truth();
        truth.write(dataDirectory.resolve("ground-truth.json"));

        console.println("Waiting for streams to report the simulated figures...");
        TruthComparison comparison = new TruthComparison(pipeline.queryUrl(), pipeline.staffKey().reveal());
        List<String> differences = awaitTruth(comparison, truth);
        report("query API", differences, console);

        Path reportDirectory = out.toAbsolutePath();
        console.println("Writing the annual report for " + lastYear + " into " + reportDirectory
                + " once streams has committed everything it read...");
        ReportResult result;
        try {
            // The report waits for streams itself (CommittedCatchUp, the report command's own check).
            result = AnnualReport.run(ReportOptions.localDefaults(lastYear, reportDirectory)
                    .withConnection(stack.bootstrapServers(), stack.schemaRegistryUrl())
                    .withStreams(new ReportOptions.StreamsCheck(pipeline.streamsApplicationId(), CATCH_UP_TIMEOUT, false)),
                    ReportProgress.printingTo(console));
        } catch (ReportException e) {
            console.println("The annual report was not written: " + e.getMessage());
            return lastYear;
        }
        report("annual report datasets", new ReportComparison(result.out()).differences(truth, lastYear), console);
        return lastYear;
    }

    /**
     * The staff dashboard on {@code year} (the last simulated year, so a new user sees its figures rather
     * than an empty current year); without a year the page opens on the latest year with figures.
     */
    static String dashboardUrl(String queryUrl, Integer year) {
        return queryUrl + "/dashboard" + (year == null ? "" : "?year=" + year);
    }

    /** Polls until the query API equals the truth (a 503 while stores settle is retried) or the time is up. */
    static List<String> awaitTruth(TruthComparison comparison, GroundTruth truth) throws InterruptedException {
        long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
        List<String> differences = List.of("not compared yet");
        while (System.nanoTime() < deadline) {
            try {
                if (comparison.programYearsMatch(truth)) {
                    differences = comparison.differences(truth);
                    if (differences.isEmpty()) {
                        return differences;
                    }
                }
            } catch (QueryAnswerException e) {
                differences = List.of(e.getMessage());
            }
            Thread.sleep(1_000);
        }
        return differences;
    }

    private static void report(String what, List<String> differences, PrintStream console) {
        if (differences.isEmpty()) {
            console.println("Check: the " + what + " equal the simulator's ground truth exactly.");
        } else {
            console.println("Check FAILED: the " + what + " differ from the ground truth in " + differences.size() + " figures, e.g.:");
            differences.stream().limit(10).forEach(difference -> console.println("  " + difference));
        }
    }

    private void printUrls(LocalStack stack, Pipeline pipeline, Integer lastSimulatedYear) {
        System.out.println();
        System.out.println("Blue Button Pledge Analytics is running locally. Ctrl-C stops it.");
        System.out.println("  staff dashboard     = " + dashboardUrl(pipeline.queryUrl(), lastSimulatedYear) + " (enter the staff key below)");
        System.out.println("  query API           = " + pipeline.queryUrl() + "/v1/program/summary?year="
                + (lastSimulatedYear == null ? Year.now().getValue() - 1 : lastSimulatedYear));
        System.out.println("  Blue Button Hub     = " + pipeline.queryUrl() + "/hub");
        System.out.println("  Take the Pledge     = " + pipeline.ingestUrl() + "/pledge (public sign-up)");
        System.out.println("  staff pages         = " + pipeline.ingestUrl() + "/staff (organizations, keys, pledge requests; staff key below)");
        System.out.println("  query OpenAPI       = " + pipeline.queryUrl() + "/openapi/bluebutton-query-v1.yml");
        System.out.println("  ingest API          = " + pipeline.ingestUrl() + "/v1/organizations");
        System.out.println("  ingest OpenAPI      = " + pipeline.ingestUrl() + "/openapi/bluebutton-ingest-v1.yml");
        System.out.println("  health, metrics     = " + pipeline.ingestUrl() + "/health, " + pipeline.ingestUrl() + "/prometheus (ingest); "
                + pipeline.queryUrl() + "/health, " + pipeline.queryUrl() + "/prometheus (streams)");
        System.out.println("  staff key (this run)= " + pipeline.staffKey().reveal());
        if (organizations > 0) {
            System.out.println("  annual report       = " + out.toAbsolutePath().resolve("public") + " (HTML, PDF, CSV tables; publishable), exact datasets in "
                    + out.toAbsolutePath().resolve("restricted/datasets") + " (restricted)");
            System.out.println("  ground truth        = " + dataDirectory.toAbsolutePath().resolve("ground-truth.json"));
        }
        System.out.println("  bootstrap.servers   = " + stack.bootstrapServers());
        System.out.println("  schema.registry.url = " + stack.schemaRegistryUrl());
        System.out.println("  data directory      = " + dataDirectory.toAbsolutePath());
    }

    /** The console's logging: the local stack's, less the producer's routine transaction retries. */
    static final String LOGBACK_CONFIGURATION = "org/bluebutton/analytics/localrun/local-run-logback.xml";

    public static void main(String[] args) {
        System.setProperty("logback.configurationFile", System.getProperty("logback.configurationFile", LOGBACK_CONFIGURATION));
        int exitCode = new CommandLine(new LocalRun()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }
}
