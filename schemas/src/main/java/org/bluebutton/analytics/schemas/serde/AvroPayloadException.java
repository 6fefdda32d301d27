package org.bluebutton.analytics.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The record's header is valid but its Avro payload cannot be decoded with the writer schema, or
 * the writer schema cannot be resolved to the reader's class (schema mismatch).
 */
public class AvroPayloadException extends SerializationException {

    public AvroPayloadException(String topic, int schemaId, String reason, Throwable cause) {
        super("Record on topic '" + topic + "' with schema id " + schemaId + " cannot be decoded: " + reason, cause);
    }
}
