package org.bluebutton.analytics.reporting;

/**
 * Base of the report tool's failures. {@link #exitCode()} tells the command line what to return:
 * {@link #EXIT_SOURCES} when the settings or the sources cannot be used (fix the command or the
 * cluster and run again), {@link #EXIT_FAILED} when the run itself failed.
 */
public abstract class ReportException extends RuntimeException {

    /** The run failed while reading records or writing output; the previous output is untouched. */
    public static final int EXIT_FAILED = 1;
    /** Bad options, or Kafka, the registry or a topic cannot be used. */
    public static final int EXIT_SOURCES = 2;

    protected ReportException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The process exit code for this failure. */
    public abstract int exitCode();
}
