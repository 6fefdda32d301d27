package org.bluebutton.analytics.streams.query.http;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A table written as CSV by RFC 4180: a header row, comma-separated fields, CRLF after every record,
 * fields holding a comma, a double quote, CR or LF quoted, and quotes inside doubled.
 *
 * <p>Spreadsheets run a cell as a formula when it starts with {@code = + - @} (and some with a tab or CR):
 * organization names and ids come from outside the program, so a text value starting with one of these is
 * written with a leading apostrophe ({@code '=HYPERLINK(...)}), which spreadsheets show as text. Numbers
 * are written as numbers (plain decimals, never exponents) and are not touched: a negative number is not a
 * formula, and an analyst needs it as a number. An absent value is an empty field.
 */
final class CsvTable {

    private static final String FORMULA_STARTS = "=+-@\t\r";

    private final List<String> header;
    private final List<List<Object>> rows = new ArrayList<>();

    CsvTable(String... header) {
        this.header = List.of(header);
    }

    /** Adds a row: one value per header column; strings, numbers or null. */
    CsvTable row(Object... values) {
        if (values.length != header.size()) {
            throw new IllegalArgumentException("a row of " + values.length + " values for " + header.size() + " columns");
        }
        rows.add(Arrays.asList(values));
        return this;
    }

    String write() {
        StringBuilder csv = new StringBuilder();
        record(csv, new ArrayList<>(header));
        rows.forEach(row -> record(csv, row));
        return csv.toString();
    }

    private static void record(StringBuilder csv, List<Object> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(field(values.get(i)));
        }
        csv.append("\r\n");
    }

    static String field(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Number number) {
            return number.toString();
        }
        String text = value.toString();
        if (!text.isEmpty() && FORMULA_STARTS.indexOf(text.charAt(0)) >= 0) {
            text = "'" + text;
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
            return '"' + text.replace("\"", "\"\"") + '"';
        }
        return text;
    }
}
