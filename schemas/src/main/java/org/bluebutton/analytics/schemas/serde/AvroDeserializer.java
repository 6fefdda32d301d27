package org.bluebutton.analytics.schemas.serde;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.kafka.common.serialization.Deserializer;
import org.bluebutton.analytics.schemas.registry.SchemaNotFoundException;
import org.bluebutton.analytics.schemas.registry.SchemaRegistry;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClient;

/**
 * Reads records in the registry wire format. The writer schema comes from the registry by the
 * record's schema id; subclasses choose the reader schema, and Avro schema resolution bridges the
 * two, so a reader can read data from older and newer writers.
 *
 * <p>Bad bytes raise {@link InvalidWireFormatException}, {@link UnknownSchemaIdException} or
 * {@link AvroPayloadException}, all {@code SerializationException}s naming the topic; a registry
 * outage raises {@link org.bluebutton.analytics.schemas.registry.SchemaRegistryUnavailableException}
 * instead, so callers can tell poison data from a transient fault.
 *
 * @param <T> the type records are read into
 */
public abstract class AvroDeserializer<T> implements Deserializer<T> {

    private final Map<Integer, DatumReader<T>> readers = new ConcurrentHashMap<>();
    private SchemaRegistry client;

    protected AvroDeserializer(SchemaRegistry client) {
        this.client = client;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (client == null) {
            client = new SchemaRegistryClient(new SchemaRegistrySerdeConfig(configs).clientConfig());
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException(getClass().getSimpleName() + " used before configure()");
        }
        ByteBuffer buffer = ByteBuffer.wrap(data);
        int schemaId = WireFormat.readHeader(topic, buffer);
        DatumReader<T> reader = readers.computeIfAbsent(schemaId, id -> newReader(topic, id));
        try {
            BinaryDecoder decoder = DecoderFactory.get().binaryDecoder(data, buffer.position(), buffer.remaining(), null);
            T record = reader.read(null, decoder);
            if (!decoder.isEnd()) {
                throw new AvroPayloadException(topic, schemaId, "bytes left over after the record", null);
            }
            return record;
        } catch (AvroPayloadException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new AvroPayloadException(topic, schemaId, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    /** The schema to read records written with {@code writer} into. */
    protected abstract Schema readerSchema(String topic, int schemaId, Schema writer);

    /** A datum reader resolving {@code writer} to {@code reader}. */
    protected abstract DatumReader<T> datumReader(Schema writer, Schema reader);

    private DatumReader<T> newReader(String topic, int schemaId) {
        Schema writer;
        try {
            writer = client.schemaById(schemaId);
        } catch (SchemaNotFoundException e) {
            throw new UnknownSchemaIdException(topic, schemaId, e);
        }
        return datumReader(writer, readerSchema(topic, schemaId, writer));
    }
}
