package org.bluebutton.analytics.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.io.DatumReader;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.bluebutton.analytics.schemas.registry.SchemaRegistry;

/**
 * Reads records into a generated Avro class, using the class's own schema as reader schema.
 *
 * @param <T> the generated record class
 */
public class SpecificAvroDeserializer<T extends SpecificRecord> extends AvroDeserializer<T> {

    private final Class<T> type;

    /**
     * For Kafka's reflective construction: the generated class is found from the writer schema's
     * full name, so it must be on the classpath.
     */
    public SpecificAvroDeserializer() {
        this(null, null);
    }

    /** Reads every record as {@code type}, sharing {@code client} (may be null until {@link #configure}). */
    public SpecificAvroDeserializer(Class<T> type, SchemaRegistry client) {
        super(client);
        this.type = type;
    }

    @Override
    protected Schema readerSchema(String topic, int schemaId, Schema writer) {
        if (type != null) {
            return SpecificData.get().getSchema(type);
        }
        Class<?> generated = SpecificData.get().getClass(writer);
        if (generated == null) {
            throw new AvroPayloadException(topic, schemaId, "no generated class for writer schema "
                    + writer.getFullName() + " on the classpath", null);
        }
        return SpecificData.get().getSchema(generated);
    }

    @Override
    protected DatumReader<T> datumReader(Schema writer, Schema reader) {
        return new SpecificDatumReader<>(writer, reader, SpecificData.getForSchema(reader));
    }
}
