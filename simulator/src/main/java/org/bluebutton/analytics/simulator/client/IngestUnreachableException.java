package org.bluebutton.analytics.simulator.client;

/** ingest could not be reached (connection refused, reset or timed out) on any attempt of a request. */
public final class IngestUnreachableException extends RuntimeException {

    public IngestUnreachableException(String message, Throwable cause) {
        super(message, cause);
    }
}
