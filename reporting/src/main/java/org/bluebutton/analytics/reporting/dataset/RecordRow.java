package org.bluebutton.analytics.reporting.dataset;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.bluebutton.analytics.reporting.dataset.ColumnType.Column;

/**
 * Collects a row into an Avro record (values as java.time, BigDecimal and List objects), to read a
 * dataset's rows without a Parquet file: {@link Dataset#rows()}. Not on the writing path.
 */
final class RecordRow extends CheckedRow {

    private final Schema schema;
    private GenericRecord record;

    RecordRow(Schema schema) {
        super(ColumnType.columnsOf(schema));
        this.schema = schema;
    }

    @Override
    void begin() {
        super.begin();
        record = new GenericData.Record(schema);
    }

    GenericRecord record() {
        return record;
    }

    @Override
    void putNull(Column column) {
        record.put(column.index(), null);
    }

    @Override
    void putString(Column column, String value) {
        record.put(column.index(), value);
    }

    @Override
    void putInt(Column column, int value) {
        record.put(column.index(), value);
    }

    @Override
    void putLong(Column column, long value) {
        record.put(column.index(), value);
    }

    @Override
    void putBoolean(Column column, boolean value) {
        record.put(column.index(), value);
    }

    @Override
    void putTimestamp(Column column, Instant value) {
        record.put(column.index(), value);
    }

    @Override
    void putDate(Column column, LocalDate value) {
        record.put(column.index(), value);
    }

    @Override
    void putDecimal(Column column, BigDecimal value) {
        record.put(column.index(), value);
    }

    @Override
    void putStringList(Column column, List<String> values) {
        record.put(column.index(), List.copyOf(values));
    }
}
