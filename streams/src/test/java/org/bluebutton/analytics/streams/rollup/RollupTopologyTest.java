package org.bluebutton.analytics.streams.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.bluebutton.analytics.schemas.aggregate.PeriodGranularity;
import org.bluebutton.analytics.schemas.aggregate.RollupDimension;
import org.bluebutton.analytics.schemas.aggregate.RollupKey;
import org.bluebutton.analytics.schemas.aggregate.RollupMetrics;
import org.bluebutton.analytics.schemas.event.AccessSnapshot;
import org.bluebutton.analytics.schemas.event.ActivityChannel;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.event.OrganizationCategory;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.PledgeStatus;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.testing.TopologySpecs;
import org.bluebutton.analytics.testkit.SampleEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Roll-ups by program, category and state, per month and year, follow each organization's current
 * profile with exact retraction — on {@code TopologyTestDriver} with the real registry. Two
 * hospitals: org-a in MA, org-b in NY.
 */
class RollupTopologyTest {

    private static final RollupKey PROGRAM_MARCH = month(RollupDimension.PROGRAM, "ALL");
    private static final RollupKey PROGRAM_2025 = year(RollupDimension.PROGRAM, "ALL");
    private final TopologySpecs specs;

    RollupTopologyTest() {
        this.specs = new TopologySpecs(Duration.ofDays(40));
        specs.send(hospital("org-a", "MA").build());
        specs.send(hospital("org-b", "NY").build());
    }

    @AfterEach
    void closeDriver() {
        specs.close();
    }

    @Test
    void program_month_sums_the_activity_of_every_organization() {
        specs.send(download("org-a", "2025-03-02T10:00:00Z", ActivityChannel.DOWNLOAD, 3));
        specs.send(download("org-b", "2025-03-03T10:00:00Z", ActivityChannel.DOWNLOAD, 4));
        specs.send(download("org-b", "2025-03-04T10:00:00Z", ActivityChannel.VIEW, 10));

        RollupMetrics program = rollups().get(PROGRAM_MARCH);

        assertThat(program.getActivity()).isEqualTo(SampleEvents.activity(10, 7, 0, 0, 3));
        assertThat(program.getOrganizationsReporting()).isEqualTo(2);
        assertThat(program.getOrganizationsWithAccessFigures()).isZero();
    }

    @Test
    void state_and_category_roll_ups_group_by_the_profile() {
        specs.send(download("org-a", "2025-03-02T10:00:00Z", ActivityChannel.DOWNLOAD, 3));
        specs.send(download("org-b", "2025-03-03T10:00:00Z", ActivityChannel.DOWNLOAD, 4));

        Map<RollupKey, RollupMetrics> rollups = rollups();

        assertThat(rollups.get(month(RollupDimension.STATE, "MA")).getActivity().getDownloads()).isEqualTo(3);
        assertThat(rollups.get(month(RollupDimension.STATE, "NY")).getActivity().getDownloads()).isEqualTo(4);
        assertThat(rollups.get(month(RollupDimension.CATEGORY, "HOSPITAL")).getActivity().getDownloads()).isEqualTo(7);
        assertThat(rollups.get(year(RollupDimension.STATE, "NY")).getActivity().getDownloads()).isEqualTo(4);
    }

    @Test
    void patients_with_access_for_a_year_sums_each_organizations_latest_snapshot_in_it() {
        specs.send(snapshot("org-a", "2025-01-31", 1_000));
        specs.send(snapshot("org-a", "2025-03-31", 1_300));
        specs.send(snapshot("org-b", "2025-02-28", 500));

        Map<RollupKey, RollupMetrics> rollups = rollups();

        assertThat(rollups.get(PROGRAM_2025).getPatientsWithAccess()).isEqualTo(1_800);
        assertThat(rollups.get(PROGRAM_2025).getOrganizationsWithAccessFigures()).isEqualTo(2);
        assertThat(rollups.get(PROGRAM_MARCH).getPatientsWithAccess()).isEqualTo(1_300);
    }

    @Test
    void a_superseding_snapshot_replaces_the_figure_at_every_level_without_double_counting() {
        specs.send(snapshot("org-a", "2025-03-31", 1_300));
        specs.send(snapshot("org-b", "2025-03-15", 500));
        specs.send(snapshot("org-a", "2025-03-31", 1_250));

        Map<RollupKey, RollupMetrics> rollups = rollups();

        assertThat(rollups.get(PROGRAM_MARCH).getPatientsWithAccess()).isEqualTo(1_750);
        assertThat(rollups.get(PROGRAM_2025).getPatientsWithAccess()).isEqualTo(1_750);
        assertThat(rollups.get(month(RollupDimension.STATE, "MA")).getPatientsWithAccess()).isEqualTo(1_250);
    }

