package org.bluebutton.analytics.simulator.truth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bluebutton.analytics.simulator.config.SimulationConfig;
import org.bluebutton.analytics.simulator.plan.BatchFormat;
import org.bluebutton.analytics.simulator.plan.DownloadEvent;
import org.bluebutton.analytics.simulator.plan.Engagement;
import org.bluebutton.analytics.simulator.plan.MonthlyStatsRow;
import org.bluebutton.analytics.simulator.plan.Organization;
import org.bluebutton.analytics.simulator.plan.Simulation;
import org.bluebutton.analytics.simulator.plan.SimulationPlan;
import org.bluebutton.analytics.simulator.plan.Snapshot;
import org.bluebutton.analytics.simulator.plan.Step;
import org.bluebutton.analytics.simulator.plan.Tick;
import org.bluebutton.analytics.simulator.program.Category;
import org.bluebutton.analytics.simulator.program.Channel;
import org.bluebutton.analytics.simulator.program.Commitment;
import org.bluebutton.analytics.simulator.program.EngagementType;
import org.bluebutton.analytics.simulator.program.OrganizationType;
import org.bluebutton.analytics.simulator.program.RecordFormat;
import org.junit.jupiter.api.Test;

/** Specifications of the ground truth: the README's metric definitions applied to what ingest acknowledged. */
class SimulationGroundTruthTest {

    static final SimulationConfig CONFIG = new SimulationConfig(2, 1, 2025, 1, 1.0, "", SimulationConfig.DEFAULT_GRACE);
    static final Instant WITHDRAWN_AT = Instant.parse("2026-11-23T10:00:00Z");
    static final Organization MERCY = organization("mercy-general", OrganizationType.DATA_HOLDER, Category.HOSPITAL, "MA", "2025-01-05T10:00:00Z");
    static final Organization ACME = organization("acme", OrganizationType.NON_DATA_HOLDER, Category.EMPLOYER, "TX", "2025-02-10T10:00:00Z");

    @Test
    void activity_is_the_sum_of_distinct_counts_per_channel_in_the_month_of_the_event() {
        // given views, a pre-aggregated download and an API access in January, a transmit in February
        Month plan = new Month()
                .in(1, create(MERCY), downloads(MERCY, event("a", "2025-01-03T10:00:00Z", Channel.VIEW, 1),
                        aggregate("b", "2025-01-31T00:00:00Z", Channel.DOWNLOAD, 250), event("c", "2025-01-04T10:00:00Z", Channel.API, 1)))
                .in(2, downloads(MERCY, event("d", "2025-02-01T00:00:00Z", Channel.TRANSMIT, 1)));

        // when
        GroundTruth truth = plan.truth();

        // then the aggregate counts in the month it started in, even though its interval ends in February
        assertThat(truth.orgMonth("mercy-general", 2025, 1)).hasValueSatisfying(m ->
                assertThat(m.activity()).isEqualTo(new ActivityCounts(1, 250, 0, 1, 3)));
        assertThat(truth.orgMonth("mercy-general", 2025, 2)).hasValueSatisfying(m ->
                assertThat(m.activity()).isEqualTo(new ActivityCounts(0, 0, 1, 0, 1)));
        assertThat(truth.orgYear("mercy-general", 2025)).hasValueSatisfying(y -> {
            assertThat(y.activity()).isEqualTo(new ActivityCounts(1, 250, 1, 1, 4));
            assertThat(y.monthsWithActivity()).isEqualTo(2);
        });
    }

    @Test
    void a_resent_batch_does_not_change_any_figure_and_its_events_are_duplicates_of_their_month() {
        // given a batch and its exact resend
        Step.ReportDownloads batch = downloads(MERCY, event("a", "2025-01-03T10:00:00Z", Channel.VIEW, 1),
                aggregate("b", "2025-01-05T00:00:00Z", Channel.DOWNLOAD, 40));
        GroundTruth once = new Month().in(1, create(MERCY), batch).truth();

        // when
        GroundTruth twice = new Month().in(1, create(MERCY), batch, new Step.Resend(batch)).truth();

        // then
        assertThat(twice.organizationMonths()).isEqualTo(once.organizationMonths());
        assertThat(twice.rollups()).isEqualTo(once.rollups());
        assertThat(twice.dataQuality(DataQualityTruth.DOWNLOAD_ACTIVITY, 2025, 1)).hasValueSatisfying(q -> {
            assertThat(q.duplicateEvents()).isEqualTo(2);
            assertThat(q.lateEvents()).isZero();
        });
        assertThat(twice.totals().duplicateEvents()).isEqualTo(2);
    }

