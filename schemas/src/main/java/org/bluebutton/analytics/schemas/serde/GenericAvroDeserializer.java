package org.bluebutton.analytics.schemas.serde;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DatumReader;
import org.bluebutton.analytics.schemas.registry.SchemaRegistry;

/**
 * Reads records into {@link GenericRecord}s: with a fixed reader schema (e.g. an older or newer
 * version of a record, as a consumer built against it would), or with each record's own writer
 * schema when none is given (tools that must read anything).
 */
public class GenericAvroDeserializer extends AvroDeserializer<GenericRecord> {

    private final Schema readerSchema;

    /** For Kafka's reflective construction: reads with each record's writer schema. */
    public GenericAvroDeserializer() {
        this(null, null);
    }

    /** Reads with {@code readerSchema} (null: the writer's), sharing {@code client} (null until configured). */
    public GenericAvroDeserializer(Schema readerSchema, SchemaRegistry client) {
        super(client);
        this.readerSchema = readerSchema;
    }

    @Override
    protected Schema readerSchema(String topic, int schemaId, Schema writer) {
        return readerSchema != null ? readerSchema : writer;
    }

    @Override
    protected DatumReader<GenericRecord> datumReader(Schema writer, Schema reader) {
        return new GenericDatumReader<>(writer, reader, GenericData.get());
    }
}
