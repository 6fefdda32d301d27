package org.bluebutton.analytics.streams;

/**
 * The application id holds state of an earlier layout of the stores, which this version cannot read
 * correctly: it must start under a new application id and replay the input topics (README, "Moving a
 * running deployment").
 */
public final class IncompatibleStateException extends RuntimeException {

    private final String topic;

    public IncompatibleStateException(String applicationId, String topic) {
        super("application id " + applicationId + " holds state of an earlier version (" + topic
                + "); start this version under a new application id, which replays the input topics (README: Moving a running deployment)");
        this.topic = topic;
    }

    /** The internal topic that belongs to the earlier layout. */
    public String topic() {
        return topic;
    }
}
