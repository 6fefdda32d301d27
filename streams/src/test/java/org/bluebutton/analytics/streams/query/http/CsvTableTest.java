package org.bluebutton.analytics.streams.query.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class CsvTableTest {

    private static List<CSVRecord> parse(String csv) throws IOException {
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv)).getRecords();
    }

    @Test
    void records_end_with_crlf_and_the_first_is_the_header() {
        String csv = new CsvTable("org_id", "downloads").row("mercy", 5L).write();

        assertThat(csv).isEqualTo("org_id,downloads\r\nmercy,5\r\n");
    }

    @Test
    void commas_quotes_and_line_breaks_are_quoted_and_read_back_unchanged() throws IOException {
        String name = "Mercy \"General\", Boston\r\nEast";

        List<CSVRecord> records = parse(new CsvTable("name").row(name).write());

        assertThat(records).hasSize(1);
        assertThat(records.get(0).get("name")).isEqualTo(name);
    }

    @Test
    void text_that_a_spreadsheet_would_run_as_a_formula_starts_with_an_apostrophe() throws IOException {
        CsvTable table = new CsvTable("name");
        for (String text : List.of("=HYPERLINK(\"http://x.example\",\"x\")", "+1+2", "-2+3", "@SUM(A1)", "\tcmd", "\rcmd")) {
            table.row(text);
        }

        assertThat(parse(table.write())).extracting(record -> record.get("name"))
                .containsExactly("'=HYPERLINK(\"http://x.example\",\"x\")", "'+1+2", "'-2+3", "'@SUM(A1)", "'\tcmd", "'\rcmd");
    }

    @Test
    void numbers_stay_numbers_negative_ones_too_and_decimals_never_use_exponents() throws IOException {
        CSVRecord record = parse(new CsvTable("change", "rate", "big").row(-500L, new BigDecimal("0.000001"), new BigDecimal("1E+3")).write()).get(0);

        assertThat(record.get("change")).isEqualTo("-500");
        assertThat(record.get("rate")).isEqualTo("0.000001");
        assertThat(record.get("big")).isEqualTo("1000");
    }

    @Test
    void an_absent_value_is_an_empty_field() throws IOException {
        assertThat(parse(new CsvTable("rate", "name").row(null, "x").write()).get(0).get("rate")).isEmpty();
    }
}
