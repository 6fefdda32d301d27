package org.bluebutton.analytics.ingest.signup;

/** No pledge request has this id (HTTP 404). */
public class UnknownPledgeRequestException extends RuntimeException {

    public UnknownPledgeRequestException(String requestId) {
        super("No pledge request " + requestId);
    }
}
