package org.bluebutton.analytics.reporting.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.bluebutton.analytics.contracts.security.InvalidSecuritySettingException;
import org.bluebutton.analytics.contracts.security.KafkaClientSecurity;
import org.bluebutton.analytics.contracts.security.RegistryClientSecurity;
import org.bluebutton.analytics.reporting.AnnualReport;
import org.bluebutton.analytics.reporting.ReportException;
import org.bluebutton.analytics.reporting.ReportOptions;
import org.bluebutton.analytics.reporting.ReportProgress;
import org.bluebutton.analytics.reporting.ReportResult;
import org.bluebutton.analytics.reporting.ToolVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code report --year 2025 --out <dir>}: the annual report from the command line. Progress goes to
 * standard error, the one-line summary to standard output. Exit codes: 0 published; 1 the run
 * failed (nothing published, the previous output untouched); 2 bad options, or Kafka, the registry
 * or a topic cannot be used.
 */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = ReportCommand.Version.class,
        description = "Snapshots the aggregate topics and writes the annual report: Parquet datasets, HTML, PDF and manifest.json.")
public final class ReportCommand implements Callable<Integer> {

    @Option(names = "--year", required = true, description = "Calendar year of the report, e.g. 2025.")
    int year;

    @Option(names = "--out", required = true, description = "Output directory: new, empty or a previous report; replaced as a whole when the run succeeds.")
    Path outDirectory;

    @Option(names = "--bootstrap-servers", description = "Kafka bootstrap servers (default: ${DEFAULT-VALUE}).")
    String bootstrapServers = ReportOptions.DEFAULT_BOOTSTRAP_SERVERS;

    @Option(names = "--schema-registry-url", description = "Confluent-compatible schema registry API (default: ${DEFAULT-VALUE}).")
    String schemaRegistryUrl = ReportOptions.DEFAULT_SCHEMA_REGISTRY_URL;

    @Option(names = "--topic-prefix", description = "Prefix of every topic name (default: none).")
    String topicPrefix = ReportOptions.DEFAULT_TOPIC_PREFIX;

    @Option(names = "--connect-timeout", description = "Seconds Kafka and the registry may take to answer (default: ${DEFAULT-VALUE}).")
    long connectTimeoutSeconds = ReportOptions.DEFAULT_CONNECT_TIMEOUT.toSeconds();

    @Option(names = "--read-timeout", description = "Seconds reading may make no progress before the run gives up (default: ${DEFAULT-VALUE}).")
    long readTimeoutSeconds = ReportOptions.DEFAULT_READ_TIMEOUT.toSeconds();

    @Option(names = "--through", description = "Year to date: the last day of a month of --year (e.g. 2026-08-31), compared with the same months of the year before.")
    java.time.LocalDate through;

    @Option(names = "--streams-application-id", description = "Streams application that must have committed everything it read (default: ${DEFAULT-VALUE}).")
    String streamsApplicationId = ReportOptions.StreamsCheck.DEFAULT_APPLICATION_ID;

    @Option(names = "--streams-wait", description = "Seconds to wait for streams to commit everything it read before exiting 2 (default: ${DEFAULT-VALUE}).")
    long streamsWaitSeconds = ReportOptions.StreamsCheck.DEFAULT_WAIT.toSeconds();

    @Option(names = "--ignore-streams-lag", description = "Run even if streams has not committed everything it read; the manifest records the lag.")
    boolean ignoreStreamsLag;

    private final PrintStream stdout;
    private final PrintStream err;

    /** For the command line: standard output and error. */
    public ReportCommand() {
        this(System.out, System.err);
    }

    /** For callers in the same JVM (tests, the local run). */
    public ReportCommand(PrintStream out, PrintStream err) {
        this.stdout = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(execute(args, System.out, System.err));
    }

    /** Parses {@code args}, runs the report and returns the exit code. */
    public static int execute(String[] args, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new ReportCommand(out, err));
        commandLine.setOut(new java.io.PrintWriter(out, true));
        commandLine.setErr(new java.io.PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Override
    public Integer call() {
        try {
            ReportOptions options = new ReportOptions(year, outDirectory, bootstrapServers, schemaRegistryUrl, topicPrefix,
                    Duration.ofSeconds(connectTimeoutSeconds), Duration.ofSeconds(readTimeoutSeconds),
                    new ReportOptions.StreamsCheck(streamsApplicationId, Duration.ofSeconds(streamsWaitSeconds), ignoreStreamsLag), through,
                    // Secrets from the environment only: options are visible to every user of the machine.
                    KafkaClientSecurity.fromEnvironment(), RegistryClientSecurity.fromEnvironment());
            ReportResult result = AnnualReport.run(options, ReportProgress.printingTo(err));
            stdout.println(result.summary());
            return 0;
        } catch (ReportException e) {
            err.println("report failed: " + e.getMessage());
            return e.exitCode();
        } catch (InvalidSecuritySettingException e) {
            err.println("report failed: " + e.getMessage());
            return ReportException.EXIT_SOURCES;
        } catch (RuntimeException e) {
            err.println("report failed: " + e);
            e.printStackTrace(err);
            return ReportException.EXIT_FAILED;
        }
    }

    /** {@code --version}. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {ToolVersion.TOOL + " " + ToolVersion.version()};
        }
    }
}
