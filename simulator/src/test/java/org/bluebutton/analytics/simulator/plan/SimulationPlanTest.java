package org.bluebutton.analytics.simulator.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.bluebutton.analytics.simulator.config.SimulationConfig;
import org.bluebutton.analytics.simulator.program.Category;
import org.bluebutton.analytics.simulator.program.OrganizationType;
import org.bluebutton.analytics.simulator.program.UsStates;
import org.junit.jupiter.api.Test;

/** Specifications of the simulation plan: seeded, realistic in its mix, and certain about every event's fate. */
class SimulationPlanTest {

    static final SimulationConfig DEFAULT = new SimulationConfig(600, 3, 2023, SimulationConfig.DEFAULT_SEED, 1.0, "",
            SimulationConfig.DEFAULT_GRACE);
    static final SimulationConfig SMALL = new SimulationConfig(20, 1, 2025, 7, 1.0, "", SimulationConfig.DEFAULT_GRACE);

    @Test
    void the_same_config_gives_an_equal_plan_and_another_seed_a_different_one() {
        // given two plans of the same config and one of another seed
        SimulationPlan first = Simulation.plan(SMALL);
        SimulationPlan second = Simulation.plan(SMALL);
        SimulationPlan otherSeed = Simulation.plan(SMALL.withSeed(8));

        // then
        assertThat(second).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        assertThat(otherSeed.organizations()).isNotEqualTo(first.organizations());
    }

    @Test
    void a_run_tag_prefixes_every_organization_id_and_changes_every_event_id() {
        // given
        SimulationPlan untagged = Simulation.plan(SMALL);
        SimulationPlan tagged = Simulation.plan(SMALL.withRunTag("run2"));

        // then organizations are renamed and no event id is shared, so both runs can use one ingest
        assertThat(tagged.organizations()).allSatisfy(o -> assertThat(o.orgId()).startsWith("run2-"));
        assertThat(eventIds(tagged)).doesNotContainAnyElementsOf(eventIds(untagged));
    }

    @Test
    void organizations_have_unique_valid_ids_and_categories_states_and_commitments_that_fit() {
        // given
        SimulationPlan plan = Simulation.plan(DEFAULT);

        // then
        assertThat(plan.organizations()).hasSize(600);
        assertThat(plan.organizations().stream().map(Organization::orgId).distinct()).hasSize(600);
        assertThat(plan.organizations()).allSatisfy(o -> {
            assertThat(o.orgId()).matches("[a-z0-9][a-z0-9-]{2,63}");
            assertThat(o.category().type()).isEqualTo(o.type());
            assertThat(o.commitments()).isNotEmpty().allSatisfy(c -> assertThat(c.type()).isEqualTo(o.type()));
            assertThat(UsStates.codes()).contains(o.state());
            assertThat(o.name().length()).isBetween(1, 200);
            assertThat(o.website()).startsWith("https://");
        });
    }

    @Test
    void the_mix_is_about_55_percent_data_holders_with_every_category_and_big_states_most_often() {
        // given
        SimulationPlan plan = Simulation.plan(DEFAULT);

        // when
        long dataHolders = plan.organizations().stream().filter(o -> o.type() == OrganizationType.DATA_HOLDER).count();
        Map<Category, Long> byCategory = plan.organizations().stream().collect(Collectors.groupingBy(Organization::category,
                () -> new EnumMap<>(Category.class), Collectors.counting()));
        Map<String, Long> byState = plan.organizations().stream().collect(Collectors.groupingBy(Organization::state, Collectors.counting()));

        // then
        assertThat(dataHolders).isBetween(290L, 370L);
        assertThat(byCategory.keySet()).containsExactlyInAnyOrder(Category.values());
        assertThat(byState.get("CA")).isGreaterThan(byState.getOrDefault("WY", 0L) * 5);
        assertThat(byState.get("TX")).isGreaterThan(byState.getOrDefault("VT", 0L) * 5);
    }

    @Test
    void pledges_spread_over_the_simulated_years_with_a_launch_wave() {
        // given
        SimulationPlan plan = Simulation.plan(DEFAULT);

        // when
        Map<Integer, Long> byYear = plan.organizations().stream()
                .collect(Collectors.groupingBy(o -> Lateness.monthOf(o.pledgedAt()).getYear(), Collectors.counting()));
        long inLaunchMonth = plan.organizations().stream().filter(o -> Lateness.monthOf(o.pledgedAt()).equals(YearMonth.of(2023, 1))).count();

        // then
        assertThat(byYear.keySet()).containsExactly(2023, 2024, 2025);
        assertThat(inLaunchMonth).isBetween(180L, 260L);
    }

