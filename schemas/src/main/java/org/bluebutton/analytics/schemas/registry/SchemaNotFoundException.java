package org.bluebutton.analytics.schemas.registry;

/** A schema id, a subject, a version or a schema under a subject is not known to the registry. */
public class SchemaNotFoundException extends SchemaRegistryException {

    public SchemaNotFoundException(String message, int errorCode) {
        super(message, 404, errorCode, null);
    }
}
