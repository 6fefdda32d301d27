package org.bluebutton.analytics.streams.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.bluebutton.analytics.schemas.aggregate.PeriodGranularity;
import org.bluebutton.analytics.schemas.aggregate.PledgeCounts;
import org.bluebutton.analytics.schemas.aggregate.PledgeLedger;
import org.bluebutton.analytics.schemas.event.OrganizationType;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.PledgeStatus;
import org.bluebutton.analytics.testkit.SampleEvents;
import org.junit.jupiter.api.Test;

/** Pledge counts of every month and year, derived from the ledger of pledges and withdrawals. */
class PledgeLedgersTest {

    @Test
    void a_month_counts_its_new_pledges_and_those_active_at_its_end() {
        PledgeLedger ledger = ledgerOf(pledge("a", "2024-11-05T00:00:00Z"), pledge("b", "2025-01-10T00:00:00Z"));

        assertThat(find(ledger, PeriodGranularity.MONTH, 2024, 12)).extracting(PledgeCounts::getNewPledges, PledgeCounts::getActiveAtEnd)
                .containsExactly(0, 1);
        assertThat(find(ledger, PeriodGranularity.MONTH, 2025, 1)).extracting(PledgeCounts::getNewPledges, PledgeCounts::getActiveAtEnd)
                .containsExactly(1, 2);
    }

    @Test
    void a_withdrawal_counts_in_its_month_and_lowers_the_active_count_from_then_on() {
        Pledge withdrawn = SampleEvents.hospitalPledge("a").setPledgedAt(Instant.parse("2024-01-05T00:00:00Z"))
                .setStatus(PledgeStatus.WITHDRAWN).setUpdatedAt(Instant.parse("2024-03-20T00:00:00Z")).build();
        PledgeLedger ledger = ledgerOf(withdrawn, pledge("b", "2024-02-01T00:00:00Z"));

        assertThat(find(ledger, PeriodGranularity.MONTH, 2024, 2).getActiveAtEnd()).isEqualTo(2);
        assertThat(find(ledger, PeriodGranularity.MONTH, 2024, 3)).extracting(PledgeCounts::getWithdrawals, PledgeCounts::getActiveAtEnd)
                .containsExactly(1, 1);
        assertThat(find(ledger, PeriodGranularity.YEAR, 2024, null))
                .extracting(PledgeCounts::getNewPledges, PledgeCounts::getWithdrawals, PledgeCounts::getActiveAtEnd).containsExactly(2, 1, 1);
    }

    @Test
    void a_withdrawal_counts_in_the_month_of_its_withdrawal_time_not_of_a_later_correction() {
        Pledge corrected = SampleEvents.hospitalPledge("a").setPledgedAt(Instant.parse("2024-01-05T00:00:00Z"))
                .setStatus(PledgeStatus.WITHDRAWN).setWithdrawnAt(Instant.parse("2024-03-20T00:00:00Z"))
                .setUpdatedAt(Instant.parse("2024-08-02T00:00:00Z")).build();
        PledgeLedger ledger = ledgerOf(corrected);

        assertThat(find(ledger, PeriodGranularity.MONTH, 2024, 3).getWithdrawals()).isEqualTo(1);
        assertThat(PledgeLedgers.counts(ledger)).as("nothing in the month of the correction")
                .noneMatch(c -> c.getGranularity() == PeriodGranularity.MONTH && Objects.equals(c.getMonth(), 8) && c.getWithdrawals() > 0);
        assertThat(find(ledger, PeriodGranularity.YEAR, 2024, null).getWithdrawals()).isEqualTo(1);
    }

    @Test
    void a_year_sums_its_months_and_ends_with_the_active_count_of_its_last_month() {
        PledgeLedger ledger = ledgerOf(pledge("a", "2023-06-01T00:00:00Z"), pledge("b", "2024-02-01T00:00:00Z"),
                pledge("c", "2024-09-01T00:00:00Z"));

        assertThat(find(ledger, PeriodGranularity.YEAR, 2023, null).getActiveAtEnd()).isEqualTo(1);
        assertThat(find(ledger, PeriodGranularity.YEAR, 2024, null))
                .extracting(PledgeCounts::getNewPledges, PledgeCounts::getActiveAtEnd).containsExactly(2, 3);
    }

    @Test
    void taking_a_pledge_out_undoes_exactly_what_adding_it_did() {
        Pledge a = pledge("a", "2024-01-05T00:00:00Z");
        PledgeLedger ledger = ledgerOf(a, pledge("b", "2024-02-01T00:00:00Z"));

        PledgeLedger without = PledgeLedgers.apply(ledger, a, -1);

        assertThat(without).isEqualTo(ledgerOf(pledge("b", "2024-02-01T00:00:00Z")));
    }

    @Test
    void types_are_counted_separately() {
        Pledge employer = SampleEvents.employerPledge("e").setPledgedAt(Instant.parse("2024-01-05T00:00:00Z")).build();
        PledgeLedger ledger = ledgerOf(employer, pledge("a", "2024-01-06T00:00:00Z"));

        List<PledgeCounts> january = PledgeLedgers.counts(ledger).stream()
                .filter(c -> c.getGranularity() == PeriodGranularity.MONTH && c.getMonth() == 1).toList();

        assertThat(january).extracting(PledgeCounts::getOrganizationType, PledgeCounts::getNewPledges)
                .containsExactlyInAnyOrder(tuple(OrganizationType.DATA_HOLDER, 1),
                        tuple(OrganizationType.NON_DATA_HOLDER, 1));
    }

    private static PledgeLedger ledgerOf(Pledge... pledges) {
        PledgeLedger ledger = PledgeLedgers.empty();
        for (Pledge pledge : pledges) {
            ledger = PledgeLedgers.apply(ledger, pledge, 1);
        }
        return ledger;
    }

    private static Pledge pledge(String orgId, String pledgedAt) {
        return SampleEvents.hospitalPledge(orgId).setPledgedAt(Instant.parse(pledgedAt)).build();
    }

    private static PledgeCounts find(PledgeLedger ledger, PeriodGranularity granularity, int year, Integer month) {
        return PledgeLedgers.counts(ledger).stream()
                .filter(c -> c.getOrganizationType() == OrganizationType.DATA_HOLDER && c.getGranularity() == granularity
                        && c.getYear() == year && Objects.equals(c.getMonth(), month))
                .findFirst().orElseThrow();
    }
}
