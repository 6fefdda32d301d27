package org.bluebutton.analytics.simulator.run;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Year;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bluebutton.analytics.simulator.config.IngestConnection;
import org.bluebutton.analytics.simulator.config.InvalidSimulationConfigException;
import org.bluebutton.analytics.simulator.config.SimulationConfig;
import org.bluebutton.analytics.simulator.plan.Simulation;
import org.bluebutton.analytics.simulator.plan.SimulationPlan;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code simulator}: simulates the pledge program against a running ingest service and writes the
 * ground truth. Exit code 0: done; 1: the run failed (the message says why); 2: invalid options.
 */
@Command(name = "simulator", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Drives the ingest API like the pledge program's participants would, seeded and deterministic, "
                + "and writes the ground truth: the figures the pipeline must report.")
public final class SimulatorCommand implements Callable<Integer> {

    /** Environment variable with the staff key (an argument would be visible to other users). */
    public static final String STAFF_KEY_ENVIRONMENT = "BLUEBUTTON_SIMULATOR_STAFF_KEY";

    @Option(names = "--ingest-url", defaultValue = "http://localhost:8080", description = "ingest base URL (default: ${DEFAULT-VALUE})")
    URI ingestUrl;

    @Option(names = "--staff-key", description = "staff key bbs_...; default: $" + STAFF_KEY_ENVIRONMENT)
    String staffKey;

    @Option(names = "--organizations", description = "organizations (default: " + SimulationConfig.DEFAULT_ORGANIZATIONS + ")")
    Integer organizations;

    @Option(names = "--years", description = "simulated years (default: " + SimulationConfig.DEFAULT_YEARS + ")")
    Integer years;

    @Option(names = "--start-year", description = "first simulated year (default: the years end with the last full calendar year)")
    Integer startYear;

    @Option(names = "--seed", description = "seed of every choice (default: " + SimulationConfig.DEFAULT_SEED + ")")
    Long seed;

    @Option(names = "--scale", description = "multiplies download-activity volume (default: 1.0)")
    Double scale;

    @Option(names = "--run-tag", defaultValue = "", description = "prefix of organization ids, to run again on the same ingest (default: none)")
    String runTag;

    @Option(names = "--grace", description = "the streams application's grace period, ISO-8601 (default: P35D)")
    Duration grace;

    @Option(names = "--concurrency", defaultValue = "" + IngestConnection.DEFAULT_CONCURRENCY,
            description = "organizations in flight at once (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--truth-out", defaultValue = "target/simulator/ground-truth.json",
            description = "where the ground truth JSON is written (default: ${DEFAULT-VALUE})")
    Path truthOut;

    @Option(names = "--plan-only", description = "print what would be sent, send nothing")
    boolean planOnly;

    private final Clock clock;
    private final PrintStream out;

    /** A command for now, printing to standard output. */
    public SimulatorCommand() {
        this(Clock.systemUTC(), System.out);
    }

    SimulatorCommand(Clock clock, PrintStream out) {
        this.clock = clock;
        this.out = out;
    }

    /** The configuration the options describe; defaults for what is not given. */
    SimulationConfig config() {
        SimulationConfig defaults = SimulationConfig.defaults(clock);
        int simulatedYears = years == null ? defaults.years() : years;
        int firstYear = startYear != null ? startYear : Year.now(clock).getValue() - simulatedYears;
        return new SimulationConfig(organizations == null ? defaults.organizations() : organizations, simulatedYears, firstYear,
                seed == null ? defaults.seed() : seed, scale == null ? defaults.scale() : scale, runTag,
                grace == null ? defaults.grace() : grace).requireCompletedBefore(clock);
    }

    @Override
    public Integer call() {
        SimulationConfig config = config();
        if (planOnly) {
            SimulationPlan plan = Simulation.plan(config);
            out.printf(Locale.ROOT, "simulator plan: %d organizations, %s to %s: %,d requests, %,d download events%n",
                    config.organizations(), config.firstMonth(), config.lastMonth(), plan.requests(), plan.downloadEventsSent());
            return 0;
        }
        String key = staffKey != null ? staffKey : System.getenv(STAFF_KEY_ENVIRONMENT);
        IngestConnection connection = new IngestConnection(ingestUrl, key, concurrency, IngestConnection.DEFAULT_MAX_ATTEMPTS,
                IngestConnection.DEFAULT_REQUEST_TIMEOUT, IngestConnection.DEFAULT_MAX_RETRY_WAIT);
        SimulationResult result = SimulatorRun.run(config, connection, out);
        result.truth().write(truthOut);
        out.println("simulator: ground truth written to " + truthOut.toAbsolutePath());
        return 0;
    }

    public static void main(String[] args) {
        CommandLine commandLine = new CommandLine(new SimulatorCommand());
        commandLine.setExecutionExceptionHandler((exception, line, parsed) -> {
            line.getErr().println("simulator failed: " + exception.getMessage());
            return exception instanceof InvalidSimulationConfigException ? 2 : 1;
        });
        int exitCode = commandLine.execute(args);
        // No exit on success: under exec:java that would end Maven's own JVM.
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }
}
