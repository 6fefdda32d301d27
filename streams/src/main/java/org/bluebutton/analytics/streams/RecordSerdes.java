package org.bluebutton.analytics.streams;

import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.bluebutton.analytics.schemas.registry.SchemaRegistry;
import org.bluebutton.analytics.schemas.serde.SpecificAvroSerde;

/**
 * Registry-backed Avro serdes for the topology. Serdes for the catalogue's topics only look schema
 * ids up: those schemas are registered beforehand, deliberately (register-schemas, BACKWARD checked).
 * Serdes for the application's own repartition and changelog topics, whose subjects depend on the
 * application id, register their schemas themselves.
 */
public final class RecordSerdes {

    private final SchemaRegistry registry;

    public RecordSerdes(SchemaRegistry registry) {
        this.registry = registry;
    }

    /** A serde for keys of a catalogue topic. */
    public <T extends SpecificRecord> Serde<T> key(Class<T> type) {
        return configured(type, true, false);
    }

    /** A serde for values of a catalogue topic. */
    public <T extends SpecificRecord> Serde<T> value(Class<T> type) {
        return configured(type, false, false);
    }

    /** A serde for keys of an internal (repartition, changelog) topic. */
    public <T extends SpecificRecord> Serde<T> internalKey(Class<T> type) {
        return configured(type, true, true);
    }

    /** A serde for values of an internal (repartition, changelog) topic. */
    public <T extends SpecificRecord> Serde<T> internalValue(Class<T> type) {
        return configured(type, false, true);
    }

    /** The registry the serdes use. */
    public SchemaRegistry registry() {
        return registry;
    }

    private <T extends SpecificRecord> Serde<T> configured(Class<T> type, boolean isKey, boolean autoRegister) {
        SpecificAvroSerde<T> serde = new SpecificAvroSerde<>(type, registry, autoRegister);
        serde.configure(Map.of(), isKey);
        return serde;
    }
}
