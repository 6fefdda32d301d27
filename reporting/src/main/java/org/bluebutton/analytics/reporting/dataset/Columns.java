package org.bluebutton.analytics.reporting.dataset;

import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;

/**
 * Builds the Avro schema a dataset's Parquet files are written with. Column types are chosen so
 * that DuckDB, Spark and pandas read them without hints: timestamps are {@code timestamp-millis}
 * (Parquet TIMESTAMP(MILLIS, UTC)), dates {@code date}, decimals {@code decimal(p, s)}; enum values
 * are written as strings so that readers need no enum definitions. Optional columns are nullable.
 */
final class Columns {

    static final String NAMESPACE = "org.bluebutton.analytics.reporting.dataset";
    static final int DECIMAL_PRECISION = 18;
    static final int DECIMAL_SCALE = 4;

    private final SchemaBuilder.FieldAssembler<Schema> fields;

    private Columns(String name, String doc) {
        this.fields = SchemaBuilder.record(name).namespace(NAMESPACE).doc(doc).fields();
    }

    static Columns of(String name, String doc) {
        return new Columns(name, doc);
    }

    Columns string(String name, String doc) {
        fields.name(name).doc(doc).type().stringType().noDefault();
        return this;
    }

    Columns optionalString(String name, String doc) {
        return optional(name, doc, Schema.create(Schema.Type.STRING));
    }

    Columns integer(String name, String doc) {
        fields.name(name).doc(doc).type().intType().noDefault();
        return this;
    }

    Columns optionalInteger(String name, String doc) {
        return optional(name, doc, Schema.create(Schema.Type.INT));
    }

    Columns bigint(String name, String doc) {
        fields.name(name).doc(doc).type().longType().noDefault();
        return this;
    }

    Columns optionalBigint(String name, String doc) {
        return optional(name, doc, Schema.create(Schema.Type.LONG));
    }

    Columns bool(String name, String doc) {
        fields.name(name).doc(doc).type().booleanType().noDefault();
        return this;
    }

    Columns timestamp(String name, String doc) {
        fields.name(name).doc(doc).type(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG))).noDefault();
        return this;
    }

    Columns optionalTimestamp(String name, String doc) {
        return optional(name, doc, LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG)));
    }

    Columns date(String name, String doc) {
        fields.name(name).doc(doc).type(LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT))).noDefault();
        return this;
    }

    Columns optionalDate(String name, String doc) {
        return optional(name, doc, LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT)));
    }

    Columns optionalDecimal(String name, String doc) {
        return optional(name, doc, LogicalTypes.decimal(DECIMAL_PRECISION, DECIMAL_SCALE).addToSchema(Schema.create(Schema.Type.BYTES)));
    }

    Columns stringList(String name, String doc) {
        fields.name(name).doc(doc).type().array().items().stringType().noDefault();
        return this;
    }

    Schema build() {
        return fields.endRecord();
    }

    private Columns optional(String name, String doc, Schema type) {
        fields.name(name).doc(doc).type(Schema.createUnion(Schema.create(Schema.Type.NULL), type)).withDefault(null);
        return this;
    }
}
