package org.bluebutton.analytics.reporting.dataset;

import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.RecordConsumer;

/**
 * parquet-mr's hook for a dataset: each source item goes through the dataset's {@link RowWriter}
 * straight to the {@link RecordConsumer} — no intermediate record, no boxing of required numbers,
 * no per-value lookup of conversions.
 */
final class DatasetWriteSupport<T> extends WriteSupport<T> {

    private final Dataset<T> dataset;
    private final DatasetLayout layout;
    private ParquetRow row;

    DatasetWriteSupport(Dataset<T> dataset, DatasetLayout layout) {
        this.dataset = dataset;
        this.layout = layout;
    }

    @Override
    public WriteContext init(Configuration configuration) {
        return context();
    }

    @Override
    public WriteContext init(ParquetConfiguration configuration) {
        return context();
    }

    private WriteContext context() {
        return new WriteContext(layout.messageType(), layout.keyValueMetadata());
    }

    @Override
    public String getName() {
        return DatasetLayout.WRITER_MODEL;
    }

    @Override
    public void prepareForWrite(RecordConsumer consumer) {
        row = new ParquetRow(layout.columns(), consumer);
    }

    @Override
    public void write(T item) {
        row.begin();
        dataset.rowWriter().write(item, row);
        row.finish();
    }
}
