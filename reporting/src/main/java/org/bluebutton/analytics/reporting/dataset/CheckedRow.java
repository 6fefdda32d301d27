package org.bluebutton.analytics.reporting.dataset;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.bluebutton.analytics.reporting.dataset.ColumnType.Column;

/**
 * A {@link Row} that checks every call against the dataset's columns and hands the value to a sink:
 * the Parquet writer ({@link ParquetRow}) or a record for reading rows back ({@link RecordRow}).
 * Both sinks see the same checked values, so what tests read is what the files hold.
 */
abstract class CheckedRow implements Row {

    private final Column[] columns;
    private int next;

    CheckedRow(Column[] columns) {
        this.columns = columns;
    }

    /** Starts a row. */
    void begin() {
        next = 0;
    }

    /** Ends a row; every column must have been written. */
    void finish() {
        if (next != columns.length) {
            throw new IllegalStateException("row ended after " + next + " of " + columns.length + " columns; next is " + columns[next].name());
        }
    }

    @Override
    public final void string(String value) {
        Column column = expect(ColumnType.STRING, value == null);
        if (value != null) {
            putString(column, value);
        }
    }

    @Override
    public final void integer(int value) {
        putInt(expect(ColumnType.INT, false), value);
    }

    @Override
    public final void integer(Integer value) {
        Column column = expect(ColumnType.INT, value == null);
        if (value != null) {
            putInt(column, value);
        }
    }

    @Override
    public final void bigint(long value) {
        putLong(expect(ColumnType.BIGINT, false), value);
    }

    @Override
    public final void bigint(Long value) {
        Column column = expect(ColumnType.BIGINT, value == null);
        if (value != null) {
            putLong(column, value);
        }
    }

    @Override
    public final void bool(boolean value) {
        putBoolean(expect(ColumnType.BOOLEAN, false), value);
    }

    @Override
    public final void timestamp(Instant value) {
        Column column = expect(ColumnType.TIMESTAMP, value == null);
        if (value != null) {
            putTimestamp(column, value);
        }
    }

    @Override
    public final void date(LocalDate value) {
        Column column = expect(ColumnType.DATE, value == null);
        if (value != null) {
            putDate(column, value);
        }
    }

    @Override
    public final void decimal(BigDecimal value) {
        Column column = expect(ColumnType.DECIMAL, value == null);
        if (value != null) {
            BigDecimal exact;
            try {
                exact = value.setScale(Columns.DECIMAL_SCALE, RoundingMode.UNNECESSARY);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException("column " + column.name() + ": " + value + " has more than " + Columns.DECIMAL_SCALE + " decimals");
            }
            if (exact.precision() > Columns.DECIMAL_PRECISION) {
                throw new IllegalArgumentException("column " + column.name() + ": " + value + " has more than " + Columns.DECIMAL_PRECISION + " digits");
            }
            putDecimal(column, exact);
        }
    }

    @Override
    public final void stringList(List<String> values) {
        Column column = expect(ColumnType.STRING_LIST, values == null);
        if (values == null) {
            return;
        }
        for (String value : values) {
            if (value == null) {
                throw new IllegalArgumentException("column " + column.name() + ": a list element is null");
            }
        }
        putStringList(column, values);
    }

    /** The next column, after checking that it has {@code type} and may hold the value. */
    private Column expect(ColumnType type, boolean isNull) {
        if (next >= columns.length) {
            throw new IllegalStateException("row has only " + columns.length + " columns; a " + type + " value was written after the last");
        }
        Column column = columns[next++];
        if (column.type() != type) {
            throw new IllegalStateException("column " + column.name() + " is " + column.type() + "; a " + type + " value was written to it");
        }
        if (isNull) {
            if (!column.optional()) {
                throw new IllegalArgumentException("column " + column.name() + " is required; null was written to it");
            }
            putNull(column);
        }
        return column;
    }

    abstract void putNull(Column column);

    abstract void putString(Column column, String value);

    abstract void putInt(Column column, int value);

    abstract void putLong(Column column, long value);

    abstract void putBoolean(Column column, boolean value);

    abstract void putTimestamp(Column column, Instant value);

    abstract void putDate(Column column, LocalDate value);

    /** {@code value} has exactly the columns' scale. */
    abstract void putDecimal(Column column, BigDecimal value);

    abstract void putStringList(Column column, List<String> values);
}