    @Test
    void an_event_sent_after_its_organization_passed_the_month_close_is_late_left_out_and_counted_in_data_quality() {
        // given January events, then in April an April event (beyond January's close, 8 March) and a January straggler
        Month plan = new Month()
                .in(1, create(MERCY), downloads(MERCY, event("a", "2025-01-03T10:00:00Z", Channel.VIEW, 1)))
                .in(4, downloads(MERCY, event("b", "2025-04-02T10:00:00Z", Channel.VIEW, 1)),
                        lateDownloads(MERCY, aggregate("late", "2025-01-20T00:00:00Z", Channel.DOWNLOAD, 7)));

        // when
        GroundTruth truth = plan.truth();

        // then
        assertThat(truth.orgMonth("mercy-general", 2025, 1)).hasValueSatisfying(m ->
                assertThat(m.activity()).isEqualTo(new ActivityCounts(1, 0, 0, 0, 1)));
        assertThat(truth.dataQuality(DataQualityTruth.DOWNLOAD_ACTIVITY, 2025, 1)).hasValueSatisfying(q -> {
            assertThat(q.lateEvents()).isEqualTo(1);
            assertThat(q.lateCount()).isEqualTo(7);
        });
        assertThat(truth.totals().lateEvents()).isEqualTo(1);
        assertThat(truth.totals().ambiguousEvents()).isZero();
    }

    @Test
    void an_old_event_whose_fate_depends_on_other_organizations_is_ambiguous_and_counted_nowhere() {
        // given another organization moved the horizon past January's close, but Mercy never sent beyond it
        Month plan = new Month()
                .in(1, create(MERCY), create(ACME), downloads(MERCY, event("a", "2025-01-03T10:00:00Z", Channel.VIEW, 1)))
                .in(4, downloads(ACME, event("x", "2025-04-02T10:00:00Z", Channel.VIEW, 1)),
                        downloads(MERCY, event("old", "2025-01-20T00:00:00Z", Channel.VIEW, 1)));

        // when
        GroundTruth truth = plan.truth();

        // then
        assertThat(truth.orgMonth("mercy-general", 2025, 1).orElseThrow().activity().events()).isEqualTo(1);
        assertThat(truth.totals().ambiguousEvents()).isEqualTo(1);
        assertThat(truth.dataQuality(DataQualityTruth.DOWNLOAD_ACTIVITY, 2025, 1)).isEmpty();
    }

    @Test
    void a_batch_never_acknowledged_is_left_out_of_the_truth_and_reported() {
        // given
        Step.ReportDownloads failing = downloads(MERCY, event("b", "2025-01-04T10:00:00Z", Channel.VIEW, 1));
        Month plan = new Month().in(1, create(MERCY), downloads(MERCY, event("a", "2025-01-03T10:00:00Z", Channel.VIEW, 1)), failing);

        // when
        GroundTruth truth = AcknowledgedPlay.play(plan.plan(), WITHDRAWN_AT, step -> step == failing).groundTruth();

        // then
        assertThat(truth.orgMonth("mercy-general", 2025, 1).orElseThrow().activity().events()).isEqualTo(1);
        assertThat(truth.totals().unacknowledgedBatches()).isEqualTo(1);
    }

    @Test
    void the_snapshot_with_the_latest_date_of_the_month_stands_ties_go_to_the_latest_received_and_resends_change_nothing() {
        // given two January snapshots, a resend of the first, a tie in February, and March
        Step.ReportSnapshots first = snapshots(MERCY, snapshot("s1", "2025-01-15", 100));
        Month plan = new Month()
                .in(1, create(MERCY), first, snapshots(MERCY, snapshot("s2", "2025-01-20", 120)), new Step.Resend(first))
                .in(2, snapshots(MERCY, snapshot("s3", "2025-02-10", 130)), snapshots(MERCY, snapshot("s4", "2025-02-10", 131)))
                .in(4, snapshots(MERCY, snapshot("s5", "2025-03-05", 140)));

        // when
        GroundTruth truth = plan.truth();

        // then
        assertThat(truth.orgMonth("mercy-general", 2025, 1).orElseThrow().access().patientsWithAccess()).isEqualTo(120);
        assertThat(truth.orgMonth("mercy-general", 2025, 2).orElseThrow().access().patientsWithAccess()).isEqualTo(131);
        assertThat(truth.orgMonth("mercy-general", 2025, 3).orElseThrow().activity()).isEqualTo(ActivityCounts.NONE);
        assertThat(truth.orgYear("mercy-general", 2025)).hasValueSatisfying(y -> {
            assertThat(y.access()).isEqualTo(new AccessFigures(LocalDate.parse("2025-03-05"), 140, null, null));
            assertThat(y.monthsWithSnapshot()).isEqualTo(3);
            assertThat(y.monthsWithActivity()).isZero();
        });
        assertThat(truth.dataQuality(DataQualityTruth.ACCESS_SNAPSHOTS, 2025, 1).orElseThrow().duplicateEvents()).isEqualTo(1);
    }

