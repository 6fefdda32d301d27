package org.bluebutton.analytics.simulator.run;

/**
 * ingest answered a planned request with a status the plan cannot continue from (a valid batch
 * refused, an organization not created...); the message names the request, the status and the body.
 */
public final class UnexpectedResponseException extends RuntimeException {

    public UnexpectedResponseException(String message) {
        super(message);
    }
}
