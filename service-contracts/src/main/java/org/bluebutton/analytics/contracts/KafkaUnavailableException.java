package org.bluebutton.analytics.contracts;

/**
 * Kafka (or the schema registry) did not acknowledge every record of a request in time (HTTP 503).
 * Some records may have been written; retrying the whole request is safe because events carry ids.
 * Answered 503 with {@code Retry-After}.
 */
public class KafkaUnavailableException extends RuntimeException {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
