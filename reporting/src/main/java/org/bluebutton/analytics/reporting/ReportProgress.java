package org.bluebutton.analytics.reporting;

import java.io.PrintStream;
import java.util.Locale;

/**
 * What a run tells the person waiting for it. Called on the run's thread, in order.
 */
public interface ReportProgress {

    /** The streams application was checked before the snapshot ({@code caughtUp}: it had committed everything it read). */
    default void streamsChecked(String applicationId, boolean caughtUp, String lag) {
    }

    /** The end offsets of every source topic are fixed; reading starts. */
    default void snapshotFixed(int topics, long recordsToRead) {
    }

    /** {@code records} records of {@code topic} read so far ({@code done}: the topic is complete). */
    default void topicRead(String topic, long records, boolean done) {
    }

    /** One output file is complete. */
    default void fileWritten(String relativePath, long rows, long bytes) {
    }

    /** Progress that prints one line per event to {@code out}. */
    static ReportProgress printingTo(PrintStream out) {
        return new ReportProgress() {
            @Override
            public void streamsChecked(String applicationId, boolean caughtUp, String lag) {
                out.printf(Locale.ROOT, "streams application %s: %s%n", applicationId, caughtUp ? "has committed everything it read"
                        : "NOT caught up, running anyway as told (--ignore-streams-lag): " + lag);
            }

            @Override
            public void snapshotFixed(int topics, long recordsToRead) {
                out.printf(Locale.ROOT, "snapshot: end offsets of %d topics fixed, up to %,d records to read%n", topics, recordsToRead);
            }

            @Override
            public void topicRead(String topic, long records, boolean done) {
                out.printf(Locale.ROOT, "%s %s: %,d records%n", done ? "read" : "reading", topic, records);
            }

            @Override
            public void fileWritten(String relativePath, long rows, long bytes) {
                out.printf(Locale.ROOT, "wrote %s (%s%,d bytes)%n", relativePath, rows < 0 ? "" : String.format(Locale.ROOT, "%,d rows, ", rows), bytes);
            }
        };
    }

    /** Progress nobody watches. */
    static ReportProgress silent() {
        return new ReportProgress() {
        };
    }
}
