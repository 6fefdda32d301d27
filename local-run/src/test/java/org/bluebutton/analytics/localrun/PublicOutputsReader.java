package org.bluebutton.analytics.localrun;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bluebutton.analytics.disclosure.LinearRecovery;

/**
 * A reader with every public output of one year in hand — the annual report's public tables (headline,
 * months, categories, states, data holders) and the Blue Button Hub's answers for the same year — who
 * tries to work out each withheld figure. Every figure shown anywhere is known; every published sum
 * (the program is the sum of its categories, of its states and, for activity, of its months; a
 * category and a state are the sums of their data holders) is an equation; the equations of all
 * outputs are solved together ({@link LinearRecovery}). A figure withheld everywhere but determined
 * by the equations, or withheld in one output and shown in the other, is recovered.
 *
 * <p>Written from the outputs only (their files and JSON), not from the code that made them.
 */
final class PublicOutputsReader {

    /** The measures both outputs publish: report column, Hub field, whether months add up to the year. */
    private record Measure(String column, String hubField, String headlineLabel, boolean monthsAddUp) {
    }

    private static final List<Measure> MEASURES = List.of(
            new Measure("patients_with_access", "patientsWithAccess", "Patients with access", false),
            new Measure("views", "views", "Views", true),
            new Measure("downloads", "downloads", "Downloads", true),
            new Measure("transmits", "transmits", "Transmits", true),
            new Measure("api_accesses", null, "API accesses", true));

    private final Path tables;
    private final List<JsonNode> hubListings;
    private final int year;

    /**
     * @param reportOut the report's output directory (its {@code public/tables/})
     * @param hubListings the Hub's listed data holders (JSON items), any year
     * @param year the report's year
     */
    PublicOutputsReader(Path reportOut, List<JsonNode> hubListings, int year) {
        this.tables = reportOut.resolve("public").resolve("tables");
        this.hubListings = hubListings;
        this.year = year;
    }

    /** What a figure is known as: its value, or withheld. */
    private record Known(Long value) {
        boolean withheld() {
            return value == null;
        }
    }

    /** Recovered figures, as "measure cell" texts; empty when nothing can be worked out. */
    List<String> recovered() throws IOException {
        List<Map<String, String>> holders = read("data_holders.csv");
        List<Map<String, String>> categories = read("categories.csv");
        List<Map<String, String>> states = read("states.csv");
        List<Map<String, String>> months = read("program_months.csv");
        List<Map<String, String>> headline = read("headline.csv");
        Map<String, JsonNode> hubByName = new HashMap<>();
        for (JsonNode listing : hubListings) {
            if (listing.at("/latest/year").asInt() == year) {
                hubByName.put(listing.at("/name").asText(), listing);
            }
        }
        List<String> recovered = new ArrayList<>();
        for (Measure measure : MEASURES) {
            Map<String, Known> cells = new LinkedHashMap<>();
            String yearColumn = headline.isEmpty() ? null : headline.get(0).keySet().stream().skip(1).findFirst().orElseThrow();
            for (Map<String, String> row : headline) {
                if (row.get("figure").equals(measure.headlineLabel())) {
                    cells.put("program", parse(row.get(yearColumn)));
                }
            }
            List<String> categoryNames = new ArrayList<>();
            for (Map<String, String> row : categories) {
                categoryNames.add("category " + row.get("category"));
                cells.put("category " + row.get("category"), parse(row.get(measure.column())));
            }
            List<String> stateNames = new ArrayList<>();
            for (Map<String, String> row : states) {
                stateNames.add("state " + row.get("state"));
                cells.put("state " + row.get("state"), parse(row.get(measure.column())));
            }
            List<String> monthNames = new ArrayList<>();
            for (Map<String, String> row : months) {
                monthNames.add("month " + row.get("month"));
                cells.put("month " + row.get("month"), parse(row.get(measure.column())));
            }
            Map<String, List<String>> byCategory = new LinkedHashMap<>();
            Map<String, List<String>> byState = new LinkedHashMap<>();
            for (Map<String, String> row : holders) {
                String name = "holder " + row.get("organization");
                Known inReport = parse(row.get(measure.column()));
                JsonNode hub = hubByName.get(row.get("organization"));
                Known onHub = hub == null || measure.hubField() == null ? null : hubFigure(hub, measure.hubField());
                // Shown in either output: known. (Shown on the Hub and withheld in the report is itself a recovery.)
                if (inReport.withheld() && onHub != null && !onHub.withheld()) {
                    recovered.add(measure.column() + " " + name + " (withheld in the report, shown on the Hub)");
                }
                if (!inReport.withheld() && onHub != null && onHub.withheld()) {
                    recovered.add(measure.column() + " " + name + " (withheld on the Hub, shown in the report)");
                }
                cells.put(name, inReport.withheld() && onHub != null ? onHub : inReport);
                byCategory.computeIfAbsent("category " + row.get("category"), k -> new ArrayList<>()).add(name);
                byState.computeIfAbsent("state " + row.get("state"), k -> new ArrayList<>()).add(name);
            }
            List<List<String>> sums = new ArrayList<>();
            sums.add(sum("program", categoryNames));
            sums.add(sum("program", stateNames));
            byCategory.forEach((total, parts) -> sums.add(sum(total, parts)));
            byState.forEach((total, parts) -> sums.add(sum(total, parts)));
            if (measure.monthsAddUp()) {
                sums.add(sum("program", monthNames));
            }
            List<Map<String, Long>> equations = new ArrayList<>();
            for (List<String> sum : sums) {
                Map<String, Long> equation = new HashMap<>();
                for (int i = 0; i < sum.size(); i++) {
                    Known known = cells.get(sum.get(i));
                    if (known != null && known.withheld()) {
                        equation.merge(sum.get(i), i == 0 ? 1L : -1L, Long::sum);
                    }
                }
                equations.add(equation);
            }
            for (String cell : LinearRecovery.determined(equations)) {
                recovered.add(measure.column() + " " + cell + " (worked out from the published sums)");
            }
        }
        return recovered;
    }

