package org.bluebutton.analytics.reporting.dataset;

import java.util.Map;
import org.apache.avro.Schema;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.schema.MessageType;
import org.bluebutton.analytics.reporting.dataset.ColumnType.Column;

/**
 * A dataset's columns in the three forms the writer needs: the Parquet schema, the checked column
 * list and the files' key-value metadata.
 *
 * <p>The Parquet schema is parquet-avro's own conversion of the dataset's Avro schema (standard
 * three-level lists), as when parquet-avro wrote the files: the same names, physical and logical
 * types and repetition. The Avro schema also stays in the footer under {@code parquet.avro.schema},
 * with each column's description, and {@code writer.model.name} stays {@code avro}: the values are
 * laid out exactly as parquet-avro lays them out for that schema, so Avro-based readers
 * ({@code AvroParquetReader}, Spark's and Hive's Avro paths) read the files as before.
 *
 * @param messageType the Parquet schema
 * @param columns the columns, in order
 * @param keyValueMetadata the footer's key-value metadata
 */
record DatasetLayout(MessageType messageType, Column[] columns, Map<String, String> keyValueMetadata) {

    static final String WRITER_MODEL = "avro";
    static final String AVRO_SCHEMA_KEY = "parquet.avro.schema";

    static DatasetLayout of(Schema schema) {
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        conf.set("parquet.avro.write-old-list-structure", "false");
        MessageType messageType = new AvroSchemaConverter(conf).convert(schema);
        return new DatasetLayout(messageType, ColumnType.columnsOf(schema), Map.of(AVRO_SCHEMA_KEY, schema.toString()));
    }
}