    @Test
    void a_csv_row_becomes_a_snapshot_on_the_months_last_day_and_month_long_events_and_a_reupload_changes_nothing() {
        // given
        Step.UploadMonthlyStats upload = new Step.UploadMonthlyStats("mercy-general",
                List.of(new MonthlyStatsRow(YearMonth.of(2025, 1), 5_000L, 300L, 120L, 0L)));
        Month plan = new Month().in(1, create(MERCY), upload, new Step.Resend(upload));

        // when
        GroundTruth truth = plan.truth();

        // then
        assertThat(truth.orgMonth("mercy-general", 2025, 1)).hasValueSatisfying(m -> {
            assertThat(m.activity()).isEqualTo(new ActivityCounts(300, 120, 0, 0, 2));
            assertThat(m.access()).isEqualTo(new AccessFigures(LocalDate.parse("2025-01-31"), 5_000, null, null));
        });
        assertThat(truth.totals().csvUploads()).isEqualTo(2);
        assertThat(truth.totals().duplicateEvents()).isEqualTo(3);
    }

    @Test
    void rollups_sum_active_organizations_by_their_current_category_and_state() {
        // given three data holders in MA: one corrected from HOSPITAL to LAB, one withdrawn
        Organization lab = organization("was-hospital", OrganizationType.DATA_HOLDER, Category.HOSPITAL, "MA", "2025-01-02T00:00:00Z");
        Organization leaving = organization("leaving", OrganizationType.DATA_HOLDER, Category.HOSPITAL, "MA", "2025-01-02T00:00:00Z");
        Month plan = new Month()
                .in(1, create(MERCY), create(lab), create(leaving),
                        downloads(MERCY, event("m1", "2025-01-03T00:00:00Z", Channel.VIEW, 1)), snapshots(MERCY, snapshot("ms1", "2025-01-10", 1_000)),
                        downloads(lab, event("l1", "2025-01-03T00:00:00Z", Channel.DOWNLOAD, 1)),
                        downloads(leaving, event("w1", "2025-01-03T00:00:00Z", Channel.VIEW, 1)), snapshots(leaving, snapshot("ws1", "2025-01-10", 5)))
                .in(2, snapshots(MERCY, snapshot("ms2", "2025-02-10", 1_100)), snapshots(lab, snapshot("ls2", "2025-02-12", 300)),
                        new Step.CorrectCategory(lab.withCategory(Category.LAB)), new Step.Withdraw("leaving"));

        // when
        GroundTruth truth = plan.truth();

        // then the withdrawn organization counts nowhere, the corrected one only under its new category
        assertThat(truth.rollup(RollupDimension.PROGRAM, "ALL", Granularity.MONTH, 2025, 1)).hasValueSatisfying(r -> {
            assertThat(r.activity()).isEqualTo(new ActivityCounts(1, 1, 0, 0, 2));
            assertThat(r.patientsWithAccess()).isEqualTo(1_000);
            assertThat(r.organizationsReporting()).isEqualTo(2);
            assertThat(r.organizationsWithAccessFigures()).isEqualTo(1);
        });
        assertThat(truth.rollup(RollupDimension.CATEGORY, "HOSPITAL", Granularity.MONTH, 2025, 1).orElseThrow().organizationsReporting()).isEqualTo(1);
        assertThat(truth.rollup(RollupDimension.CATEGORY, "LAB", Granularity.MONTH, 2025, 1).orElseThrow().activity().downloads()).isEqualTo(1);
        // and the year's patients with access is the sum of each organization's latest snapshot of the year
        assertThat(truth.rollup(RollupDimension.STATE, "MA", Granularity.YEAR, 2025, null)).hasValueSatisfying(r -> {
            assertThat(r.patientsWithAccess()).isEqualTo(1_100 + 300);
            assertThat(r.organizationsWithAccessFigures()).isEqualTo(2);
            assertThat(r.month()).isNull();
        });
        assertThat(truth.organization("leaving").orElseThrow().status()).isEqualTo(OrganizationTruth.WITHDRAWN);
        assertThat(truth.organization("was-hospital").orElseThrow().category()).isEqualTo(Category.LAB);
        assertThat(truth.totals().categoryCorrections()).isEqualTo(1);
    }

