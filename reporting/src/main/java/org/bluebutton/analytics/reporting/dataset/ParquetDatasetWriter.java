package org.bluebutton.analytics.reporting.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Conversions;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Writes a {@link Dataset} as one ZSTD-compressed Parquet file, on the local file system without
 * Hadoop's file system layer ({@link LocalOutputFile}, {@link PlainParquetConfiguration}). The files
 * hold nothing that changes from run to run (no timestamps; {@code created_by} names the writer
 * version only), so the same rows give byte-identical files.
 */
public final class ParquetDatasetWriter {

    /** Values are written from java.time and BigDecimal objects through Avro's logical-type conversions. */
    private static final GenericData MODEL = model();

    /**
     * Writes {@code dataset} under {@code root} at {@link Dataset#relativePath()}.
     *
     * @return the file written
     */
    public Path write(Dataset dataset, Path root) {
        Path file = root.resolve(dataset.relativePath());
        PlainParquetConfiguration conf = new PlainParquetConfiguration();
        // Standard three-level lists (LIST → list → element), as DuckDB, Spark and pandas expect.
        conf.set("parquet.avro.write-old-list-structure", "false");
        try {
            Files.createDirectories(file.getParent());
            long written = 0;
            try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                    .withConf(conf)
                    .withSchema(dataset.schema())
                    .withDataModel(MODEL)
                    .withCompressionCodec(CompressionCodecName.ZSTD)
                    .withWriteMode(ParquetFileWriter.Mode.CREATE)
                    .build()) {
                for (GenericRecord row : dataset.rows()) {
                    writer.write(row);
                    written++;
                }
            }
            if (written != dataset.rowCount()) {
                throw new DatasetWriteException(dataset.relativePath(), "wrote " + written + " rows, expected " + dataset.rowCount(), null);
            }
            return file;
        } catch (IOException | RuntimeException e) {
            if (e instanceof DatasetWriteException d) {
                throw d;
            }
            throw new DatasetWriteException(dataset.relativePath(), e.getMessage(), e);
        }
    }

    private static GenericData model() {
        GenericData model = new GenericData();
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        model.addLogicalTypeConversion(new TimeConversions.DateConversion());
        model.addLogicalTypeConversion(new Conversions.DecimalConversion());
        return model;
    }
}