    /** How many figures are withheld in the report's tables (so a test can tell the check had something to find). */
    long withheldInReport() throws IOException {
        long withheld = 0;
        for (String table : List.of("data_holders.csv", "categories.csv", "states.csv", "program_months.csv")) {
            for (Map<String, String> row : read(table)) {
                for (Measure measure : MEASURES) {
                    if (parse(row.get(measure.column())).withheld()) {
                        withheld++;
                    }
                }
            }
        }
        return withheld;
    }

    private static Known hubFigure(JsonNode listing, String field) {
        JsonNode value = listing.at("/latest/" + field);
        if (!value.isMissingNode() && !value.isNull()) {
            return new Known(value.asLong());
        }
        for (JsonNode suppressed : listing.at("/latest/suppressed")) {
            if (suppressed.asText().equals(field)) {
                return new Known(null);
            }
        }
        return new Known(0L); // absent and not withheld: no snapshot (patients), which the report shows as empty
    }

    private static Known parse(String text) {
        if (text == null || text.isEmpty()) {
            return new Known(0L); // no access snapshot: no figure, adds nothing
        }
        if (text.equals("<11") || text.equals("*")) {
            return new Known(null);
        }
        return new Known(Long.parseLong(text));
    }

    private static List<String> sum(String total, List<String> parts) {
        List<String> sum = new ArrayList<>();
        sum.add(total);
        sum.addAll(parts);
        return sum;
    }

    /** An RFC 4180 file with a header row, as maps from column to field. */
    private List<Map<String, String>> read(String file) throws IOException {
        List<List<String>> records = parseCsv(Files.readString(tables.resolve(file), StandardCharsets.UTF_8));
        List<Map<String, String>> rows = new ArrayList<>();
        for (List<String> record : records.subList(1, records.size())) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < records.get(0).size(); i++) {
                row.put(records.get(0).get(i), i < record.size() ? record.get(i) : "");
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<List<String>> parseCsv(String text) {
        List<List<String>> records = new ArrayList<>();
        List<String> record = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                record.add(field.toString());
                field.setLength(0);
            } else if (c == '\r') {
                continue;
            } else if (c == '\n') {
                record.add(field.toString());
                field.setLength(0);
                records.add(record);
                record = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        return records;
    }
}
