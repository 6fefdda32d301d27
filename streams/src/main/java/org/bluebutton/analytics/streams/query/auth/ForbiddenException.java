package org.bluebutton.analytics.streams.query.auth;

/** A known caller asks for what it may not read (an organization, for another's figures or staff routes); answered 403. */
public final class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
