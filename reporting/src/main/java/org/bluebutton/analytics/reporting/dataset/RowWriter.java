package org.bluebutton.analytics.reporting.dataset;

/**
 * Writes one source item (a snapshot's aggregate, a profile …) as one row of a dataset.
 *
 * @param <T> the type of the dataset's source items
 */
@FunctionalInterface
public interface RowWriter<T> {

    /** Calls {@code row} once per column, in the dataset's column order. */
    void write(T item, Row row);
}
