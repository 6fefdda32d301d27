package org.bluebutton.analytics.reporting.render;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bluebutton.analytics.disclosure.Cell;
import org.bluebutton.analytics.reporting.model.ReportSnapshot;

/**
 * The report's tables as CSV files for the public folder: the same suppressed figures as the HTML and
 * PDF (from the same {@link ReportFigures}), so a reader who combines the CSV with the PDF learns
 * nothing the PDF alone withholds. A withheld figure is written as the report shows it ({@code <11}
 * or {@code *}); a shown figure is written without digit grouping, so spreadsheets read it as a
 * number. RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma, quote or
 * line break; UTF-8 without a byte-order mark.
 */
public final class CsvTables {

    /** One CSV file: its name under {@code public/tables/} and its content. */
    public record Table(String fileName, String content) {

        /** The content as UTF-8. */
        public byte[] bytes() {
            return content.getBytes(StandardCharsets.UTF_8);
        }
    }

    private CsvTables() {
    }

    /** Every public table of the report, in a fixed order. */
    public static List<Table> of(ReportSnapshot snapshot, ReportFigures figures) {
        List<Table> tables = new ArrayList<>();
        tables.add(headline(snapshot, figures));
        tables.add(months(figures));
        tables.add(groups("categories.csv", "category", figures.categories(), Labels::category));
        tables.add(groups("states.csv", "state", figures.states(), state -> state));
        tables.add(dataHolders(figures));
        return tables;
    }

    private static Table headline(ReportSnapshot snapshot, ReportFigures figures) {
        StringBuilder csv = new StringBuilder();
        row(csv, List.of("figure", snapshot.period().label(snapshot.year()), snapshot.period().label(snapshot.year() - 1), "change"));
        for (HtmlReport.HeadlineRow row : HtmlReport.headlineRows(snapshot, figures)) {
            row(csv, List.of(row.label(), row.current().replace(",", ""), row.previous().replace(",", ""), row.change()));
        }
        return new Table("headline.csv", csv.toString());
    }

    private static Table months(ReportFigures figures) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("month"));
        for (Measure measure : Measure.values()) {
            header.add(column(measure));
        }
        row(csv, header);
        for (int month = 1; month <= 12; month++) {
            List<String> fields = new ArrayList<>(List.of(Integer.toString(month)));
            for (Measure measure : Measure.values()) {
                fields.add(text(figures.programMonths().get(measure).get(month - 1)));
            }
            row(csv, fields);
        }
        return new Table("program_months.csv", csv.toString());
    }

    private static Table groups(String fileName, String groupColumn, List<ReportFigures.GroupRow> rows,
            java.util.function.UnaryOperator<String> labels) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(List.of(groupColumn, "organizations_reporting"));
        for (Measure measure : Measure.values()) {
            header.add(column(measure));
        }
        row(csv, header);
        for (ReportFigures.GroupRow group : rows) {
            List<String> fields = new ArrayList<>(List.of(labels.apply(group.group()), Integer.toString(group.organizationsReporting())));
            cells(fields, group.cells());
            row(csv, fields);
        }
        return new Table(fileName, csv.toString());
    }

    private static Table dataHolders(ReportFigures figures) {
        StringBuilder csv = new StringBuilder();
        List<String> header = new ArrayList<>(List.of("organization", "category", "state"));
        for (Measure measure : Measure.values()) {
            header.add(column(measure));
        }
        row(csv, header);
        for (ReportFigures.DataHolderRow holder : figures.dataHolders()) {
            List<String> fields = new ArrayList<>(List.of(holder.name(), Labels.category(holder.category()), holder.state()));
            for (Measure measure : Measure.values()) {
                boolean noSnapshot = measure == Measure.PATIENTS_WITH_ACCESS && !holder.accessReported();
                fields.add(noSnapshot ? "" : text(holder.cells().get(measure)));
            }
            row(csv, fields);
        }
        return new Table("data_holders.csv", csv.toString());
    }

    private static void cells(List<String> fields, Map<Measure, Cell> cells) {
        for (Measure measure : Measure.values()) {
            fields.add(text(cells.get(measure)));
        }
    }

    /** A shown figure as a plain number; a withheld one as its marker. */
    static String text(Cell cell) {
        return cell.published() ? Long.toString(cell.value()) : cell.text();
    }

    private static String column(Measure measure) {
        return measure.name().toLowerCase(java.util.Locale.ROOT);
    }

    private static void row(StringBuilder csv, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                csv.append(',');
            }
            csv.append(quoted(fields.get(i)));
        }
        csv.append("\r\n");
    }

    /** RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so spreadsheets never run a name as a formula. */
    static String quoted(String field) {
        String safe = !field.isEmpty() && "=+-@".indexOf(field.charAt(0)) >= 0 && !field.matches("[+-][0-9.]+%?") ? "'" + field : field;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return '"' + safe.replace("\"", "\"\"") + '"';
        }
        return safe;
    }
}
