package org.bluebutton.analytics.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/** The bytes are not in the registry wire format (too short, or no magic byte): not our data. */
public class InvalidWireFormatException extends SerializationException {

    public InvalidWireFormatException(String topic, String reason) {
        super("Record on topic '" + topic + "' is not in the schema-registry wire format: " + reason);
    }
}