    @Test
    void withdrawals_category_corrections_csv_uploads_retries_late_batches_and_every_malformed_kind_are_present() {
        for (SimulationPlan plan : List.of(Simulation.plan(SMALL), Simulation.plan(DEFAULT))) {
            // when
            List<Step> steps = plan.steps().toList();

            // then
            assertThat(steps).filteredOn(Step.Withdraw.class::isInstance).isNotEmpty();
            assertThat(steps).filteredOn(Step.CorrectCategory.class::isInstance).isNotEmpty()
                    .allSatisfy(s -> {
                        Organization corrected = ((Step.CorrectCategory) s).corrected();
                        Organization original = organization(plan, corrected.orgId());
                        assertThat(corrected.category()).isNotEqualTo(original.category());
                        assertThat(corrected.category().type()).isEqualTo(original.type());
                    });
            assertThat(steps).filteredOn(Step.UploadMonthlyStats.class::isInstance).isNotEmpty();
            assertThat(steps).filteredOn(s -> s instanceof Step.Resend r && r.original() instanceof Step.ReportDownloads).isNotEmpty();
            assertThat(steps).filteredOn(s -> s instanceof Step.ReportDownloads d && d.late()).isNotEmpty();
            assertThat(steps).filteredOn(s -> s instanceof Step.ReportDownloads d && d.format() == BatchFormat.NDJSON).isNotEmpty();
            assertThat(steps).filteredOn(Step.ReportEngagement.class::isInstance).isNotEmpty();
            assertThat(steps.stream().filter(Step.SendMalformed.class::isInstance)
                    .map(s -> ((Step.SendMalformed) s).request().kind()).collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder(MalformedKind.values());
        }
    }

    @Test
    void an_organization_creates_first_sends_only_while_pledged_and_withdraws_last() {
        // given
        SimulationPlan plan = Simulation.plan(DEFAULT);
        Map<String, List<Step>> byOrganization = new HashMap<>();
        plan.steps().forEach(s -> byOrganization.computeIfAbsent(s.orgId(), k -> new ArrayList<>()).add(s));

        // then
        assertThat(byOrganization).hasSize(600);
        byOrganization.forEach((orgId, steps) -> {
            assertThat(steps.get(0)).isInstanceOf(Step.CreateOrganization.class);
            assertThat(steps.stream().filter(Step.Withdraw.class::isInstance).count()).isLessThanOrEqualTo(1);
            if (steps.stream().anyMatch(Step.Withdraw.class::isInstance)) {
                assertThat(steps.get(steps.size() - 1)).isInstanceOf(Step.Withdraw.class);
            }
        });
    }

    @Test
    void regular_events_always_count_and_late_events_are_certainly_late() {
        // given
        SimulationPlan plan = Simulation.plan(DEFAULT);
        Lateness lateness = new Lateness(DEFAULT.grace());
        Map<String, Instant> latestByOrganization = new HashMap<>();
        int late = 0;

        for (Tick tick : plan.ticks()) {
            for (Tick.OrganizationTurn turn : tick.turns()) {
                for (Step step : turn.steps()) {
                    boolean plannedLate = step instanceof Step.ReportDownloads d && d.late();
                    Instant before = latestByOrganization.get(turn.orgId());
                    for (DownloadEvent event : Simulation.downloadEvents(step)) {
                        // then: counted whatever other organizations sent so far, or late because of this one's own events
                        Lateness.Verdict verdict = lateness.classify(event.occurredAt(), tick.horizon(), before);
                        assertThat(verdict).isEqualTo(plannedLate ? Lateness.Verdict.LATE : Lateness.Verdict.COUNTED);
                        late += plannedLate ? 1 : 0;
                        if (before == null || event.occurredAt().isAfter(latestByOrganization.get(turn.orgId()))) {
                            latestByOrganization.put(turn.orgId(), event.occurredAt());
                        }
                    }
                }
            }
            // and the horizon never reaches past the tick's month: time moves month by month
            assertThat(tick.horizon()).isBefore(tick.month().plusMonths(1).atDay(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant());
        }
        assertThat(late).isPositive();
    }

    @Test
    void download_volume_grows_month_over_month_and_stays_a_few_hundred_thousand_events_by_default() {
        // given
        SimulationPlan plan = Simulation.plan(DEFAULT);

        // when
        Map<Integer, Long> eventsByYear = new HashMap<>();
        plan.steps().filter(s -> s instanceof Step.ReportDownloads d && !d.late())
                .flatMap(s -> ((Step.ReportDownloads) s).events().stream())
                .forEach(e -> eventsByYear.merge(Lateness.monthOf(e.occurredAt()).getYear(), e.count(), Long::sum));

        // then
        assertThat(eventsByYear.get(2024)).isGreaterThan(eventsByYear.get(2023) * 3 / 2);
        assertThat(eventsByYear.get(2025)).isGreaterThan(eventsByYear.get(2024) * 5 / 4);
        assertThat(plan.downloadEventsSent()).isBetween(100_000L, 300_000L);
        assertThat(Simulation.plan(DEFAULT.withScale(2.0)).downloadEventsSent()).isGreaterThan(plan.downloadEventsSent() * 3 / 2);
    }

    @Test
    void batches_hold_at_most_a_thousand_events_with_ids_unique_across_the_plan_except_resends() {
        // given
        SimulationPlan plan = Simulation.plan(DEFAULT);

        // then
        assertThat(plan.steps().filter(Step.ReportDownloads.class::isInstance).mapToInt(s -> ((Step.ReportDownloads) s).events().size()).max().orElseThrow())
                .isBetween(1, Simulation.MAX_BATCH_EVENTS);
        List<String> ids = plan.steps().filter(s -> !(s instanceof Step.Resend))
                .flatMap(s -> Simulation.downloadEvents(s).stream()).map(DownloadEvent::eventId).toList();
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
    }

    @Test
    void snapshots_are_never_dated_on_a_months_last_day_where_csv_snapshots_land_and_corrections_come_later_in_the_month() {
        // given
        SimulationPlan plan = Simulation.plan(DEFAULT);
        Map<String, Map<YearMonth, LocalDate>> latest = new HashMap<>();
        int corrections = 0;

        for (Step step : plan.steps().filter(Step.ReportSnapshots.class::isInstance).toList()) {
            for (Snapshot snapshot : ((Step.ReportSnapshots) step).snapshots()) {
                // then
                assertThat(snapshot.asOf()).isBefore(snapshot.asOf().withDayOfMonth(snapshot.asOf().lengthOfMonth()));
                LocalDate previous = latest.computeIfAbsent(step.orgId(), k -> new HashMap<>()).put(YearMonth.from(snapshot.asOf()), snapshot.asOf());
                if (previous != null) {
                    corrections++;
                    assertThat(snapshot.asOf()).isAfter(previous);
                }
            }
        }
        assertThat(corrections).isPositive();
    }

    @Test
    void a_csv_upload_derives_the_snapshot_and_activity_events_ingest_makes_with_the_same_ids() {
        // given a row with an empty and a zero figure
        Step.UploadMonthlyStats upload = new Step.UploadMonthlyStats("mercy-general",
                List.of(new MonthlyStatsRow(YearMonth.of(2025, 1), 120_000L, 5_400L, 0L, null)));

        // when
        List<Snapshot> snapshots = upload.derivedSnapshots();
        List<DownloadEvent> events = upload.derivedDownloads();

        // then one snapshot on the last day, one month-long event for the only non-zero count
        assertThat(upload.body()).isEqualTo("month,patients_with_access,views,downloads,transmits\n2025-01,120000,5400,0,\n");
        assertThat(snapshots).singleElement().satisfies(s -> {
            assertThat(s.asOf()).isEqualTo(LocalDate.of(2025, 1, 31));
            assertThat(s.patientsWithAccess()).isEqualTo(120_000L);
        });
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.eventId()).isEqualTo(java.util.UUID.nameUUIDFromBytes(
                    "monthly-stats|mercy-general|2025-01|VIEW".getBytes(java.nio.charset.StandardCharsets.UTF_8)).toString());
            assertThat(e.occurredAt()).isEqualTo(Instant.parse("2025-01-01T00:00:00Z"));
            assertThat(e.intervalEnd()).isEqualTo(Instant.parse("2025-02-01T00:00:00Z"));
            assertThat(e.count()).isEqualTo(5_400L);
        });
        // and another upload of the month is a new snapshot (the id covers the file's digest), the same activity ids
        Step.UploadMonthlyStats corrected = new Step.UploadMonthlyStats("mercy-general",
                List.of(new MonthlyStatsRow(YearMonth.of(2025, 1), 121_000L, 5_400L, 0L, null)));
        assertThat(corrected.derivedSnapshots().get(0).eventId()).isNotEqualTo(snapshots.get(0).eventId());
        assertThat(corrected.derivedDownloads()).isEqualTo(events);
    }

    @Test
    void lateness_is_certain_only_away_from_the_month_close() {
        // given a month that closes 35 days after it ends
        Lateness lateness = new Lateness(Duration.ofDays(35));
        Instant inMarch = Instant.parse("2025-03-10T00:00:00Z");
        Instant close = Instant.parse("2025-05-06T00:00:00Z"); // 1 April + 35 days

        // then
        assertThat(lateness.closesAt(YearMonth.of(2025, 3))).isEqualTo(close);
        assertThat(lateness.classify(inMarch, close.minusSeconds(1), null)).isEqualTo(Lateness.Verdict.COUNTED);
        assertThat(lateness.classify(inMarch, close.plusSeconds(1), close.plusSeconds(1))).isEqualTo(Lateness.Verdict.LATE);
        assertThat(lateness.classify(inMarch, close.plusSeconds(1), close.minusSeconds(1))).isEqualTo(Lateness.Verdict.AMBIGUOUS);
        assertThat(lateness.classify(inMarch, close, close)).isEqualTo(Lateness.Verdict.AMBIGUOUS);
    }

    private static Organization organization(SimulationPlan plan, String orgId) {
        return plan.organizations().stream().filter(o -> o.orgId().equals(orgId)).findFirst().orElseThrow();
    }

    private static Set<String> eventIds(SimulationPlan plan) {
        Set<String> ids = new HashSet<>();
        plan.steps().forEach(s -> Simulation.downloadEvents(s).forEach(e -> ids.add(e.eventId())));
        plan.steps().filter(Step.ReportSnapshots.class::isInstance).forEach(s -> ((Step.ReportSnapshots) s).snapshots().forEach(x -> ids.add(x.eventId())));
        return ids;
    }
}
