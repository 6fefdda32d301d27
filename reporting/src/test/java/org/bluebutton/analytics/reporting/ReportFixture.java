package org.bluebutton.analytics.reporting;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.bluebutton.analytics.reporting.model.ReportSnapshot;
import org.bluebutton.analytics.reporting.model.SnapshotTables;
import org.bluebutton.analytics.reporting.snapshot.SnapshotOffsets;
import org.bluebutton.analytics.schemas.aggregate.AccessFigures;
import org.bluebutton.analytics.schemas.aggregate.ActivityCounts;
import org.bluebutton.analytics.schemas.aggregate.DataQualityKey;
import org.bluebutton.analytics.schemas.aggregate.DataQualityMetrics;
import org.bluebutton.analytics.schemas.aggregate.EngagementKey;
import org.bluebutton.analytics.schemas.aggregate.EngagementMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthKey;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgYearKey;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.PeriodGranularity;
import org.bluebutton.analytics.schemas.aggregate.PledgeCountKey;
import org.bluebutton.analytics.schemas.aggregate.PledgeCounts;
import org.bluebutton.analytics.schemas.aggregate.RollupDimension;
import org.bluebutton.analytics.schemas.aggregate.RollupKey;
import org.bluebutton.analytics.schemas.aggregate.RollupMetrics;
import org.bluebutton.analytics.schemas.event.Commitment;
import org.bluebutton.analytics.schemas.event.EngagementActivity;
import org.bluebutton.analytics.schemas.event.EngagementType;
import org.bluebutton.analytics.schemas.event.OrganizationCategory;
import org.bluebutton.analytics.schemas.event.OrganizationType;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.PledgeStatus;

/**
 * A small program year (2025) as the streams application would publish it, including superseded
 * values, tombstones, other years and a retried story — the records in topic order. Unit tests
 * feed it into {@link SnapshotTables}; integration tests produce it to Kafka. The expected figures
 * in the tests are worked out by hand from these records (see the comments).
 */
public final class ReportFixture {

    public static final int YEAR = 2025;
    public static final String STORY_EVENT_ID = "6c7d8e9f-0a1b-4c2d-9e3f-4a5b6c7d8e9f";

    /** Where the records go: one method per source topic; a null value is a tombstone. */
    public interface Sink {
        void pledge(String orgId, Pledge value);

        void engagementActivity(String orgId, EngagementActivity value);

        void orgMonth(OrgMonthKey key, OrgMonthlyMetrics value);

        void orgYear(OrgYearKey key, OrgYearlyMetrics value);

        void rollup(RollupKey key, RollupMetrics value);

        void pledgeCount(PledgeCountKey key, PledgeCounts value);

        void engagementMetric(EngagementKey key, EngagementMetrics value);

        void dataQuality(DataQualityKey key, DataQualityMetrics value);
    }

    private ReportFixture() {
    }

    /** The fixture's snapshot, as the report sees it (offsets: none). */
    public static ReportSnapshot snapshot() {
        return snapshot(tables -> { });
    }

    /** The fixture's snapshot with records read after the fixture's ({@code later}), e.g. a withdrawal in the next year. */
    public static ReportSnapshot snapshot(java.util.function.Consumer<SnapshotTables> later) {
        return snapshot(org.bluebutton.analytics.reporting.model.ReportPeriod.wholeYear(YEAR), later);
    }

    /** The fixture's snapshot for a period of the fixture's year (e.g. a year to date), with {@code later} records read after it. */
    public static ReportSnapshot snapshot(org.bluebutton.analytics.reporting.model.ReportPeriod period, java.util.function.Consumer<SnapshotTables> later) {
        SnapshotTables tables = new SnapshotTables(period);
        feed(new Sink() {
            public void pledge(String orgId, Pledge value) { tables.pledge(orgId, value); }
            public void engagementActivity(String orgId, EngagementActivity value) { tables.engagementActivity(orgId, value); }
            public void orgMonth(OrgMonthKey key, OrgMonthlyMetrics value) { tables.orgMonth(key, value); }
            public void orgYear(OrgYearKey key, OrgYearlyMetrics value) { tables.orgYear(key, value); }
            public void rollup(RollupKey key, RollupMetrics value) { tables.rollup(key, value); }
            public void pledgeCount(PledgeCountKey key, PledgeCounts value) { tables.pledgeCount(key, value); }
            public void engagementMetric(EngagementKey key, EngagementMetrics value) { tables.engagementMetric(key, value); }
            public void dataQuality(DataQualityKey key, DataQualityMetrics value) { tables.dataQuality(key, value); }
        });
        later.accept(tables);
        return tables.toSnapshot(new SnapshotOffsets(java.util.Map.of()));
    }

