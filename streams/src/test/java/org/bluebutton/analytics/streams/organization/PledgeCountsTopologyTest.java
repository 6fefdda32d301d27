package org.bluebutton.analytics.streams.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.bluebutton.analytics.schemas.aggregate.PeriodGranularity;
import org.bluebutton.analytics.schemas.aggregate.PledgeCountKey;
import org.bluebutton.analytics.schemas.aggregate.PledgeCounts;
import org.bluebutton.analytics.schemas.event.OrganizationType;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.PledgeStatus;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.testing.TopologySpecs;
import org.bluebutton.analytics.testkit.SampleEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pledged organizations over time follow the current profiles, on {@code TopologyTestDriver}. */
class PledgeCountsTopologyTest {

    private static final PledgeCountKey HOLDERS_2024 = new PledgeCountKey(PeriodGranularity.YEAR, 2024, null, OrganizationType.DATA_HOLDER);
    private final TopologySpecs specs;

    PledgeCountsTopologyTest() {
        this.specs = new TopologySpecs(Duration.ofDays(40));
    }

    @AfterEach
    void closeDriver() {
        specs.close();
    }

    @Test
    void new_pledges_are_counted_in_the_month_and_year_of_their_pledge_date() {
        specs.send(pledge("org-a", "2024-02-10T00:00:00Z"));
        specs.send(pledge("org-b", "2024-02-20T00:00:00Z"));
        specs.send(pledge("org-c", "2024-05-01T00:00:00Z"));

        Map<PledgeCountKey, PledgeCounts> counts = counts();

        assertThat(counts.get(new PledgeCountKey(PeriodGranularity.MONTH, 2024, 2, OrganizationType.DATA_HOLDER)).getNewPledges()).isEqualTo(2);
        assertThat(counts.get(HOLDERS_2024)).extracting(PledgeCounts::getNewPledges, PledgeCounts::getActiveAtEnd).containsExactly(3, 3);
    }

    @Test
    void a_profile_update_does_not_count_the_organization_twice() {
        specs.send(pledge("org-a", "2024-02-10T00:00:00Z"));
        specs.send(SampleEvents.hospitalPledge("org-a").setPledgedAt(Instant.parse("2024-02-10T00:00:00Z")).setName("Renamed").build());

        assertThat(counts().get(HOLDERS_2024).getNewPledges()).isEqualTo(1);
    }

    @Test
    void a_withdrawal_counts_when_it_happened_and_leaves_the_active_count() {
        specs.send(pledge("org-a", "2024-02-10T00:00:00Z"));
        specs.send(pledge("org-b", "2024-03-10T00:00:00Z"));
        specs.send(SampleEvents.hospitalPledge("org-a").setPledgedAt(Instant.parse("2024-02-10T00:00:00Z"))
                .setStatus(PledgeStatus.WITHDRAWN).setUpdatedAt(Instant.parse("2024-06-01T00:00:00Z")).build());

        Map<PledgeCountKey, PledgeCounts> counts = counts();

        assertThat(counts.get(new PledgeCountKey(PeriodGranularity.MONTH, 2024, 6, OrganizationType.DATA_HOLDER)))
                .extracting(PledgeCounts::getWithdrawals, PledgeCounts::getActiveAtEnd).containsExactly(1, 1);
        assertThat(counts.get(new PledgeCountKey(PeriodGranularity.MONTH, 2024, 5, OrganizationType.DATA_HOLDER)).getActiveAtEnd()).isEqualTo(2);
        assertThat(counts.get(HOLDERS_2024)).extracting(PledgeCounts::getNewPledges, PledgeCounts::getWithdrawals, PledgeCounts::getActiveAtEnd)
                .containsExactly(2, 1, 1);
    }

    @Test
    void a_correction_of_a_withdrawn_profile_leaves_the_withdrawal_in_the_month_it_happened() {
        Instant withdrawnAt = Instant.parse("2024-06-01T00:00:00Z");
        specs.send(pledge("org-a", "2024-02-10T00:00:00Z"));
        specs.send(SampleEvents.hospitalPledge("org-a").setPledgedAt(Instant.parse("2024-02-10T00:00:00Z"))
                .setStatus(PledgeStatus.WITHDRAWN).setUpdatedAt(withdrawnAt).setWithdrawnAt(withdrawnAt).build());
        specs.send(SampleEvents.hospitalPledge("org-a").setPledgedAt(Instant.parse("2024-02-10T00:00:00Z")).setName("Corrected")
                .setStatus(PledgeStatus.WITHDRAWN).setUpdatedAt(Instant.parse("2024-09-15T00:00:00Z")).setWithdrawnAt(withdrawnAt).build());

        Map<PledgeCountKey, PledgeCounts> counts = counts();

        assertThat(counts.get(new PledgeCountKey(PeriodGranularity.MONTH, 2024, 6, OrganizationType.DATA_HOLDER)).getWithdrawals()).isEqualTo(1);
        assertThat(counts.get(new PledgeCountKey(PeriodGranularity.MONTH, 2024, 9, OrganizationType.DATA_HOLDER)))
                .as("no withdrawal in the month of the correction").satisfiesAnyOf(
                        september -> assertThat(september).isNull(), september -> assertThat(september.getWithdrawals()).isZero());
        assertThat(counts.get(HOLDERS_2024).getWithdrawals()).isEqualTo(1);
    }

    @Test
    void periods_a_corrected_pledge_date_leaves_are_retracted_from_the_topic() {
        specs.send(pledge("org-a", "2023-11-10T00:00:00Z"));
        specs.send(pledge("org-a", "2024-03-01T00:00:00Z"));

        Map<PledgeCountKey, PledgeCounts> counts = counts();

        assertThat(counts.get(new PledgeCountKey(PeriodGranularity.MONTH, 2023, 11, OrganizationType.DATA_HOLDER)))
                .as("November 2023 no longer has a pledge").isNull();
        assertThat(counts.get(new PledgeCountKey(PeriodGranularity.YEAR, 2023, null, OrganizationType.DATA_HOLDER))).isNull();
        assertThat(counts.get(new PledgeCountKey(PeriodGranularity.MONTH, 2024, 3, OrganizationType.DATA_HOLDER)).getNewPledges()).isEqualTo(1);
        assertThat(counts.get(HOLDERS_2024)).extracting(PledgeCounts::getNewPledges, PledgeCounts::getActiveAtEnd).containsExactly(1, 1);
    }

    private Map<PledgeCountKey, PledgeCounts> counts() {
        return specs.latest(Topics.PLEDGE_COUNTS.name(), PledgeCountKey.class, PledgeCounts.class);
    }

    private static Pledge pledge(String orgId, String pledgedAt) {
        return SampleEvents.hospitalPledge(orgId).setPledgedAt(Instant.parse(pledgedAt)).build();
    }
}
