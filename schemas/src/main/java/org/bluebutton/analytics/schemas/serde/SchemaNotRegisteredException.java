package org.bluebutton.analytics.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A producer tried to write with a schema that is not registered under the topic's subject while
 * auto-registration is off; run the register-schemas command first.
 */
public class SchemaNotRegisteredException extends SerializationException {

    public SchemaNotRegisteredException(String topic, String subject, String schemaName, Throwable cause) {
        super("Cannot write to topic '" + topic + "': schema " + schemaName + " is not registered under subject '"
                + subject + "' and auto.register.schemas is false; run register-schemas first", cause);
    }
}
