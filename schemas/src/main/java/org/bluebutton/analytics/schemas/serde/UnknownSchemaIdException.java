package org.bluebutton.analytics.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/** The record names a schema id the registry does not know, so it cannot be decoded. */
public class UnknownSchemaIdException extends SerializationException {

    private final int schemaId;

    public UnknownSchemaIdException(String topic, int schemaId, Throwable cause) {
        super("Record on topic '" + topic + "' was written with schema id " + schemaId
                + ", which the schema registry does not know", cause);
        this.schemaId = schemaId;
    }

    /** The unknown id. */
    public int schemaId() {
        return schemaId;
    }
}
