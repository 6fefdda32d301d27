package org.bluebutton.analytics.ingest.publish;

/**
 * Kafka refused a record for a reason retrying will not fix (e.g. the schema is not registered, the
 * record is too large): HTTP 500, no {@code Retry-After}. Operators must act.
 */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
