package org.bluebutton.analytics.reporting.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.avro.Conversions;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;
import org.bluebutton.analytics.reporting.ReportFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The direct writer ({@link ParquetDatasetWriter}) writes what parquet-avro wrote before it — the
 * same columns, types and rows as DuckDB reads them — in row groups written in parallel, with the
 * same bytes whatever the number of threads.
 */
class ParquetDatasetWriterTest {

    /** Small row groups, so that the row-group path runs on a few thousand rows. */
    private static final int ROW_GROUP = 1_000;
    /** More rows than two row groups, so that the row-group path writes three. */
    private static final long LARGE = 2L * ROW_GROUP + 100;

    private static Connection duck;

    @BeforeAll
    static void openDuckDb() throws SQLException {
        duck = DriverManager.getConnection("jdbc:duckdb:");
    }

    @AfterAll
    static void closeDuckDb() throws SQLException {
        duck.close();
    }

    @Test
    void given_the_report_datasets_when_written_then_duckdb_reads_the_columns_types_and_rows_parquet_avro_wrote(@TempDir Path dir) throws Exception {
        for (Dataset<?> dataset : Datasets.of(ReportFixture.snapshot())) {
            Path ours = new ParquetDatasetWriter().write(dataset, dir.resolve("direct"));
            Path reference = writeWithParquetAvro(dataset, dir.resolve("parquet-avro"));

            assertThat(query(describe(ours))).as(dataset.name() + " columns and DuckDB types").isEqualTo(query(describe(reference)));
            assertThat(query(parquetSchema(ours))).as(dataset.name() + " Parquet schema").isEqualTo(query(parquetSchema(reference)));
            assertThat(query("SELECT count(*) FROM " + read(ours))).as(dataset.name()).containsExactly(List.of(String.valueOf(dataset.rowCount())));
            assertThat(query(difference(ours, reference))).as(dataset.name() + " rows only in one of the files").containsExactly(List.of("0"));
            assertThat(query("SELECT value FROM parquet_kv_metadata('" + ours + "') WHERE key = 'parquet.avro.schema'"))
                    .as(dataset.name() + " Avro schema with the column descriptions")
                    .isEqualTo(query("SELECT value FROM parquet_kv_metadata('" + reference + "') WHERE key = 'parquet.avro.schema'"));
        }
    }

    @Test
    void given_more_rows_than_a_row_group_when_written_then_every_row_is_in_the_file_in_order_in_row_groups(@TempDir Path dir) throws Exception {
        Path file = new ParquetDatasetWriter(2, ROW_GROUP).write(counted(LARGE), dir);

        assertThat(query("SELECT count(DISTINCT row_group_id) FROM parquet_metadata('" + file + "')")).containsExactly(List.of("3"));
        assertThat(query("SELECT count(*), count(*) FILTER (WHERE NOT (month = file_row_number % 12 + 1 AND views = file_row_number * 7"
                + " AND org_id = 'org-' || CAST(file_row_number // 12 AS VARCHAR))) FROM read_parquet('" + file + "', file_row_number = true)"))
                .as("rows, and rows not where their number puts them").containsExactly(List.of(String.valueOf(LARGE), "0"));
    }

    @Test
    void given_the_same_rows_when_written_by_one_thread_or_several_then_the_files_are_byte_identical(@TempDir Path dir) throws IOException {
        byte[] oneThread = Files.readAllBytes(new ParquetDatasetWriter(1, ROW_GROUP).write(counted(LARGE), dir.resolve("one")));
        byte[] fourThreads = Files.readAllBytes(new ParquetDatasetWriter(4, ROW_GROUP).write(counted(LARGE), dir.resolve("four")));
        byte[] again = Files.readAllBytes(new ParquetDatasetWriter(4, ROW_GROUP).write(counted(LARGE), dir.resolve("again")));

        assertThat(fourThreads).isEqualTo(oneThread);
        assertThat(again).isEqualTo(oneThread);
    }

    @Test
    void given_a_row_group_of_rows_when_written_then_counts_are_delta_encoded_codes_dictionary_encoded_and_pages_zstd(@TempDir Path dir)
            throws Exception {
        Path file = new ParquetDatasetWriter().write(counted(10_000), dir);

        List<List<Object>> encodings = query("SELECT path_in_schema, bool_and(encodings LIKE '%DELTA_BINARY_PACKED%'), "
                + "bool_and(encodings LIKE '%DICTIONARY%'), string_agg(DISTINCT compression, ',') FROM parquet_metadata('" + file + "') GROUP BY 1");
        assertThat(encodings).contains(List.of("views", "true", "false", "ZSTD"), List.of("patients_with_access", "true", "false", "ZSTD"),
                List.of("month", "false", "true", "ZSTD"), List.of("org_id", "false", "true", "ZSTD"), List.of("access_as_of", "false", "true", "ZSTD"));
    }

