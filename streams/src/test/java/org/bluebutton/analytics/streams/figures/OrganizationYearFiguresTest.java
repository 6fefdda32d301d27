package org.bluebutton.analytics.streams.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.bluebutton.analytics.schemas.aggregate.OrgYearKey;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;
import org.bluebutton.analytics.schemas.event.AccessSnapshot;
import org.bluebutton.analytics.schemas.event.ActivityChannel;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.testing.TopologySpecs;
import org.bluebutton.analytics.testkit.SampleEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The yearly figures follow the metric definitions exactly, on {@code TopologyTestDriver}. Grace: 40 days. */
class OrganizationYearFiguresTest {

    private static final OrgYearKey ORG_A_2025 = new OrgYearKey("org-a", 2025);
    private final TopologySpecs specs;

    OrganizationYearFiguresTest() {
        this.specs = new TopologySpecs(Duration.ofDays(40));
    }

    @AfterEach
    void closeDriver() {
        specs.close();
    }

    @Test
    void a_years_activity_is_the_sum_of_its_months() {
        specs.send(download("2025-01-10T00:00:00Z", ActivityChannel.DOWNLOAD, 3));
        specs.send(download("2025-02-10T00:00:00Z", ActivityChannel.DOWNLOAD, 4));
        specs.send(download("2025-02-11T00:00:00Z", ActivityChannel.VIEW, 10));

        OrgYearlyMetrics year = years().get(ORG_A_2025);

        assertThat(year.getActivity()).isEqualTo(SampleEvents.activity(10, 7, 0, 0, 3));
        assertThat(year.getMonthsWithActivity()).isEqualTo(2);
    }

    @Test
    void patients_with_access_for_a_year_is_the_latest_snapshot_in_it_never_a_sum() {
        specs.send(snapshot("2025-01-31", 1_000, "2025-02-01T00:00:00Z"));
        specs.send(snapshot("2025-03-31", 1_300, "2025-04-01T00:00:00Z"));
        specs.send(snapshot("2025-02-28", 1_200, "2025-03-01T00:00:00Z"));

        OrgYearlyMetrics year = years().get(ORG_A_2025);

        assertThat(year.getAccess().getPatientsWithAccess()).isEqualTo(1_300);
        assertThat(year.getAccess().getAsOf()).isEqualTo(LocalDate.parse("2025-03-31"));
        assertThat(year.getMonthsWithSnapshot()).isEqualTo(3);
    }

    @Test
    void a_superseding_snapshot_for_the_latest_month_moves_the_year() {
        specs.send(snapshot("2025-03-31", 1_300, "2025-04-01T00:00:00Z"));
        specs.send(snapshot("2025-03-31", 1_250, "2025-04-05T00:00:00Z"));

        assertThat(years().get(ORG_A_2025).getAccess().getPatientsWithAccess()).isEqualTo(1_250);
    }

    @Test
    void a_late_event_within_grace_updates_its_month_and_the_year_without_double_counting() {
        specs.send(download("2025-01-10T00:00:00Z", ActivityChannel.DOWNLOAD, 3));
        specs.send(download("2025-02-05T00:00:00Z", ActivityChannel.VIEW, 1));
        specs.send(download("2025-01-31T23:00:00Z", ActivityChannel.DOWNLOAD, 2));

        assertThat(years().get(ORG_A_2025).getActivity()).isEqualTo(SampleEvents.activity(1, 5, 0, 0, 3));
    }

    @Test
    void years_are_separate() {
        specs.send(download("2024-12-31T23:59:59Z", ActivityChannel.DOWNLOAD, 1));
        specs.send(download("2025-01-01T00:00:00Z", ActivityChannel.DOWNLOAD, 2));

        Map<OrgYearKey, OrgYearlyMetrics> years = years();

        assertThat(years.get(new OrgYearKey("org-a", 2024)).getActivity().getDownloads()).isEqualTo(1);
        assertThat(years.get(ORG_A_2025).getActivity().getDownloads()).isEqualTo(2);
    }

    private Map<OrgYearKey, OrgYearlyMetrics> years() {
        return specs.latest(Topics.ORG_YEARLY_METRICS.name(), OrgYearKey.class, OrgYearlyMetrics.class);
    }

    private static DownloadActivity download(String occurredAt, ActivityChannel channel, long count) {
        return SampleEvents.download("org-a").setOccurredAt(Instant.parse(occurredAt)).setReceivedAt(Instant.parse(occurredAt)).setChannel(channel).setCount(count).build();
    }

    private static AccessSnapshot snapshot(String asOf, long patients, String receivedAt) {
        return SampleEvents.accessSnapshot("org-a").setEventId(UUID.randomUUID().toString()).setAsOf(LocalDate.parse(asOf))
                .setPatientsWithAccess(patients).setReceivedAt(Instant.parse(receivedAt)).build();
    }
}
