package org.bluebutton.analytics.reporting.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.bluebutton.analytics.reporting.ReportFixture;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.RollupDimension;
import org.bluebutton.analytics.schemas.aggregate.RollupMetrics;
import org.bluebutton.analytics.schemas.event.EngagementActivity;
import org.junit.jupiter.api.Test;

class SnapshotTablesTest {

    private final ReportSnapshot snapshot = ReportFixture.snapshot();

    @Test
    void the_latest_value_per_key_wins() {
        OrgMonthlyMetrics alphaFebruary = snapshot.orgMonths().stream()
                .filter(m -> m.getOrgId().equals("alpha") && m.getMonth() == 2).findFirst().orElseThrow();
        assertThat(alphaFebruary.getActivity().getDownloads()).isEqualTo(450);
        assertThat(snapshot.organization("wclinic").orElseThrow().getStatus().name()).isEqualTo("WITHDRAWN");
    }

    @Test
    void a_tombstone_deletes_the_key() {
        assertThat(snapshot.organization("deleted")).isEmpty();
        assertThat(snapshot.orgMonths()).noneMatch(m -> m.getOrgId().equals("gamma") && m.getMonth() == 4);
        assertThat(snapshot.rollups()).noneMatch(r -> r.getDimension() == RollupDimension.STATE && r.getDimensionValue().equals("TX"));
    }

    @Test
    void rows_of_other_years_are_not_kept_except_the_previous_year_of_program_figures_and_pledge_counts() {
        assertThat(snapshot.orgMonths()).allMatch(m -> m.getYear() == 2025);
        assertThat(snapshot.dataQuality()).allMatch(m -> m.getYear() == 2025);
        assertThat(snapshot.rollups()).extracting(RollupMetrics::getYear).containsOnly(2024, 2025);
        assertThat(snapshot.programYear(2024)).isPresent();
        assertThat(snapshot.engagementActivities()).extracting(EngagementActivity::getTitle).doesNotContain("Last year's town hall");
    }

    @Test
    void an_engagement_activity_counts_once_per_event_id() {
        assertThat(snapshot.engagementActivities()).extracting(EngagementActivity::getEventId)
                .containsExactly(ReportFixture.STORY_EVENT_ID, "11111111-1111-4111-8111-111111111111");
    }

    @Test
    void another_organizations_story_with_the_same_event_id_is_its_own_story() {
        SnapshotTables tables = new SnapshotTables(2025);
        EngagementActivity mine = story("alpha", "Alpha's town hall");
        EngagementActivity theirs = story("beta", "Beta's campaign");

        tables.engagementActivity("beta", theirs);
        tables.engagementActivity("alpha", mine);
        tables.engagementActivity("beta", mine);

        assertThat(tables.toSnapshot(null).engagementActivities()).extracting(EngagementActivity::getTitle)
                .containsExactlyInAnyOrder("Alpha's town hall", "Beta's campaign");
    }

    @Test
    void rows_come_out_in_key_order_whatever_order_they_were_read_in() {
        assertThat(snapshot.orgMonths()).extracting(m -> m.getOrgId() + "-" + m.getMonth()).containsExactly("alpha-1", "alpha-2", "beta-3", "gamma-1");
        assertThat(snapshot.organizations().keySet()).containsExactly("acme", "alpha", "beta", "gamma", "wclinic");
    }

    private static EngagementActivity story(String orgId, String title) {
        return EngagementActivity.newBuilder().setEventId("33333333-3333-4333-8333-333333333333").setOrgId(orgId)
                .setOccurredOn(java.time.LocalDate.of(2025, 5, 1)).setEngagementType(org.bluebutton.analytics.schemas.event.EngagementType.EVENT)
                .setPeopleReached(100L).setTitle(title).setStory(null).setLink(null)
                .setReceivedAt(java.time.Instant.parse("2025-05-02T00:00:00Z")).build();
    }
}
