package org.bluebutton.analytics.reporting.dataset;

import java.util.Iterator;
import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * One Parquet dataset of the report, ready to write. Rows are made from the snapshot's items (in
 * their fixed order) by {@code rowWriter} while the file is written, so a dataset never holds a second
 * copy of them.
 *
 * @param name directory name under {@code datasets/}, e.g. {@code org_month}
 * @param year value of the Hive partition directory {@code year=<year>/}; not a column in the files
 * @param schema column names, types and documentation ({@link Columns})
 * @param rowCount number of items {@code source} yields, one row each
 * @param source the items, in a fixed order
 * @param rowWriter writes one item as one row, column by column
 * @param <T> the type of the items
 */
public record Dataset<T>(String name, int year, Schema schema, long rowCount, Iterable<T> source, RowWriter<T> rowWriter) {

    /** The one file name of a partition: every dataset is one file per year (large ones in several row groups). */
    public static final String FILE_NAME = "part-00000.parquet";

    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(rowWriter, "rowWriter");
        ColumnType.columnsOf(schema); // fails early on a column type the writer cannot write
    }

    /** Path of the file relative to the output directory. */
    public String relativePath() {
        return "datasets/" + name + "/year=" + year + "/" + FILE_NAME;
    }

    /**
     * The rows as Avro records (java.time, BigDecimal and List values), made by the same
     * {@code rowWriter} and checks as the file's rows: for reading a dataset without writing it.
     */
    public Iterable<GenericRecord> rows() {
        return () -> new Iterator<>() {
            private final Iterator<T> items = source.iterator();
            private final RecordRow row = new RecordRow(schema);

            @Override
            public boolean hasNext() {
                return items.hasNext();
            }

            @Override
            public GenericRecord next() {
                row.begin();
                rowWriter.write(items.next(), row);
                row.finish();
                return row.record();
            }
        };
    }
}
