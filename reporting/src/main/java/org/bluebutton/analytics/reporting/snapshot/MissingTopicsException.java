package org.bluebutton.analytics.reporting.snapshot;

import java.util.List;
import org.bluebutton.analytics.reporting.ReportException;

/** Source topics the report needs do not exist on the cluster. */
public final class MissingTopicsException extends ReportException {

    private final List<String> topics;

    public MissingTopicsException(String bootstrapServers, List<String> topics) {
        super("Kafka at " + bootstrapServers + " has no topic " + String.join(", ", topics)
                + " (is the streams application deployed, or --topic-prefix wrong?)", null);
        this.topics = List.copyOf(topics);
    }

    /** The missing topic names. */
    public List<String> topics() {
        return topics;
    }

    @Override
    public int exitCode() {
        return EXIT_SOURCES;
    }
}