    @Test
    void a_category_change_moves_the_organizations_figures_to_its_new_category() {
        specs.send(download("org-a", "2025-03-02T10:00:00Z", ActivityChannel.DOWNLOAD, 3));
        specs.send(download("org-b", "2025-03-03T10:00:00Z", ActivityChannel.DOWNLOAD, 4));

        specs.send(hospital("org-a", "MA").setCategory(OrganizationCategory.PROVIDER).build());
        Map<RollupKey, RollupMetrics> rollups = rollups();

        assertThat(rollups.get(month(RollupDimension.CATEGORY, "HOSPITAL")).getActivity().getDownloads()).isEqualTo(4);
        assertThat(rollups.get(month(RollupDimension.CATEGORY, "PROVIDER")).getActivity().getDownloads()).isEqualTo(3);
        assertThat(rollups.get(year(RollupDimension.CATEGORY, "PROVIDER")).getActivity().getDownloads()).isEqualTo(3);
        assertThat(rollups.get(PROGRAM_MARCH).getActivity().getDownloads()).isEqualTo(7);
    }

    @Test
    void a_state_change_takes_the_years_figures_out_of_the_old_states_year_exactly() {
        specs.send(download("org-a", "2025-03-02T10:00:00Z", ActivityChannel.DOWNLOAD, 3));
        specs.send(download("org-a", "2025-05-02T10:00:00Z", ActivityChannel.DOWNLOAD, 2));
        specs.send(snapshot("org-a", "2025-05-31", 900));
        specs.send(download("org-b", "2025-03-03T10:00:00Z", ActivityChannel.DOWNLOAD, 4));

        specs.send(hospital("org-b", "MA").build());
        Map<RollupKey, RollupMetrics> rollups = rollups();

        // the year, not only its months: what org-b's year added to NY is exactly what comes out
        assertThat(rollups).containsEntry(year(RollupDimension.STATE, "NY"), null);
        RollupMetrics massachusetts = rollups.get(year(RollupDimension.STATE, "MA"));
        assertThat(massachusetts.getActivity()).isEqualTo(SampleEvents.activity(0, 9, 0, 0, 3));
        assertThat(massachusetts.getPatientsWithAccess()).isEqualTo(900);
        assertThat(massachusetts.getOrganizationsReporting()).isEqualTo(2);
        assertThat(rollups.get(PROGRAM_2025).getActivity().getDownloads()).isEqualTo(9);
    }

    @Test
    void a_withdrawal_takes_the_organization_out_of_every_roll_up() {
        specs.send(download("org-a", "2025-03-02T10:00:00Z", ActivityChannel.DOWNLOAD, 3));
        specs.send(snapshot("org-a", "2025-03-31", 1_300));
        specs.send(download("org-b", "2025-03-03T10:00:00Z", ActivityChannel.DOWNLOAD, 4));

        specs.send(hospital("org-a", "MA").setStatus(PledgeStatus.WITHDRAWN).build());
        Map<RollupKey, RollupMetrics> rollups = rollups();

        assertThat(rollups.get(PROGRAM_MARCH).getActivity().getDownloads()).isEqualTo(4);
        assertThat(rollups.get(PROGRAM_MARCH).getPatientsWithAccess()).isZero();
        assertThat(rollups.get(PROGRAM_2025).getOrganizationsReporting()).isEqualTo(1);
        assertThat(rollups).containsEntry(month(RollupDimension.STATE, "MA"), null);
        assertThat(rollups).containsEntry(year(RollupDimension.STATE, "MA"), null);
    }

    @Test
    void activity_sent_before_the_organizations_pledge_counts_once_the_pledge_arrives() {
        specs.send(download("org-c", "2025-03-02T10:00:00Z", ActivityChannel.TRANSMIT, 2));
        assertThat(rollups().get(PROGRAM_MARCH)).isNull();

        specs.send(hospital("org-c", "TX").build());

        assertThat(rollups().get(PROGRAM_MARCH).getActivity().getTransmits()).isEqualTo(2);
    }

    private Map<RollupKey, RollupMetrics> rollups() {
        return specs.latest(Topics.ROLLUP_METRICS.name(), RollupKey.class, RollupMetrics.class);
    }

    private static RollupKey month(RollupDimension dimension, String value) {
        return new RollupKey(dimension, value, PeriodGranularity.MONTH, 2025, 3);
    }

    private static RollupKey year(RollupDimension dimension, String value) {
        return new RollupKey(dimension, value, PeriodGranularity.YEAR, 2025, null);
    }

    private static Pledge.Builder hospital(String orgId, String state) {
        return SampleEvents.hospitalPledge(orgId).setState(state);
    }

    private static DownloadActivity download(String orgId, String occurredAt, ActivityChannel channel, long count) {
        return SampleEvents.download(orgId).setOccurredAt(Instant.parse(occurredAt)).setReceivedAt(Instant.parse(occurredAt))
                .setChannel(channel).setCount(count).build();
    }

    private static AccessSnapshot snapshot(String orgId, String asOf, long patients) {
        return SampleEvents.accessSnapshot(orgId).setEventId(UUID.randomUUID().toString()).setAsOf(LocalDate.parse(asOf))
                .setPatientsWithAccess(patients).setReceivedAt(Instant.now()).build();
    }
}
