package org.bluebutton.analytics.reporting.dataset;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.bluebutton.analytics.reporting.dataset.ColumnType.Column;

/**
 * Writes a row straight to parquet-mr's {@link RecordConsumer}, with the physical values parquet-avro
 * wrote for the same Avro schema (so the files read back the same): strings as UTF-8 binaries,
 * timestamps as epoch milliseconds, dates as epoch days, decimals as the unscaled value's big-endian
 * two's-complement bytes, lists in the standard three-level form (group → repeated {@code list} →
 * {@code element}). A null optional column is simply not written.
 */
final class ParquetRow extends CheckedRow {

    private static final String LIST = "list";
    private static final String ELEMENT = "element";

    private final RecordConsumer consumer;

    ParquetRow(Column[] columns, RecordConsumer consumer) {
        super(columns);
        this.consumer = consumer;
    }

    @Override
    void begin() {
        super.begin();
        consumer.startMessage();
    }

    @Override
    void finish() {
        super.finish();
        consumer.endMessage();
    }

    @Override
    void putNull(Column column) {
        // Absent field = null in Parquet's record model.
    }

    @Override
    void putString(Column column, String value) {
        consumer.startField(column.name(), column.index());
        consumer.addBinary(Binary.fromString(value));
        consumer.endField(column.name(), column.index());
    }

    @Override
    void putInt(Column column, int value) {
        consumer.startField(column.name(), column.index());
        consumer.addInteger(value);
        consumer.endField(column.name(), column.index());
    }

    @Override
    void putLong(Column column, long value) {
        consumer.startField(column.name(), column.index());
        consumer.addLong(value);
        consumer.endField(column.name(), column.index());
    }

    @Override
    void putBoolean(Column column, boolean value) {
        consumer.startField(column.name(), column.index());
        consumer.addBoolean(value);
        consumer.endField(column.name(), column.index());
    }

    @Override
    void putTimestamp(Column column, Instant value) {
        putLong(column, value.toEpochMilli());
    }

    @Override
    void putDate(Column column, LocalDate value) {
        putInt(column, Math.toIntExact(value.toEpochDay()));
    }

    @Override
    void putDecimal(Column column, BigDecimal value) {
        consumer.startField(column.name(), column.index());
        consumer.addBinary(Binary.fromConstantByteArray(value.unscaledValue().toByteArray()));
        consumer.endField(column.name(), column.index());
    }

    @Override
    void putStringList(Column column, List<String> values) {
        consumer.startField(column.name(), column.index());
        consumer.startGroup();
        if (!values.isEmpty()) {
            consumer.startField(LIST, 0);
            for (String value : values) {
                consumer.startGroup();
                consumer.startField(ELEMENT, 0);
                consumer.addBinary(Binary.fromString(value));
                consumer.endField(ELEMENT, 0);
                consumer.endGroup();
            }
            consumer.endField(LIST, 0);
        }
        consumer.endGroup();
        consumer.endField(column.name(), column.index());
    }
}
