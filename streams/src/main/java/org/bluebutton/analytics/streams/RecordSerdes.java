package org.bluebutton.analytics.streams;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClient;
import org.bluebutton.analytics.schemas.serde.SpecificAvroSerde;

/**
 * Registry-backed Avro serdes for the topology. Output topics' schemas are registered beforehand
 * (register-schemas); the serdes may register the schemas of the application's own internal
 * repartition and changelog topics, whose names depend on the application id.
 */
public final class RecordSerdes {

    private final SchemaRegistryClient registry;

    public RecordSerdes(SchemaRegistryClient registry) {
        this.registry = registry;
    }

    /** A serde for keys of type {@code type}. */
    public <T extends SpecificRecord> Serde<T> key(Class<T> type) {
        return configured(type, true);
    }

    /** A serde for values of type {@code type}. */
    public <T extends SpecificRecord> Serde<T> value(Class<T> type) {
        return configured(type, false);
    }

    /** The registry the serdes use. */
    public SchemaRegistryClient registry() {
        return registry;
    }

    private <T extends SpecificRecord> Serde<T> configured(Class<T> type, boolean isKey) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type, registry, true);
        serde.configure(Map.of(), isKey);
        return serde;
    }
}
