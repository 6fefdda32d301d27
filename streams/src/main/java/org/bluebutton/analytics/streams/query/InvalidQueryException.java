package org.bluebutton.analytics.streams.query;

/** A query parameter is missing or out of range; answered 400 naming the parameter. */
public final class InvalidQueryException extends RuntimeException {

    public InvalidQueryException(String parameter, String reason) {
        super("parameter '" + parameter + "': " + reason);
    }
}
