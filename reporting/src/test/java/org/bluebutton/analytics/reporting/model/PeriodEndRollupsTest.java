package org.bluebutton.analytics.reporting.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bluebutton.analytics.reporting.ReportFixture;
import org.bluebutton.analytics.schemas.aggregate.AccessFigures;
import org.bluebutton.analytics.schemas.aggregate.ActivityCounts;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.PeriodGranularity;
import org.bluebutton.analytics.schemas.aggregate.PledgeCounts;
import org.bluebutton.analytics.schemas.aggregate.RollupDimension;
import org.bluebutton.analytics.schemas.aggregate.RollupMetrics;
import org.bluebutton.analytics.schemas.event.OrganizationCategory;
import org.bluebutton.analytics.schemas.event.OrganizationType;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.PledgeStatus;
import org.junit.jupiter.api.Test;

/** A published year stays as it was when an organization withdraws later. */
class PeriodEndRollupsTest {

    private static final Pledge ACTIVE = ReportFixture.pledge("h1", "Hospital One", OrganizationType.DATA_HOLDER, OrganizationCategory.HOSPITAL, "MA",
            "2023-03-01T00:00:00Z", PledgeStatus.ACTIVE, "2023-03-01T00:00:00Z");
    private static final OrgYearlyMetrics YEAR_2025 = new OrgYearlyMetrics("h1", 2025, new ActivityCounts(10L, 500L, 0L, 0L, 12L),
            new AccessFigures(java.time.LocalDate.of(2025, 12, 31), 1_000L, null, null), 12, 1);

    private static Pledge withdrawnAt(String instant) {
        return Pledge.newBuilder(ACTIVE).setStatus(PledgeStatus.WITHDRAWN).setUpdatedAt(Instant.parse(instant)).setWithdrawnAt(Instant.parse(instant))
                .build();
    }

    private static RollupMetrics programYear(Pledge profile) {
        return PeriodEndRollups.rollups(2025, Map.of("h1", profile), List.of(), List.of(YEAR_2025), List.of()).stream()
                .filter(r -> r.getDimension() == RollupDimension.PROGRAM && r.getGranularity() == PeriodGranularity.YEAR)
                .findFirst().orElse(null);
    }

    @Test
    void given_an_organization_that_withdraws_after_the_year_then_its_figures_stay_in_that_year() {
        RollupMetrics before = programYear(ACTIVE);

        RollupMetrics after = programYear(withdrawnAt("2026-02-01T00:00:00Z"));

        assertThat(after).isEqualTo(before);
        assertThat(after.getActivity().getDownloads()).isEqualTo(500L);
        assertThat(after.getPatientsWithAccess()).isEqualTo(1_000L);
    }

    @Test
    void given_an_organization_that_withdrew_during_the_year_then_it_is_not_in_that_year() {
        assertThat(programYear(withdrawnAt("2025-06-01T00:00:00Z"))).isNull();
    }

    @Test
    void pledged_at_year_end_counts_withdrawals_by_their_time_not_the_current_status() {
        PledgeCounts year = PeriodEndRollups.pledgeCounts(2025, List.of(withdrawnAt("2026-02-01T00:00:00Z"))).stream()
                .filter(p -> p.getGranularity() == PeriodGranularity.YEAR && p.getYear() == 2025 && p.getOrganizationType() == OrganizationType.DATA_HOLDER)
                .findFirst().orElseThrow();

        assertThat(year.getActiveAtEnd()).isEqualTo(1);
        assertThat(year.getWithdrawals()).isZero();
    }
}
