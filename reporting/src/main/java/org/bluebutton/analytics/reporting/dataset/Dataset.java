package org.bluebutton.analytics.reporting.dataset;

import java.util.Objects;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * One Parquet dataset of the report, ready to write. Rows are produced lazily from the snapshot's
 * tables (and in their fixed order) so a dataset never holds a second copy of them.
 *
 * @param name directory name under {@code datasets/}, e.g. {@code org_month}
 * @param year value of the Hive partition directory {@code year=<year>/}; not a column in the files
 * @param schema column names, types and documentation
 * @param rowCount number of rows {@link #rows()} yields
 * @param rows the rows, in a fixed order
 */
public record Dataset(String name, int year, Schema schema, long rowCount, Iterable<GenericRecord> rows) {

    /** The one file name of a partition: datasets are small enough for one file per year. */
    public static final String FILE_NAME = "part-00000.parquet";

    public Dataset {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(rows, "rows");
    }

    /** Path of the file relative to the output directory. */
    public String relativePath() {
        return "datasets/" + name + "/year=" + year + "/" + FILE_NAME;
    }
}
