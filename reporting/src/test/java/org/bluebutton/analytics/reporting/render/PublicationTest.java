package org.bluebutton.analytics.reporting.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.bluebutton.analytics.reporting.ReportFixture;
import org.bluebutton.analytics.reporting.model.ReportSnapshot;
import org.bluebutton.analytics.schemas.event.Commitment;
import org.bluebutton.analytics.schemas.event.EngagementActivity;
import org.bluebutton.analytics.schemas.event.EngagementType;
import org.bluebutton.analytics.schemas.event.FeaturedStory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

/** The curated sections against the fixture, whose figures are known. */
class PublicationTest {

    private final ReportSnapshot snapshot = ReportFixture.snapshot();
    private final ReportFigures figures = ReportFigures.of(snapshot);

    @Test
    void a_category_features_its_highest_published_download_rate_and_no_holder_whose_figures_are_withheld() {
        Map<String, List<Publication.Featured>> featured = Publication.featured(snapshot, figures);

        assertThat(featured).containsOnlyKeys("PAYER").as("Hospital: Beta's patients are <11 and Alpha's withheld to protect them");
        assertThat(featured.get("PAYER")).extracting(f -> f.reason() + ": " + f.holder().orgId() + " " + f.figure())
                .containsExactly("Highest download rate: gamma 0.3 downloads per 100 patients")
                .as("Gamma's downloads fell (300 -> 60), so no growth is featured");
    }

    @Test
    void the_commitments_summary_counts_organizations_pledged_at_year_end_by_type() {
        Map<Commitment, int[]> counts = Publication.commitmentCounts(snapshot);

        assertThat(counts).containsOnlyKeys(Commitment.DOWNLOAD_FROM_PORTAL, Commitment.DIRECT_TRANSMIT, Commitment.CEO_MESSAGE);
        assertThat(counts.get(Commitment.DOWNLOAD_FROM_PORTAL)).as("alpha, beta, gamma; Westside withdrew in June").containsExactly(3, 0);
        assertThat(counts.get(Commitment.CEO_MESSAGE)).containsExactly(0, 1);
    }

    @Test
    void each_kind_of_action_tells_its_three_stories_that_reached_the_most_people() {
        ReportSnapshot withEvents = ReportFixture.snapshot(tables -> {
            long[] reach = {10, 50, 30, -1};
            for (int i = 0; i < reach.length; i++) {
                tables.engagementActivity("acme", EngagementActivity.newBuilder().setEventId("00000000-0000-4000-8000-00000000000" + i)
                        .setOrgId("acme").setOccurredOn(LocalDate.of(2025, 5, 1 + i)).setEngagementType(EngagementType.EVENT)
                        .setPeopleReached(reach[i] < 0 ? null : reach[i]).setTitle("Event " + i).setReceivedAt(Instant.parse("2025-06-01T00:00:00Z"))
                        .build());
            }
        });

        assertThat(Publication.curatedStories(withEvents)).extracting(a -> a.getTitle().toString())
                .containsExactly("CEO asks every employee to download their records", "Portal day at Alpha", "Event 1", "Event 2", "Event 0");
    }

    @Test
    void stories_staff_marked_as_featured_are_told_instead_of_the_most_reaching_and_a_mark_taken_back_or_for_another_year_is_not() {
        ReportSnapshot withMarks = ReportFixture.snapshot(tables -> {
            long[] reach = {10, 50, 30};
            for (int i = 0; i < reach.length; i++) {
                tables.engagementActivity("acme", EngagementActivity.newBuilder().setEventId(eventId(i)).setOrgId("acme")
                        .setOccurredOn(LocalDate.of(2025, 5, 1 + i)).setEngagementType(EngagementType.EVENT).setPeopleReached(reach[i])
                        .setTitle("Event " + i).setReceivedAt(Instant.parse("2025-06-01T00:00:00Z")).build());
            }
            tables.featuredStory("acme/" + eventId(0), mark(eventId(0), true));
            tables.featuredStory("acme/" + eventId(2), mark(eventId(2), true));
            tables.featuredStory("acme/" + eventId(1), mark(eventId(1), true));
            tables.featuredStory("acme/" + eventId(1), mark(eventId(1), false)); // taken back
            tables.featuredStory("acme/" + eventId(9), mark(eventId(9), true)); // not a story of 2025
        });

        assertThat(Publication.curatedStories(withMarks)).extracting(a -> a.getTitle().toString()).containsExactly("Event 2", "Event 0");
        assertThat(Jsoup.parse(HtmlReport.render(withMarks, ReportFigures.of(withMarks), "1.2.3")).text()).contains("Chosen by program staff: 2 stories");
    }

    @Test
    void marks_for_no_story_of_the_year_leave_the_most_reaching_stories() {
        ReportSnapshot withStrayMark = ReportFixture.snapshot(tables -> tables.featuredStory("acme/" + eventId(9), mark(eventId(9), true)));

        assertThat(Publication.curatedStories(withStrayMark)).isEqualTo(Publication.curatedStories(snapshot)).isNotEmpty();
    }

    private static String eventId(int i) {
        return "00000000-0000-4000-8000-00000000000" + i;
    }

    private static FeaturedStory mark(String eventId, boolean featured) {
        return new FeaturedStory("acme", eventId, featured, null, "staff-1", Instant.parse("2025-12-01T00:00:00Z"));
    }

    @Test
    void the_report_shows_the_download_rate_in_the_headline_and_in_every_group_and_data_holder_row() {
        Document document = Jsoup.parse(HtmlReport.render(snapshot, figures, "1.2.3"));

        assertThat(document.select("tr[data-metric=download-rate] td").eachText()).containsExactly("1.3", "1.3", "-4.9%");
        assertThat(document.select("tr[data-group=PAYER] td[data-measure=DOWNLOAD_RATE]").text()).isEqualTo("0.3");
        assertThat(document.select("tr[data-group=PAYER] td[data-change=DOWNLOADS]").text()).isEqualTo("-80.0%");
        assertThat(document.select("tr[data-org=beta] td[data-measure=DOWNLOAD_RATE]").text()).as("withheld patients: no rate").isEqualTo("—");
        assertThat(document.select("#featured-holders tr[data-org]").eachAttr("data-org")).containsExactly("gamma");
        assertThat(document.select("#commitment-counts td").eachText()).contains("Transmit with Direct");
        assertThat(document.select("#summary").text()).contains("3 data holders and 1 non-data holders", "72,008 (+20.0% on 2024)");
    }

    @Test
    void every_chart_has_a_title_and_a_text_alternative_with_its_figures() {
        Document document = Jsoup.parse(HtmlReport.render(snapshot, figures, "1.2.3"));

        assertThat(document.select("svg")).hasSize(4).allSatisfy(svg -> {
            assertThat(svg.select("title").text()).isNotBlank();
            assertThat(svg.select("desc").text()).isNotBlank();
        });
        assertThat(document.select("#chart-patients-by-category desc").text()).isEqualTo("Bar chart. Hospital: 52,008; Health plan or payer: 20,000;");
    }
}
