package org.bluebutton.analytics.reporting.dataset;

import java.util.List;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * The column types a dataset may have (those {@link Columns} builds), read back from a column's Avro
 * schema so that the writer and the schema cannot disagree.
 */
enum ColumnType {
    STRING, INT, BIGINT, BOOLEAN, TIMESTAMP, DATE, DECIMAL, STRING_LIST;

    /** One column of a dataset: its name, position, type and whether it may be null. */
    record Column(String name, int index, ColumnType type, boolean optional) {
    }

    /** The columns of {@code schema}, in order. */
    static Column[] columnsOf(Schema schema) {
        List<Schema.Field> fields = schema.getFields();
        Column[] columns = new Column[fields.size()];
        for (Schema.Field field : fields) {
            Schema type = field.schema();
            boolean optional = false;
            if (type.getType() == Schema.Type.UNION) {
                // Columns makes optional columns as [null, type] unions and nothing else.
                type = type.getTypes().get(1);
                optional = true;
            }
            columns[field.pos()] = new Column(field.name(), field.pos(), of(field.name(), type), optional);
        }
        return columns;
    }

    private static ColumnType of(String name, Schema type) {
        LogicalType logical = type.getLogicalType();
        return switch (type.getType()) {
            case STRING -> STRING;
            case INT -> logical instanceof LogicalTypes.Date ? DATE : requirePlain(name, logical, INT);
            case LONG -> logical instanceof LogicalTypes.TimestampMillis ? TIMESTAMP : requirePlain(name, logical, BIGINT);
            case BOOLEAN -> BOOLEAN;
            case BYTES -> {
                if (logical instanceof LogicalTypes.Decimal decimal && decimal.getPrecision() == Columns.DECIMAL_PRECISION
                        && decimal.getScale() == Columns.DECIMAL_SCALE) {
                    yield DECIMAL;
                }
                throw new IllegalArgumentException("column " + name + ": bytes without decimal(18,4) are not a dataset type");
            }
            case ARRAY -> {
                if (type.getElementType().getType() == Schema.Type.STRING) {
                    yield STRING_LIST;
                }
                throw new IllegalArgumentException("column " + name + ": only lists of strings are a dataset type");
            }
            default -> throw new IllegalArgumentException("column " + name + ": " + type.getType() + " is not a dataset type");
        };
    }

    private static ColumnType requirePlain(String name, LogicalType logical, ColumnType type) {
        if (logical != null) {
            throw new IllegalArgumentException("column " + name + ": logical type " + logical.getName() + " is not a dataset type");
        }
        return type;
    }
}