    @Test
    void pledge_counts_follow_pledged_at_and_the_withdrawal_time_ingest_wrote() {
        // given
        Month plan = new Month().in(1, create(MERCY)).in(2, create(ACME), new Step.Withdraw("acme"));

        // when
        GroundTruth truth = plan.truth();

        // then
        assertThat(truth.pledgeCounts(Granularity.MONTH, 2025, 1, OrganizationType.DATA_HOLDER))
                .isEqualTo(new PledgeCountTruth(Granularity.MONTH, 2025, 1, OrganizationType.DATA_HOLDER, 1, 0, 1));
        assertThat(truth.pledgeCounts(Granularity.YEAR, 2025, null, OrganizationType.NON_DATA_HOLDER))
                .isEqualTo(new PledgeCountTruth(Granularity.YEAR, 2025, null, OrganizationType.NON_DATA_HOLDER, 1, 0, 1));
        assertThat(truth.pledgeCounts(Granularity.MONTH, 2026, 11, OrganizationType.NON_DATA_HOLDER))
                .isEqualTo(new PledgeCountTruth(Granularity.MONTH, 2026, 11, OrganizationType.NON_DATA_HOLDER, 0, 1, 0));
        // and the listed counts run from the first simulated month to the month of the last withdrawal
        assertThat(truth.pledgeCounts()).contains(truth.pledgeCounts(Granularity.MONTH, 2026, 11, OrganizationType.NON_DATA_HOLDER));
        assertThat(truth.pledgeCounts()).hasSize(2 * (23 + 2));
    }

    @Test
    void engagement_counts_distinct_activities_and_the_people_they_reached_per_type_and_year() {
        // given two CEO messages (one resent, one without people reached) and an event
        Step.ReportEngagement batch = new Step.ReportEngagement("acme", BatchFormat.NDJSON, List.of(
                engagement("e1", "2025-03-01", EngagementType.CEO_MESSAGE, 4_200L),
                engagement("e2", "2025-04-01", EngagementType.CEO_MESSAGE, null),
                engagement("e3", "2025-04-02", EngagementType.EVENT, 80L)));
        Month plan = new Month().in(2, create(ACME)).in(4, batch, new Step.Resend(batch));

        // when
        GroundTruth truth = plan.truth();

        // then
        assertThat(truth.engagement("acme", 2025, EngagementType.CEO_MESSAGE)).contains(
                new EngagementTruth("acme", 2025, EngagementType.CEO_MESSAGE, 2, 4_200));
        assertThat(truth.engagement("acme", 2025, EngagementType.EVENT)).contains(
                new EngagementTruth("acme", 2025, EngagementType.EVENT, 1, 80));
        assertThat(truth.totals().engagementActivities()).isEqualTo(3);
    }

    @Test
    void the_same_plan_gives_identical_truth_json_that_reads_back_equal_and_another_seed_a_different_one() {
        // given
        SimulationConfig config = new SimulationConfig(60, 2, 2023, 11, 1.0, "", SimulationConfig.DEFAULT_GRACE);

        // when
        String first = AcknowledgedPlay.truth(Simulation.plan(config), WITHDRAWN_AT).toJson();
        String second = AcknowledgedPlay.truth(Simulation.plan(config), WITHDRAWN_AT).toJson();
        String otherSeed = AcknowledgedPlay.truth(Simulation.plan(config.withSeed(12)), WITHDRAWN_AT).toJson();

        // then
        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        assertThat(GroundTruth.fromJson(first)).isEqualTo(AcknowledgedPlay.truth(Simulation.plan(config), WITHDRAWN_AT));
        assertThat(first).contains("\"organizationMonths\"", "\"rollups\"", "\"pledgeCounts\"", "\"dataQuality\"");
    }

