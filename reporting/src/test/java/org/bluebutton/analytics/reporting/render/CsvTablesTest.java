package org.bluebutton.analytics.reporting.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.bluebutton.analytics.reporting.ReportFixture;
import org.bluebutton.analytics.reporting.model.ReportSnapshot;
import org.junit.jupiter.api.Test;

class CsvTablesTest {

    private final ReportSnapshot snapshot = ReportFixture.snapshot();
    private final List<CsvTables.Table> tables = CsvTables.of(snapshot, ReportFigures.of(snapshot));

    private String table(String name) {
        return tables.stream().filter(t -> t.fileName().equals(name)).findFirst().orElseThrow().content();
    }

    @Test
    void the_public_tables_are_the_reports_tables() {
        assertThat(tables).extracting(CsvTables.Table::fileName)
                .containsExactly("headline.csv", "program_months.csv", "categories.csv", "states.csv", "data_holders.csv");
    }

    @Test
    void withheld_figures_show_their_marker_as_in_the_report_and_shown_figures_are_plain_numbers() {
        assertThat(table("data_holders.csv"))
                .contains("\r\nBeta Hospital,Hospital,MA,<11,")
                .contains("\r\nAlpha Hospital,Hospital,MA,*,")
                .contains("\r\nGamma Health Plan,Health plan or payer,NY,20000,");
    }

    @Test
    void the_withheld_patients_of_a_data_holder_appear_nowhere_in_its_row() {
        List<String> rows = table("data_holders.csv").lines().toList();

        assertThat(rows).filteredOn(row -> row.startsWith("Alpha Hospital,")).singleElement().asString().doesNotContain("52000");
        assertThat(rows).filteredOn(row -> row.startsWith("Beta Hospital,")).singleElement().asString().startsWith("Beta Hospital,Hospital,MA,<11,");
    }

    @Test
    void fields_with_commas_or_quotes_are_quoted_and_formula_starts_are_defused() {
        assertThat(CsvTables.quoted("Smith, Jones & Co")).isEqualTo("\"Smith, Jones & Co\"");
        assertThat(CsvTables.quoted("The \"Best\" Clinic")).isEqualTo("\"The \"\"Best\"\" Clinic\"");
        assertThat(CsvTables.quoted("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(CsvTables.quoted("+20.0%")).isEqualTo("+20.0%");
    }
}
