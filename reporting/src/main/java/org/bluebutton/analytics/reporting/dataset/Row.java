package org.bluebutton.analytics.reporting.dataset;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * One row of a dataset being written: one call per column, in the order of the dataset's schema
 * ({@link Columns}), with the method of the column's type. A row checks each call against the schema
 * (order, type, whether null is allowed), so a mistake in a dataset's definition fails the write
 * with the column's name instead of producing a wrong file.
 *
 * <p>Primitive overloads exist so that required numbers are written without boxing; the boxed ones
 * take {@code null} for optional columns.
 */
public interface Row {

    /** A {@code string} column; null only where the column is optional. */
    void string(String value);

    /** An {@code int} column. */
    void integer(int value);

    /** An optional {@code int} column (or a required one with a non-null value). */
    void integer(Integer value);

    /** A {@code bigint} column. */
    void bigint(long value);

    /** An optional {@code bigint} column (or a required one with a non-null value). */
    void bigint(Long value);

    /** A {@code boolean} column. */
    void bool(boolean value);

    /** A {@code timestamp} column (milliseconds, UTC); null only where optional. */
    void timestamp(Instant value);

    /** A {@code date} column; null only where optional. */
    void date(LocalDate value);

    /** A {@code decimal(18,4)} column; the value must have scale 4 or be exactly representable with it. */
    void decimal(BigDecimal value);

    /** A {@code list<string>} column (never null; may be empty). */
    void stringList(List<String> values);
}
