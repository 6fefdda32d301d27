package org.bluebutton.analytics.schemas.registry;

/**
 * The registry could not be reached, timed out or answered 5xx. Transient: retrying later may
 * succeed, so callers must not treat the data involved as bad.
 */
public class SchemaRegistryUnavailableException extends SchemaRegistryException {

    public SchemaRegistryUnavailableException(String message, int httpStatus, Throwable cause) {
        super(message, httpStatus, 0, cause);
    }
}
