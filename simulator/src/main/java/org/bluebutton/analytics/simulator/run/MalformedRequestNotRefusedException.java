package org.bluebutton.analytics.simulator.run;

/**
 * ingest did not refuse a malformed request with the expected 4xx: bad input may have reached Kafka,
 * so the ground truth cannot be trusted. The message names the kind, the expected and the actual status.
 */
public final class MalformedRequestNotRefusedException extends RuntimeException {

    public MalformedRequestNotRefusedException(String message) {
        super(message);
    }
}
