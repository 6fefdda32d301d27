package org.bluebutton.analytics.ingest.validation;

/** A batch holds more items than one request may carry (HTTP 413); the client should split it. */
public class BatchTooLargeException extends RuntimeException {

    public BatchTooLargeException(int items, int maxItems) {
        super("The batch has " + items + " items; at most " + maxItems + " are accepted per request: split it");
    }
}
