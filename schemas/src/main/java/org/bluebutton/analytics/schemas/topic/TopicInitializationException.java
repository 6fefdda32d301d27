package org.bluebutton.analytics.schemas.topic;

/** The broker could not be asked about, or could not create, the catalogue's topics. */
public class TopicInitializationException extends RuntimeException {

    public TopicInitializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
