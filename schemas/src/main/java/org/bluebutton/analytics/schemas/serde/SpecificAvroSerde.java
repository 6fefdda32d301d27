package org.bluebutton.analytics.schemas.serde;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.bluebutton.analytics.schemas.registry.SchemaRegistry;

/**
 * {@link AvroSerializer} and {@link SpecificAvroDeserializer} for one generated class, for
 * Kafka Streams.
 *
 * @param <T> the generated record class
 */
public class SpecificAvroSerde<T extends SpecificRecord> implements Serde<T> {

    private final AvroSerializer<T> serializer;
    private final SpecificAvroDeserializer<T> deserializer;

    /** A serde whose registry settings come from {@link #configure}. */
    public SpecificAvroSerde(Class<T> type) {
        this.serializer = new AvroSerializer<>();
        this.deserializer = new SpecificAvroDeserializer<>(type, null);
    }

    /** A serde sharing {@code client}; {@link #configure} is still needed to say key or value. */
    public SpecificAvroSerde(Class<T> type, SchemaRegistry client, boolean autoRegister) {
        this.serializer = new AvroSerializer<>(client, autoRegister);
        this.deserializer = new SpecificAvroDeserializer<>(type, client);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        serializer.configure(configs, isKey);
        deserializer.configure(configs, isKey);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
