package org.bluebutton.analytics.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.bluebutton.analytics.schemas.registry.SchemaNotFoundException;
import org.bluebutton.analytics.schemas.registry.SchemaRegistry;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClient;

/**
 * Writes an Avro record (a generated class, or a generic record) in the registry wire format under the topic's
 * {@code <topic>-key}/{@code <topic>-value} subject. Without auto-registration the schema must
 * already be registered ({@link SchemaNotRegisteredException} otherwise). A registry outage surfaces
 * as {@link org.bluebutton.analytics.schemas.registry.SchemaRegistryUnavailableException}, not as a
 * serialization error, because the record itself is fine.
 *
 * @param <T> the record type
 */
public class AvroSerializer<T extends IndexedRecord> implements Serializer<T> {

    private final Map<Schema, DatumWriter<T>> writers = new ConcurrentHashMap<>();
    /**
     * The id last used for each topic with the schema it was for. A producer sends millions of records of
     * one schema per topic: this spares each of them building the subject name and hashing it with the
     * schema in the registry client's cache (a few per cent of ingest's request time).
     */
    private final Map<String, KnownId> idsByTopic = new ConcurrentHashMap<>();

    private record KnownId(Schema schema, int id) {
    }
    private SchemaRegistry client;
    private boolean autoRegister;
    private boolean isKey;

    /** For Kafka's reflective construction; settings come from {@link #configure}. */
    public AvroSerializer() {
    }

    /** Shares {@code client} (and its caches) with other serdes; {@link #configure} only sets key or value. */
    public AvroSerializer(SchemaRegistry client, boolean autoRegister) {
        this.client = client;
        this.autoRegister = autoRegister;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        if (client == null) {
            SchemaRegistrySerdeConfig config = new SchemaRegistrySerdeConfig(configs);
            this.client = new SchemaRegistryClient(config.clientConfig());
            this.autoRegister = config.autoRegisterSchemas();
        }
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (client == null) {
            throw new IllegalStateException("AvroSerializer used before configure()");
        }
        Schema schema = record.getSchema();
        KnownId known = idsByTopic.get(topic);
        int id;
        if (known != null && known.schema() == schema) {
            id = known.id();
        } else {
            id = schemaId(topic, topic + (isKey ? "-key" : "-value"), schema);
            idsByTopic.put(topic, new KnownId(schema, id));
        }
        // Room for a typical event (about 150 bytes) at once: growing the buffer byte by byte cost 7 % of ingest's request time.
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        out.write(WireFormat.MAGIC_BYTE);
        out.writeBytes(ByteBuffer.allocate(4).putInt(id).array());
        try {
            BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
            writers.computeIfAbsent(schema, SpecificDatumWriter::new).write(record, encoder);
            encoder.flush();
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Could not encode " + schema.getFullName() + " for topic '" + topic
                    + "' (subject '" + topic + (isKey ? "-key" : "-value") + "', schema id " + id + "): " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private int schemaId(String topic, String subject, Schema schema) {
        if (autoRegister) {
            return client.register(subject, schema);
        }
        try {
            return client.idOf(subject, schema);
        } catch (SchemaNotFoundException e) {
            throw new SchemaNotRegisteredException(topic, subject, schema.getFullName(), e);
        }
    }
}