    @Test
    void in_a_generated_plan_resends_change_no_figure_and_late_batches_only_the_data_quality() {
        // given
        SimulationPlan plan = Simulation.plan(new SimulationConfig(100, 2, 2023, 5, 1.0, "", SimulationConfig.DEFAULT_GRACE));

        // when truths with and without the resent and the late batches
        GroundTruth all = AcknowledgedPlay.truth(plan, WITHDRAWN_AT);
        GroundTruth withoutResends = AcknowledgedPlay.play(plan, WITHDRAWN_AT, step -> step instanceof Step.Resend).groundTruth();
        GroundTruth withoutLate = AcknowledgedPlay.play(plan, WITHDRAWN_AT,
                step -> step instanceof Step.ReportDownloads d && d.late()).groundTruth();

        // then
        assertThat(all.totals().duplicateEvents()).isPositive();
        assertThat(all.totals().lateEvents()).isPositive();
        assertThat(all.totals().ambiguousEvents()).isZero();
        assertThat(withoutResends.organizationMonths()).isEqualTo(all.organizationMonths());
        assertThat(withoutResends.totals().duplicateEvents()).isZero();
        assertThat(withoutLate.organizationMonths()).isEqualTo(all.organizationMonths());
        assertThat(withoutLate.rollups()).isEqualTo(all.rollups());
        assertThat(withoutLate.totals().lateEvents()).isZero();
    }

    // ---- a small hand-written plan -------------------------------------------------------------------

    /** Steps by month of 2025, played in order as ticks with the planner's horizon rule. */
    private static final class Month {
        private final Map<Integer, List<Step>> steps = new TreeMap<>();

        Month in(int month, Step... more) {
            steps.computeIfAbsent(month, m -> new ArrayList<>()).addAll(List.of(more));
            return this;
        }

        SimulationPlan plan() {
            List<Tick> ticks = new ArrayList<>();
            Instant horizon = Instant.MIN;
            for (int month = 1; month <= 12; month++) {
                List<Step> these = steps.getOrDefault(month, List.of());
                for (Step step : these) {
                    for (DownloadEvent event : Simulation.downloadEvents(step)) {
                        horizon = event.occurredAt().isAfter(horizon) ? event.occurredAt() : horizon;
                    }
                }
                // one turn per organization, in first-appearance order, keeping each organization's order
                Map<String, List<Step>> byOrganization = new java.util.LinkedHashMap<>();
                these.forEach(s -> byOrganization.computeIfAbsent(s.orgId(), k -> new ArrayList<>()).add(s));
                List<Tick.OrganizationTurn> turns = byOrganization.entrySet().stream()
                        .map(e -> new Tick.OrganizationTurn(e.getKey(), e.getValue())).toList();
                ticks.add(new Tick(month - 1, YearMonth.of(2025, month), horizon, turns));
            }
            return new SimulationPlan(CONFIG, List.of(MERCY, ACME), ticks);
        }

        GroundTruth truth() {
            return AcknowledgedPlay.truth(plan(), WITHDRAWN_AT);
        }
    }

    private static Organization organization(String orgId, OrganizationType type, Category category, String state, String pledgedAt) {
        return new Organization(orgId, "Test " + orgId, type, category, state, null, "https://" + orgId + ".example.org",
                List.of(Commitment.of(type).get(0)), Instant.parse(pledgedAt));
    }

    private static Step.CreateOrganization create(Organization organization) {
        return new Step.CreateOrganization(organization);
    }

    private static Step.ReportDownloads downloads(Organization organization, DownloadEvent... events) {
        return new Step.ReportDownloads(organization.orgId(), BatchFormat.JSON, List.of(events), false);
    }

    private static Step.ReportDownloads lateDownloads(Organization organization, DownloadEvent... events) {
        return new Step.ReportDownloads(organization.orgId(), BatchFormat.JSON, List.of(events), true);
    }

    private static DownloadEvent event(String id, String at, Channel channel, long count) {
        return new DownloadEvent(id, Instant.parse(at), null, channel, null, count);
    }

    private static DownloadEvent aggregate(String id, String at, Channel channel, long count) {
        return new DownloadEvent(id, Instant.parse(at), Instant.parse(at).plusSeconds(86_400), channel, RecordFormat.C_CDA, count);
    }

    private static Step.ReportSnapshots snapshots(Organization organization, Snapshot... snapshots) {
        return new Step.ReportSnapshots(organization.orgId(), BatchFormat.JSON, List.of(snapshots));
    }

    private static Snapshot snapshot(String id, String asOf, long patients) {
        return new Snapshot(id, LocalDate.parse(asOf), patients, null, null);
    }

    private static Engagement engagement(String id, String on, EngagementType type, Long people) {
        return new Engagement(id, LocalDate.parse(on), type, people, "Title " + id, null, null);
    }
}