    @Test
    void given_a_row_writer_that_skips_a_column_when_written_then_the_write_fails_naming_the_column(@TempDir Path dir) {
        Dataset<Long> skipsMonth = new Dataset<>(Datasets.ORG_MONTH, 2025, Datasets.ORG_MONTH_SCHEMA, 1, List.of(1L), (i, row) -> {
            row.string("org-1");
            row.bigint(i);
        });

        assertThatThrownBy(() -> new ParquetDatasetWriter().write(skipsMonth, dir)).isInstanceOf(DatasetWriteException.class)
                .hasMessageContaining("datasets/org_month/year=2025/part-00000.parquet").hasMessageContaining("column month is INT");
    }

    @Test
    void given_null_in_a_required_column_when_written_then_the_write_fails_naming_the_column(@TempDir Path dir) {
        Dataset<Long> nullOrg = new Dataset<>(Datasets.ORG_MONTH, 2025, Datasets.ORG_MONTH_SCHEMA, 1, List.of(1L), (i, row) -> row.string(null));

        assertThatThrownBy(() -> new ParquetDatasetWriter().write(nullOrg, dir)).isInstanceOf(DatasetWriteException.class)
                .hasMessageContaining("column org_id is required");
    }

    /** org_month rows that are formulas of the row number, so that SQL can check each row where it landed. */
    private static Dataset<Long> counted(long rows) {
        RowWriter<Long> writer = (i, row) -> {
            row.string("org-" + i / 12);
            row.integer((int) (i % 12) + 1);
            row.bigint(i * 7);
            row.bigint(i % 1_000);
            row.bigint(0L);
            row.bigint(i % 3);
            row.bigint(1L);
            boolean snapshot = i % 4 != 3;
            row.date(snapshot ? LocalDate.of(2025, (int) (i % 12) + 1, 28) : null);
            row.bigint(snapshot ? (Long) (i / 12 * 37) : null);
            row.bigint((Long) null);
            row.bigint(snapshot ? (Long) (i / 24) : null);
        };
        Iterable<Long> source = () -> LongStream.range(0, rows).iterator();
        return new Dataset<>(Datasets.ORG_MONTH, 2025, Datasets.ORG_MONTH_SCHEMA, rows, source, writer);
    }

    /** The writer this module used before: parquet-avro through GenericRecord with Avro's logical-type conversions. */
    private static Path writeWithParquetAvro(Dataset<?> dataset, Path root) throws IOException {
        Path file = root.resolve(dataset.relativePath());
        Files.createDirectories(file.getParent());
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        model.addLogicalTypeConversion(new TimeConversions.DateConversion());
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        conf.set("parquet.avro.write-old-list-structure", "false");
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file)).withConf(conf)
                .withSchema(dataset.schema()).withDataModel(model).withCompressionCodec(CompressionCodecName.ZSTD).build()) {
            for (GenericRecord row : dataset.rows()) {
                writer.write(row);
            }
        }
        return file;
    }

    private static String read(Path file) {
        return "read_parquet('" + file + "', hive_partitioning = false)";
    }

    private static String describe(Path file) {
        return "SELECT column_name, column_type, \"null\" FROM (DESCRIBE SELECT * FROM " + read(file) + ")";
    }

    private static String parquetSchema(Path file) {
        return "SELECT name, type, type_length, repetition_type, num_children, converted_type, scale, precision, logical_type "
                + "FROM parquet_schema('" + file + "')";
    }

    private static String difference(Path a, Path b) {
        return "SELECT (SELECT count(*) FROM (SELECT * FROM " + read(a) + " EXCEPT ALL SELECT * FROM " + read(b) + "))"
                + " + (SELECT count(*) FROM (SELECT * FROM " + read(b) + " EXCEPT ALL SELECT * FROM " + read(a) + "))";
    }

    private static List<List<Object>> query(String sql) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (Statement statement = duck.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= columns; i++) {
                    Object value = result.getObject(i);
                    row.add(value == null ? null : value.toString());
                }
                rows.add(row);
            }
        }
        return rows;
    }
}
