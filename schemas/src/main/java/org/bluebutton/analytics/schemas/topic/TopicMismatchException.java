package org.bluebutton.analytics.schemas.topic;

/** An existing topic's settings differ from the catalogue; running against it would give wrong results. */
public class TopicMismatchException extends RuntimeException {

    private final String topic;

    public TopicMismatchException(String topic, String setting, String expected, String actual) {
        super("Topic '" + topic + "' exists with " + setting + "=" + actual + " but the catalogue requires "
                + setting + "=" + expected + "; fix the topic (or the catalogue) before starting");
        this.topic = topic;
    }

    /** The mismatched topic. */
    public String topic() {
        return topic;
    }
}
