package org.bluebutton.analytics.streams.query.auth;

/** The request lacks the staff credential (or the peer credential on internal routes); answered 401. */
public final class NotAuthenticatedException extends RuntimeException {

    public NotAuthenticatedException(String message) {
        super(message);
    }
}
