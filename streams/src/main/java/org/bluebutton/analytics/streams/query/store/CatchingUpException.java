package org.bluebutton.analytics.streams.query.store;

/** The application has not yet caught up with its input once: its figures would be partial (503). */
public final class CatchingUpException extends RuntimeException {

    public CatchingUpException(String message) {
        super(message);
    }
}
