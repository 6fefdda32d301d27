package org.bluebutton.analytics.reporting.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.bluebutton.analytics.disclosure.Cell;
import org.bluebutton.analytics.disclosure.Suppression;
import org.bluebutton.analytics.reporting.ReportFixture;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

class HtmlReportTest {

    private final String html = HtmlReport.render(ReportFixture.snapshot(), "1.2.3");
    private final Document document = Jsoup.parse(html);

    @Test
    void headline_numbers_come_from_the_program_year_and_pledge_counts_with_year_over_year_change() {
        assertThat(document.select("tr[data-metric=patients-with-access] td.value").text()).isEqualTo("72,008");
        assertThat(document.select("tr[data-metric=patients-with-access] td.previous").text()).isEqualTo("60,000");
        assertThat(document.select("tr[data-metric=patients-with-access] td.change").text()).isEqualTo("+20.0%");
        assertThat(document.select("tr[data-metric=views] td.value").text()).isEqualTo("2,105");
        assertThat(document.select("tr[data-metric=downloads] td.change").text()).isEqualTo("+14.1%");
        assertThat(document.select("tr[data-metric=transmits] td.value").text()).isEqualTo("65");
        assertThat(document.select("tr[data-metric=api-accesses] td.value").text()).as("7 API accesses program-wide").isEqualTo("<11");
        assertThat(document.select("tr[data-metric=api-accesses] td.change").text()).isEqualTo("n/a");
        assertThat(document.select("tr[data-metric=data-holders-pledged] td.value").text()).isEqualTo("3");
        assertThat(document.select("tr[data-metric=data-holders-new] td.value").text()).isEqualTo("1");
        assertThat(document.select("tr[data-metric=non-data-holders-pledged] td.change").text()).as("no base last year").isEqualTo("n/a");
    }

    @Test
    void a_small_data_holder_is_suppressed_and_its_category_sibling_is_withheld_so_the_category_total_cannot_reveal_it() {
        assertThat(document.select("tr[data-org=beta] td[data-measure=PATIENTS_WITH_ACCESS]").text()).isEqualTo("<11");
        assertThat(document.select("tr[data-org=alpha] td[data-measure=PATIENTS_WITH_ACCESS]").text()).isEqualTo("*");
        assertThat(document.select("tr[data-group=HOSPITAL] td[data-measure=PATIENTS_WITH_ACCESS]").text()).isEqualTo("52,008");
        assertThat(document.select("tr[data-org=gamma] td[data-measure=DOWNLOADS]").text()).isEqualTo("60");
        assertThat(document.select("tr[data-org=beta] td[data-measure=TRANSMITS]").text()).isEqualTo("0");
    }

    @Test
    void the_data_holder_table_lists_every_active_data_holder_that_reported_and_not_the_withdrawn_one() {
        assertThat(document.select("#data-holders tr[data-org]").eachAttr("data-org")).containsExactly("alpha", "beta", "gamma");
    }

    @Test
    void stories_of_the_year_from_data_holders_and_non_data_holders_are_told_once_by_reach_and_their_text_is_escaped() {
        assertThat(document.select("article.story h3").eachText())
                .containsExactly("CEO asks every employee to download their records", "Portal day at Alpha");
        assertThat(document.select("article.story").first().text()).contains("<script>alert(1)</script>", "Acme Manufacturing", "4,200 people reached");
        assertThat(document.select("script")).isEmpty();
        assertThat(document.select("#engagement-by-type td").eachText()).containsExactly("CEO message", "1", "4,200", "1", "0");
    }

    @Test
    void the_data_quality_appendix_sums_the_year_per_input_topic_and_states_coverage() {
        assertThat(document.select("#set-aside tr[data-topic=all] td").eachText()).containsExactly("All input topics", "2", "7", "6", "1");
        assertThat(document.select("tr[data-coverage=reported] td").eachText()).containsExactly("… that sent stats for 2025", "3", "100.0%");
    }

    @Test
    void the_methodology_defines_the_metrics_and_the_suppression_rule_and_the_sources_name_the_tool_version() {
        assertThat(document.select("#methodology").text()).contains("never summed over months", "shown as <11", "withheld too (shown as *)");
        assertThat(document.select("#sources").text()).contains("Report tool version 1.2.3");
    }

    @Test
    void the_document_is_self_contained_and_the_same_snapshot_renders_the_same_bytes() {
        assertThat(document.select("link, img, script, iframe")).isEmpty();
        assertThat(document.select("svg")).hasSize(4);
        assertThat(HtmlReport.render(ReportFixture.snapshot(), "1.2.3")).isEqualTo(html);
    }

    @Test
    void year_over_year_change_is_only_computed_between_published_figures() {
        assertThat(HtmlReport.change(new Cell(120, Suppression.NONE), new Cell(100, Suppression.NONE))).isEqualTo("+20.0%");
        assertThat(HtmlReport.change(new Cell(90, Suppression.NONE), new Cell(100, Suppression.NONE))).isEqualTo("-10.0%");
        assertThat(HtmlReport.change(new Cell(120, Suppression.NONE), new Cell(5, Suppression.SMALL_CELL))).isEqualTo("n/a");
        assertThat(HtmlReport.change(new Cell(120, Suppression.COMPLEMENTARY), new Cell(100, Suppression.NONE))).isEqualTo("n/a");
    }

    @Test
    void the_headline_and_the_coverage_appendix_give_one_count_of_data_holders_pledged_at_year_end() {
        assertThat(document.select("tr[data-coverage=active-data-holders] td").eachText().get(1))
                .isEqualTo(document.select("tr[data-metric=data-holders-pledged] td.value").text()).isEqualTo("3");
    }

    @Test
    void given_a_data_holder_that_withdraws_the_next_year_then_the_years_report_is_byte_identical_and_says_how_it_differs_from_the_live_figures() {
        String withdrawnLater = HtmlReport.render(ReportFixture.snapshot(tables -> {
            tables.pledge("gamma", org.bluebutton.analytics.schemas.event.Pledge.newBuilder(ReportFixture.pledge("gamma", "Gamma Health Plan",
                    org.bluebutton.analytics.schemas.event.OrganizationType.DATA_HOLDER, org.bluebutton.analytics.schemas.event.OrganizationCategory.PAYER,
                    "NY", "2023-01-01T00:00:00Z", org.bluebutton.analytics.schemas.event.PledgeStatus.WITHDRAWN, "2026-02-01T00:00:00Z"))
                    .setWithdrawnAt(java.time.Instant.parse("2026-02-01T00:00:00Z")).build());
            // streams takes gamma out of its live roll-ups of every year
            tables.rollup(new org.bluebutton.analytics.schemas.aggregate.RollupKey(org.bluebutton.analytics.schemas.aggregate.RollupDimension.CATEGORY,
                    "PAYER", org.bluebutton.analytics.schemas.aggregate.PeriodGranularity.YEAR, 2025, null), null);
        }), "1.2.3");

        assertThat(withdrawnLater.replaceAll("<p id=\"live-differences\"[^\n]*", ""))
                .isEqualTo(html.replaceAll("<p id=\"live-differences\"[^\n]*", ""));
        assertThat(Jsoup.parse(withdrawnLater).select("#live-differences").attr("data-count")).isEqualTo("1");
        assertThat(document.select("#live-differences").attr("data-count")).isEqualTo("0");
    }
}
