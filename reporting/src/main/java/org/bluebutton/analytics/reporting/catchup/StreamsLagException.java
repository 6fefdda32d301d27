package org.bluebutton.analytics.reporting.catchup;

import org.bluebutton.analytics.reporting.ReportException;

/**
 * The streams application has not committed everything it read: a snapshot now would publish figures
 * that are about to change. The message names the application and the lag, and how to go ahead.
 */
public final class StreamsLagException extends ReportException {

    public StreamsLagException(String applicationId, long waitedSeconds, CommittedCatchUp.Lag lag) {
        super("Streams application " + applicationId + " has not committed everything it read after " + waitedSeconds + " s: " + lag.describe()
                + ". Wait for it (--streams-wait <seconds>), check --streams-application-id, or run anyway with --ignore-streams-lag "
                + "(the manifest then records the lag).", null);
    }

    @Override
    public int exitCode() {
        return EXIT_SOURCES;
    }
}
