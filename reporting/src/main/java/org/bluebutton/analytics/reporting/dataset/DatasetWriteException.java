package org.bluebutton.analytics.reporting.dataset;

import org.bluebutton.analytics.reporting.ReportException;

/** A Parquet file could not be written; the message names the file. */
public final class DatasetWriteException extends ReportException {

    public DatasetWriteException(String relativePath, String reason, Throwable cause) {
        super("Could not write " + relativePath + ": " + reason, cause);
    }

    @Override
    public int exitCode() {
        return EXIT_FAILED;
    }
}
