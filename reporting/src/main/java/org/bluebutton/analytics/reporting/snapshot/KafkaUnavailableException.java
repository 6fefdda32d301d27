package org.bluebutton.analytics.reporting.snapshot;

import org.bluebutton.analytics.reporting.ReportException;

/** The Kafka cluster named by {@code --bootstrap-servers} did not answer in time or cannot be addressed. */
public final class KafkaUnavailableException extends ReportException {

    public KafkaUnavailableException(String bootstrapServers, String reason, Throwable cause) {
        super("Kafka at " + bootstrapServers + " cannot be used: " + reason + " (check --bootstrap-servers)", cause);
    }

    @Override
    public int exitCode() {
        return EXIT_SOURCES;
    }
}
