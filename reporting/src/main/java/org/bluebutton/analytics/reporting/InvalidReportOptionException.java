package org.bluebutton.analytics.reporting;

/** An option value the run cannot use; the message names the option. */
public final class InvalidReportOptionException extends ReportException {

    public InvalidReportOptionException(String message) {
        super(message, null);
    }

    @Override
    public int exitCode() {
        return EXIT_SOURCES;
    }
}
