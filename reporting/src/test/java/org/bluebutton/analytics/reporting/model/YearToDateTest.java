package org.bluebutton.analytics.reporting.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.bluebutton.analytics.reporting.ReportFixture;
import org.bluebutton.analytics.reporting.render.HtmlReport;
import org.bluebutton.analytics.schemas.aggregate.AccessFigures;
import org.bluebutton.analytics.schemas.aggregate.ActivityCounts;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthKey;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.PeriodGranularity;
import org.bluebutton.analytics.schemas.aggregate.RollupMetrics;
import org.bluebutton.analytics.schemas.event.OrganizationType;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** A report through February 2025 against the fixture: January and February of 2025, compared with January and February of 2024. */
class YearToDateTest {

    private static final ReportPeriod THROUGH_FEBRUARY = new ReportPeriod(2025, 2);

    private final ReportSnapshot snapshot = ReportFixture.snapshot(THROUGH_FEBRUARY, tables ->
            tables.orgMonth(new OrgMonthKey("gamma", 2024, 1), new OrgMonthlyMetrics("gamma", 2024, 1, new ActivityCounts(100L, 50L, 0L, 0L, 5L),
                    new AccessFigures(java.time.LocalDate.of(2024, 1, 31), 18_000L, null, null))));

    @Test
    void the_period_sums_the_months_through_its_end_and_takes_each_organizations_latest_snapshot_in_them() {
        RollupMetrics program = snapshot.programYear(2025).orElseThrow();

        assertThat(program.getActivity().getViews()).as("alpha Jan 1,000 + Feb 900, gamma Jan 200; beta's March is after").isEqualTo(2_100L);
        assertThat(program.getActivity().getDownloads()).isEqualTo(910L);
        assertThat(program.getPatientsWithAccess()).as("alpha's February 52,000 (not 50,000 + 52,000) + gamma's 20,000").isEqualTo(72_000L);
        assertThat(program.getOrganizationsReporting()).isEqualTo(2);
        assertThat(snapshot.orgMonths()).allSatisfy(m -> assertThat(m.getMonth()).isLessThanOrEqualTo(2));
    }

    @Test
    void it_is_compared_with_the_same_months_of_the_year_before() {
        RollupMetrics previous = snapshot.programYear(2024).orElseThrow();

        assertThat(previous.getActivity().getDownloads()).as("gamma's January 2024 only; alpha's December 2024 is outside").isEqualTo(50L);
        assertThat(previous.getPatientsWithAccess()).isEqualTo(18_000L);
    }

    @Test
    void pledges_count_at_the_end_of_the_period_in_each_year() {
        assertThat(snapshot.pledgeYear(2025, OrganizationType.DATA_HOLDER).orElseThrow().getActiveAtEnd())
                .as("alpha, gamma, Westside (withdrew in June), beta (pledged February 10)").isEqualTo(4);
        assertThat(snapshot.pledgeYear(2024, OrganizationType.DATA_HOLDER).orElseThrow().getActiveAtEnd())
                .as("gamma and Westside; alpha pledged in May 2024").isEqualTo(2);
        assertThat(snapshot.pledgeCounts()).filteredOn(p -> p.getGranularity() == PeriodGranularity.MONTH).allSatisfy(p ->
                assertThat(p.getMonth()).isLessThanOrEqualTo(2));
    }

    @Test
    void stories_and_engagement_after_the_period_are_left_out() {
        assertThat(snapshot.engagementActivities()).as("both stories of 2025 are dated March 1").isEmpty();
        assertThat(snapshot.engagementMetrics()).isEmpty();
    }

    @Test
    void the_report_names_the_period_and_its_comparison() {
        Document html = Jsoup.parse(HtmlReport.render(snapshot, "1.2.3"));

        assertThat(html.title()).isEqualTo("Blue Button Pledge Program — Report 2025 year to date, through February 28, 2025");
        assertThat(html.select("table.headline tr").first().select("th").eachText()).containsExactly("Figure", "Jan–Feb 2025", "Jan–Feb 2024", "Change");
        assertThat(html.select("tr[data-metric=downloads] td").eachText()).containsExactly("910", "50", "+1720.0%");
        assertThat(html.select("#year-to-date").text()).contains("Jan–Feb 2025", "Jan–Feb 2024");
    }
}
