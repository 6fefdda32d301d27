package org.bluebutton.analytics.reporting.dataset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.format.Util;
import org.apache.parquet.format.converter.ParquetMetadataConverter;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.internal.column.columnindex.ColumnIndex;
import org.apache.parquet.internal.column.columnindex.OffsetIndex;
import org.apache.parquet.internal.hadoop.metadata.IndexReference;
import org.apache.parquet.io.LocalOutputFile;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.SeekableInputStream;
import org.bluebutton.analytics.reporting.dataset.ColumnType.Column;

/**
 * Writes a {@link Dataset} as one ZSTD-compressed Parquet file, on the local file system without
 * Hadoop's file system layer ({@link LocalOutputFile}, {@link PlainParquetConfiguration}).
 *
 * <p>Rows go from the dataset's {@link RowWriter} straight to parquet-mr ({@link DatasetWriteSupport});
 * pages are data page v2 with per-column encodings ({@link #dictionary}); datasets larger than a row
 * group are encoded on several threads, one row group each. The files hold nothing that changes
 * from run to run (no timestamps; {@code created_by} names the writer version only), so the same
 * rows give byte-identical files. README "Datasets" says why each setting was chosen.
 */
public final class ParquetDatasetWriter {

    /**
     * Rows per row group (and at most per page): about DuckDB's 122,880, so that a reader can skip or
     * parallelise by row group, and large enough that a page holds repeats for ZSTD to find.
     */
    static final int ROW_GROUP_ROWS = 131_072;
    private static final int PAGE_BYTES = 1 << 20;
    private static final int DICTIONARY_PAGE_BYTES = 1 << 20;
    private final int threads;
    private final int rowGroupRows;

    /** A writer that encodes row groups on as many threads as there are processors. */
    public ParquetDatasetWriter() {
        this(Runtime.getRuntime().availableProcessors(), ROW_GROUP_ROWS);
    }

    /** A writer with its own thread count and row group size (tests use small row groups). */
    ParquetDatasetWriter(int threads, int rowGroupRows) {
        this.threads = Math.max(1, threads);
        this.rowGroupRows = rowGroupRows;
    }

