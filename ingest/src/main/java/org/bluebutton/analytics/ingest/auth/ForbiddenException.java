package org.bluebutton.analytics.ingest.auth;

/** A valid caller asked for something it may not do (HTTP 403), e.g. writing for another organization. */
public class ForbiddenException extends RuntimeException {

    public ForbiddenException(String message) {
        super(message);
    }
}
