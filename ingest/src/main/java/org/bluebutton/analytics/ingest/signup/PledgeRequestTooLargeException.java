package org.bluebutton.analytics.ingest.signup;

/** A pledge request's body is larger than any real one (HTTP 413). */
public class PledgeRequestTooLargeException extends RuntimeException {

    public PledgeRequestTooLargeException(String message) {
        super(message);
    }
}
