package org.bluebutton.analytics.reporting.snapshot;

import org.bluebutton.analytics.reporting.ReportException;

/** The schema registry named by {@code --schema-registry-url} cannot be used. */
public final class RegistryUnavailableException extends ReportException {

    public RegistryUnavailableException(String url, String reason, Throwable cause) {
        super("Schema registry at " + url + " cannot be used: " + reason + " (check --schema-registry-url)", cause);
    }

    @Override
    public int exitCode() {
        return EXIT_SOURCES;
    }
}