    /** Sends every record of the fixture to {@code sink}, in topic order. */
    public static void feed(Sink sink) {
        // Organizations: three reporting data holders, one employer, one that withdrew, one deleted.
        sink.pledge("alpha", pledge("alpha", "Alpha Hospital", OrganizationType.DATA_HOLDER, OrganizationCategory.HOSPITAL, "MA",
                "2024-05-01T00:00:00Z", PledgeStatus.ACTIVE, "2024-05-01T00:00:00Z"));
        sink.pledge("beta", pledge("beta", "Beta Hospital", OrganizationType.DATA_HOLDER, OrganizationCategory.HOSPITAL, "MA",
                "2025-02-10T12:00:00Z", PledgeStatus.ACTIVE, "2025-02-10T12:00:00Z"));
        sink.pledge("gamma", pledge("gamma", "Gamma Health Plan", OrganizationType.DATA_HOLDER, OrganizationCategory.PAYER, "NY",
                "2023-01-01T00:00:00Z", PledgeStatus.ACTIVE, "2023-01-01T00:00:00Z"));
        sink.pledge("acme", pledge("acme", "Acme Manufacturing", OrganizationType.NON_DATA_HOLDER, OrganizationCategory.EMPLOYER, "OH",
                "2025-03-01T00:00:00Z", PledgeStatus.ACTIVE, "2025-03-01T00:00:00Z"));
        sink.pledge("wclinic", pledge("wclinic", "Westside Clinic", OrganizationType.DATA_HOLDER, OrganizationCategory.PROVIDER, "TX",
                "2022-01-01T00:00:00Z", PledgeStatus.ACTIVE, "2022-01-01T00:00:00Z"));
        // Withdrew in June; its profile was corrected in September, which must not move the withdrawal.
        sink.pledge("wclinic", Pledge.newBuilder(pledge("wclinic", "Westside Clinic", OrganizationType.DATA_HOLDER, OrganizationCategory.PROVIDER,
                "TX", "2022-01-01T00:00:00Z", PledgeStatus.WITHDRAWN, "2025-09-01T00:00:00Z"))
                .setWithdrawnAt(Instant.parse("2025-06-01T00:00:00Z")).build());
        sink.pledge("deleted", pledge("deleted", "Deleted Org", OrganizationType.DATA_HOLDER, OrganizationCategory.LAB, "CA",
                "2021-01-01T00:00:00Z", PledgeStatus.ACTIVE, "2021-01-01T00:00:00Z"));
        sink.pledge("deleted", null);

        // Stories: one from the employer (retried once), one from a data holder, one from 2024.
        EngagementActivity story = EngagementActivity.newBuilder().setEventId(STORY_EVENT_ID).setOrgId("acme")
                .setOccurredOn(LocalDate.of(2025, 3, 1)).setEngagementType(EngagementType.CEO_MESSAGE).setPeopleReached(4_200L)
                .setTitle("CEO asks every employee to download their records")
                .setStory("Our CEO wrote to all 4,200 employees. <script>alert(1)</script>")
                .setLink("https://acme.example.com/blue-button").setReceivedAt(Instant.parse("2025-03-02T08:00:00Z")).build();
        sink.engagementActivity("acme", story);
        sink.engagementActivity("acme", EngagementActivity.newBuilder(story).build());
        sink.engagementActivity("alpha", EngagementActivity.newBuilder(story).setEventId("11111111-1111-4111-8111-111111111111")
                .setOrgId("alpha").setTitle("Portal day at Alpha").setStory(null).setPeopleReached(null).build());
        sink.engagementActivity("acme", EngagementActivity.newBuilder(story).setEventId("22222222-2222-4222-8222-222222222222")
                .setOccurredOn(LocalDate.of(2024, 11, 5)).setTitle("Last year's town hall").build());

        // Organization × month. Alpha's February is superseded (downloads 100 → 450); a 2024 month and a
        // deleted month are not in the report.
        sink.orgMonth(new OrgMonthKey("alpha", 2025, 1), month("alpha", 1, activity(1000, 400, 20, 0, 50), access("2025-01-31", 50_000)));
        sink.orgMonth(new OrgMonthKey("alpha", 2025, 2), month("alpha", 2, activity(900, 100, 30, 0, 40), null));
        sink.orgMonth(new OrgMonthKey("alpha", 2025, 2), month("alpha", 2, activity(900, 450, 30, 0, 45), access("2025-02-28", 52_000)));
        // Alpha's only 2024 month carries its 2024 year (pledged in May 2024, it reported from December): the year before's
        // months are what that year's figures are suppressed with, as that year's own report suppressed them.
        sink.orgMonth(new OrgMonthKey("alpha", 2024, 12), new OrgMonthlyMetrics("alpha", 2024, 12, activity(1000, 500, 20, 0, 60), null));
        sink.orgMonth(new OrgMonthKey("beta", 2025, 3), month("beta", 3, activity(5, 3, 0, 0, 2), access("2025-03-31", 8)));
        sink.orgMonth(new OrgMonthKey("gamma", 2025, 1), month("gamma", 1, activity(200, 60, 15, 7, 30), access("2025-01-15", 20_000)));
        sink.orgMonth(new OrgMonthKey("gamma", 2025, 4), month("gamma", 4, activity(9, 9, 9, 9, 9), null));
        sink.orgMonth(new OrgMonthKey("gamma", 2025, 4), null);

        // Organization × year: the months above; Westside's year stays on the topic but it withdrew.
        sink.orgYear(new OrgYearKey("alpha", 2025), new OrgYearlyMetrics("alpha", 2025, activity(1900, 850, 50, 0, 95), access("2025-02-28", 52_000), 2, 2));
        sink.orgYear(new OrgYearKey("beta", 2025), new OrgYearlyMetrics("beta", 2025, activity(5, 3, 0, 0, 2), access("2025-03-31", 8), 1, 1));
        sink.orgYear(new OrgYearKey("gamma", 2025), new OrgYearlyMetrics("gamma", 2025, activity(200, 60, 15, 7, 30), access("2025-01-15", 20_000), 1, 1));
        // The year before, for year-over-year change (the 2024 program row below is their sum).
        sink.orgYear(new OrgYearKey("alpha", 2024), new OrgYearlyMetrics("alpha", 2024, activity(1000, 500, 20, 0, 60), access("2024-12-31", 40_000), 8, 1));
        sink.orgYear(new OrgYearKey("gamma", 2024), new OrgYearlyMetrics("gamma", 2024, activity(500, 300, 20, 0, 40), access("2024-12-31", 20_000), 12, 1));
        sink.orgYear(new OrgYearKey("wclinic", 2025), new OrgYearlyMetrics("wclinic", 2025, activity(70, 70, 70, 0, 3), null, 1, 0));

        // Roll-ups (withdrawn Westside removed: its TX row was deleted).
        rollup(sink, RollupDimension.PROGRAM, "ALL", 2025, null, activity(2105, 913, 65, 7, 127), 72_008, 3, 3);
        rollup(sink, RollupDimension.PROGRAM, "ALL", 2025, 1, activity(1200, 460, 35, 7, 80), 70_000, 2, 2);
        rollup(sink, RollupDimension.PROGRAM, "ALL", 2025, 2, activity(900, 450, 30, 0, 45), 52_000, 1, 1);
        rollup(sink, RollupDimension.PROGRAM, "ALL", 2025, 3, activity(5, 3, 0, 0, 2), 8, 1, 1);
        rollup(sink, RollupDimension.PROGRAM, "ALL", 2024, null, activity(1500, 800, 40, 0, 100), 60_000, 2, 2);
        rollup(sink, RollupDimension.CATEGORY, "HOSPITAL", 2025, null, activity(1905, 853, 50, 0, 97), 52_008, 2, 2);
        rollup(sink, RollupDimension.CATEGORY, "PAYER", 2025, null, activity(200, 60, 15, 7, 30), 20_000, 1, 1);
        rollup(sink, RollupDimension.STATE, "MA", 2025, null, activity(1905, 853, 50, 0, 97), 52_008, 2, 2);
        rollup(sink, RollupDimension.STATE, "NY", 2025, null, activity(200, 60, 15, 7, 30), 20_000, 1, 1);
        rollup(sink, RollupDimension.STATE, "TX", 2025, null, activity(70, 70, 70, 0, 3), 0, 1, 0);
        sink.rollup(new RollupKey(RollupDimension.STATE, "TX", PeriodGranularity.YEAR, 2025, null), null);

        // Pledge counts.
        pledgeCount(sink, PeriodGranularity.YEAR, 2025, null, OrganizationType.DATA_HOLDER, 1, 1, 3);
        pledgeCount(sink, PeriodGranularity.YEAR, 2025, null, OrganizationType.NON_DATA_HOLDER, 1, 0, 1);
        pledgeCount(sink, PeriodGranularity.YEAR, 2024, null, OrganizationType.DATA_HOLDER, 1, 0, 3);
        pledgeCount(sink, PeriodGranularity.MONTH, 2025, 1, OrganizationType.DATA_HOLDER, 0, 0, 3);
        pledgeCount(sink, PeriodGranularity.MONTH, 2025, 2, OrganizationType.DATA_HOLDER, 1, 0, 4);
        pledgeCount(sink, PeriodGranularity.MONTH, 2025, 3, OrganizationType.NON_DATA_HOLDER, 1, 0, 1);
        pledgeCount(sink, PeriodGranularity.MONTH, 2025, 6, OrganizationType.DATA_HOLDER, 0, 1, 3);

        sink.engagementMetric(new EngagementKey("acme", 2025, EngagementType.CEO_MESSAGE),
                new EngagementMetrics("acme", 2025, EngagementType.CEO_MESSAGE, 1L, 4_200L));
        sink.engagementMetric(new EngagementKey("alpha", 2025, EngagementType.CEO_MESSAGE),
                new EngagementMetrics("alpha", 2025, EngagementType.CEO_MESSAGE, 1L, 0L));

        sink.dataQuality(new DataQualityKey("bluebutton.download-activity", 2025, 3),
                new DataQualityMetrics("bluebutton.download-activity", 2025, 3, 2L, 7L, 5L, 1L));
        sink.dataQuality(new DataQualityKey("bluebutton.access-snapshots", 2025, 1),
                new DataQualityMetrics("bluebutton.access-snapshots", 2025, 1, 0L, 0L, 1L, 0L));
        sink.dataQuality(new DataQualityKey("bluebutton.download-activity", 2024, 12),
                new DataQualityMetrics("bluebutton.download-activity", 2024, 12, 100L, 100L, 100L, 100L));
    }