    /**
     * Writes {@code dataset} under {@code root} at {@link Dataset#relativePath()}.
     *
     * @return the file written
     */
    public <T> Path write(Dataset<T> dataset, Path root) {
        Path file = root.resolve(dataset.relativePath());
        DatasetLayout layout = DatasetLayout.of(dataset.schema());
        try {
            Files.createDirectories(file.getParent());
            long written = dataset.rowCount() <= rowGroupRows
                    ? writeRows(dataset, layout, dataset.source().iterator(), new LocalOutputFile(file)).rows()
                    : writeInRowGroups(dataset, layout, new LocalOutputFile(file));
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

    /** Rows written to one Parquet file, and that file's footer (where its row groups and page indexes are). */
    private record Written(long rows, ParquetMetadata footer) {
    }

    private <T> Written writeRows(Dataset<T> dataset, DatasetLayout layout, Iterator<T> items, OutputFile out) throws IOException {
        long written = 0;
        ParquetWriter<T> writer = new Builder<>(out, new DatasetWriteSupport<>(dataset, layout), layout, rowGroupRows).build();
        try (writer) {
            while (items.hasNext()) {
                writer.write(items.next());
                written++;
            }
        }
        return new Written(written, writer.getFooter());
    }

    /**
     * Large datasets: the main thread cuts the rows into row groups, each encoded and compressed into a
     * file in memory on a worker, and copies the finished row groups into the dataset's file in row
     * order (at most one more group in flight than workers, so memory stays bounded). The groups'
     * boundaries depend only on the row count, so the file has the same bytes with any number of
     * threads.
     */
    private <T> long writeInRowGroups(Dataset<T> dataset, DatasetLayout layout, OutputFile out) throws IOException {
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "parquet-" + dataset.name() + "-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        long written = 0;
        try (ParquetFileWriter file = new ParquetFileWriter(out, layout.messageType(), ParquetFileWriter.Mode.CREATE,
                ParquetWriter.DEFAULT_BLOCK_SIZE, ParquetWriter.MAX_PADDING_SIZE_DEFAULT, null, properties(layout, rowGroupRows))) {
            file.start();
            Deque<Future<Part>> pending = new ArrayDeque<>();
            Iterator<T> items = dataset.source().iterator();
            while (items.hasNext()) {
                List<T> group = new ArrayList<>(rowGroupRows);
                while (group.size() < rowGroupRows && items.hasNext()) {
                    group.add(items.next());
                }
                written += group.size();
                pending.add(pool.submit(() -> {
                    InMemoryFile part = new InMemoryFile(4 << 20);
                    return new Part(part, writeRows(dataset, layout, group.iterator(), part).footer());
                }));
                while (pending.size() > threads) {
                    append(file, layout, take(pending.poll()));
                }
            }
            while (!pending.isEmpty()) {
                append(file, layout, take(pending.poll()));
            }
            Map<String, String> metadata = new HashMap<>(layout.keyValueMetadata());
            metadata.put("writer.model.name", DatasetLayout.WRITER_MODEL);
            file.end(metadata);
        } finally {
            pool.shutdownNow();
        }
        return written;
    }

    private static Part take(Future<Part> part) throws IOException {
        try {
            return part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException(e.getCause());
        }
    }

    /** Copies the row groups of {@code part} (encoded and compressed) into {@code file}, with their page indexes. */
    private static void append(ParquetFileWriter file, DatasetLayout layout, Part part) throws IOException {
        try (SeekableInputStream in = part.file().newStream()) {
            for (BlockMetaData block : part.footer().getBlocks()) {
                file.startBlock(block.getRowCount());
                for (ColumnChunkMetaData chunk : block.getColumns()) {
                    ColumnDescriptor column = layout.messageType().getColumnDescription(chunk.getPath().toArray());
                    file.appendColumnChunk(column, in, chunk, null, columnIndex(in, chunk), offsetIndex(in, chunk));
                }
                file.endBlock();
            }
        }
    }

    // parquet-mr's ParquetFileReader would read these, but it loads Hadoop MapReduce classes the
    // module does not ship; the page indexes are two Thrift structures at offsets the footer names.
    private static ColumnIndex columnIndex(SeekableInputStream in, ColumnChunkMetaData chunk) throws IOException {
        IndexReference ref = chunk.getColumnIndexReference();
        if (ref == null) {
            return null;
        }
        in.seek(ref.getOffset());
        return ParquetMetadataConverter.fromParquetColumnIndex(chunk.getPrimitiveType(), Util.readColumnIndex(in));
    }

    private static OffsetIndex offsetIndex(SeekableInputStream in, ColumnChunkMetaData chunk) throws IOException {
        IndexReference ref = chunk.getOffsetIndexReference();
        if (ref == null) {
            return null;
        }
        in.seek(ref.getOffset());
        return ParquetMetadataConverter.fromParquetOffsetIndex(Util.readOffsetIndex(in));
    }

    /** A row group's worth of rows, written in memory by a worker. */
    private record Part(InMemoryFile file, ParquetMetadata footer) {
    }

    /**
     * Page and encoding settings, the same for the row groups written in memory and the file they are
     * copied into (which keeps its page indexes' truncation consistent).
     */
    private static ParquetProperties properties(DatasetLayout layout, int rowGroupRows) {
        ParquetProperties.Builder properties = ParquetProperties.builder()
                .withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0)
                .withPageSize(PAGE_BYTES)
                .withPageRowCountLimit(rowGroupRows)
                .withDictionaryPageSize(DICTIONARY_PAGE_BYTES)
                .withDictionaryEncoding(true);
        for (Column column : layout.columns()) {
            if (!dictionary(column)) {
                properties.withDictionaryEncoding(column.name(), false);
            }
        }
        return properties.build();
    }

    /**
     * Whether a column is dictionary-encoded: codes, names, months, dates and lists of codes repeat
     * (a dictionary of a few values, then 1–12 bits per row); counts, patients, timestamps and
     * ratios rarely do, so they are written with DELTA_BINARY_PACKED (integers) or plain instead of
     * building a dictionary that parquet-mr would throw away after the first page. Free text
     * (titles, stories) tries a dictionary and falls back to DELTA_BYTE_ARRAY on its own.
     */
    static boolean dictionary(Column column) {
        return switch (column.type()) {
            case BIGINT, TIMESTAMP, DECIMAL -> false;
            case STRING, INT, BOOLEAN, DATE, STRING_LIST -> true;
        };
    }

    /** parquet-mr's builder for a {@link DatasetWriteSupport}. */
    private static final class Builder<T> extends ParquetWriter.Builder<T, Builder<T>> {
        private final DatasetWriteSupport<T> support;

        Builder(OutputFile file, DatasetWriteSupport<T> support, DatasetLayout layout, int rowGroupRows) {
            super(file);
            this.support = support;
            withConf(new PlainParquetConfiguration());
            withCompressionCodec(CompressionCodecName.ZSTD);
            withWriteMode(ParquetFileWriter.Mode.CREATE);
            withRowGroupRowCountLimit(rowGroupRows);
            withWriterVersion(ParquetProperties.WriterVersion.PARQUET_2_0);
            withPageSize(PAGE_BYTES);
            withPageRowCountLimit(rowGroupRows);
            withDictionaryPageSize(DICTIONARY_PAGE_BYTES);
            withDictionaryEncoding(true);
            for (Column column : layout.columns()) {
                if (!dictionary(column)) {
                    withDictionaryEncoding(column.name(), false);
                }
            }
        }

        @Override
        protected Builder<T> self() {
            return this;
        }

        @Override
        protected DatasetWriteSupport<T> getWriteSupport(org.apache.hadoop.conf.Configuration conf) {
            return support;
        }

        @Override
        protected DatasetWriteSupport<T> getWriteSupport(org.apache.parquet.conf.ParquetConfiguration conf) {
            return support;
        }
    }
}
