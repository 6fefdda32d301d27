package org.bluebutton.analytics.schemas.registry;

/**
 * The registry refused a request for a reason other than "not found" or "incompatible": an invalid
 * schema (422), missing or wrong credentials (401/403) and the like. Retrying will not help.
 */
public class SchemaRegistryRequestException extends SchemaRegistryException {

    public SchemaRegistryRequestException(String message, int httpStatus, int errorCode) {
        super(message, httpStatus, errorCode, null);
    }
}