    public static Pledge pledge(String orgId, String name, OrganizationType type, OrganizationCategory category, String state, String pledgedAt,
            PledgeStatus status, String updatedAt) {
        return Pledge.newBuilder().setEventId("evt-" + orgId + "-" + status + "-" + updatedAt).setOrgId(orgId).setName(name)
                .setOrganizationType(type).setCategory(category).setState(state).setCity(null).setPostalCode(null)
                .setWebsite("https://" + orgId + ".example.org")
                .setCommitments(type == OrganizationType.DATA_HOLDER ? List.of(Commitment.DOWNLOAD_FROM_PORTAL, Commitment.DIRECT_TRANSMIT)
                        : List.of(Commitment.CEO_MESSAGE))
                .setStatus(status).setPledgedAt(Instant.parse(pledgedAt)).setUpdatedAt(Instant.parse(updatedAt)).build();
    }

    public static ActivityCounts activity(long views, long downloads, long transmits, long api, long events) {
        return new ActivityCounts(views, downloads, transmits, api, events);
    }

    public static AccessFigures access(String asOf, long patients) {
        return new AccessFigures(LocalDate.parse(asOf), patients, null, null);
    }

    private static OrgMonthlyMetrics month(String orgId, int month, ActivityCounts activity, AccessFigures access) {
        return new OrgMonthlyMetrics(orgId, YEAR, month, activity, access);
    }

    private static void rollup(Sink sink, RollupDimension dimension, String value, int year, Integer month, ActivityCounts activity,
            long patients, int reporting, int withAccess) {
        PeriodGranularity granularity = month == null ? PeriodGranularity.YEAR : PeriodGranularity.MONTH;
        sink.rollup(new RollupKey(dimension, value, granularity, year, month),
                new RollupMetrics(dimension, value, granularity, year, month, activity, patients, reporting, withAccess));
    }

    private static void pledgeCount(Sink sink, PeriodGranularity granularity, int year, Integer month, OrganizationType type,
            int fresh, int withdrawals, int active) {
        sink.pledgeCount(new PledgeCountKey(granularity, year, month, type),
                new PledgeCounts(granularity, year, month, type, fresh, withdrawals, active));
    }
}
