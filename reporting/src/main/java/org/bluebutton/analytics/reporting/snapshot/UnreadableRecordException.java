package org.bluebutton.analytics.reporting.snapshot;

import org.bluebutton.analytics.reporting.ReportException;

/**
 * A record on a source topic cannot be decoded. The report refuses to guess: a number silently
 * missing from an annual report is worse than no report.
 */
public final class UnreadableRecordException extends ReportException {

    public UnreadableRecordException(String topic, int partition, long offset, Throwable cause) {
        super("Record " + topic + "-" + partition + "@" + offset + " cannot be read: " + cause.getMessage(), cause);
    }

    @Override
    public int exitCode() {
        return EXIT_FAILED;
    }
}
