package org.bluebutton.analytics.reporting.snapshot;

import org.bluebutton.analytics.reporting.ReportException;

/** Reading a source topic up to its snapshot offsets failed or stalled; the message names the topic. */
public final class SnapshotReadException extends ReportException {

    public SnapshotReadException(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public int exitCode() {
        return EXIT_FAILED;
    }
}
