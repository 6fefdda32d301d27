package org.bluebutton.analytics.reporting;

import java.nio.file.Path;
import org.bluebutton.analytics.reporting.cli.ReportCommand;

/**
 * Runs the report in a child JVM and halts that JVM abruptly (no shutdown hooks, no finally blocks:
 * like {@code kill -9}) after a given number of files were written. Arguments: the file count, then
 * the report command's arguments.
 */
public final class KilledReportMain {

    static final int KILLED_EXIT_CODE = 137;

    private KilledReportMain() {
    }

    public static void main(String[] args) {
        int killAfter = Integer.parseInt(args[0]);
        String[] reportArgs = java.util.Arrays.copyOfRange(args, 1, args.length);
        int year = Integer.parseInt(value(reportArgs, "--year"));
        ReportOptions options = ReportOptions.localDefaults(year, Path.of(value(reportArgs, "--out")))
                .withConnection(value(reportArgs, "--bootstrap-servers"), value(reportArgs, "--schema-registry-url"))
                .withTopicPrefix(value(reportArgs, "--topic-prefix"))
                .withStreams(new ReportOptions.StreamsCheck(value(reportArgs, "--streams-application-id"), java.time.Duration.ofSeconds(10), false));
        int[] written = {0};
        AnnualReport.run(options, new ReportProgress() {
            @Override
            public void fileWritten(String relativePath, long rows, long bytes) {
                if (++written[0] == killAfter) {
                    Runtime.getRuntime().halt(KILLED_EXIT_CODE);
                }
            }
        });
        System.err.println("the run finished although it should have been killed; " + ReportCommand.class.getSimpleName() + " not reached");
        System.exit(0);
    }

    private static String value(String[] args, String name) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        throw new IllegalArgumentException("missing " + name);
    }
}
