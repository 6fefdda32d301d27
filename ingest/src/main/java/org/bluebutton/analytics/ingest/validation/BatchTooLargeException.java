package org.bluebutton.analytics.ingest.validation;

/** A batch holds more items than one request may carry (HTTP 413); the client should split it. */
public class BatchTooLargeException extends RuntimeException {

    public BatchTooLargeException(int items, int maxItems) {
        super("The batch has " + items + " items; at most " + maxItems + " are accepted per request: split it");
    }

    /** The batch was counted as it was read, and reading stopped at the first item over the limit. */
    public BatchTooLargeException(int maxItems) {
        super("The batch has more than " + maxItems + " items; at most " + maxItems + " are accepted per request: split it");
    }

    public BatchTooLargeException(String message) {
        super(message);
    }
}
