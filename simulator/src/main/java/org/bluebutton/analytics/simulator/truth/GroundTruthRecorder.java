package org.bluebutton.analytics.simulator.truth;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.bluebutton.analytics.simulator.config.SimulationConfig;
import org.bluebutton.analytics.simulator.plan.DownloadEvent;
import org.bluebutton.analytics.simulator.plan.Engagement;
import org.bluebutton.analytics.simulator.plan.Lateness;
import org.bluebutton.analytics.simulator.plan.MalformedKind;
import org.bluebutton.analytics.simulator.plan.Organization;
import org.bluebutton.analytics.simulator.plan.Snapshot;
import org.bluebutton.analytics.simulator.plan.Step;
import org.bluebutton.analytics.simulator.plan.Tick;
import org.bluebutton.analytics.simulator.program.EngagementType;
import org.bluebutton.analytics.simulator.program.OrganizationType;

/**
 * Builds the {@link GroundTruth} from what ingest acknowledged, step by step, applying the README's
 * metric definitions the way the pipeline must:
 *
 * <ul>
 *   <li>a download event counts once per eventId in the month (UTC) of its {@code occurredAt}, unless it
 *       is late; a repeated id is a duplicate (checked before lateness, as the pipeline does); whether
 *       an event is late is decided by {@link Lateness#classify} with the tick's horizon and the
 *       organization's latest acknowledged event time before the request;</li>
 *   <li>per organization and month the snapshot with the latest {@code asOf} stands (ties: the latest
 *       received); a repeated snapshot id is a duplicate and changes nothing;</li>
 *   <li>CSV uploads count as the snapshots and month-long events ingest derives from them;</li>
 *   <li>roll-ups sum organizations whose current profile is active, grouped by current category and state.</li>
 * </ul>
 *
 * Thread-safe: organizations' turns run in parallel; each organization's steps arrive in order.
 */
public final class GroundTruthRecorder {

    private final SimulationConfig config;
    private final Lateness lateness;
    private final Map<String, OrganizationState> organizations = new LinkedHashMap<>();
    private final Map<String, Map<YearMonth, long[]>> quality = new TreeMap<>();
    private final Map<MalformedKind, Integer> refused = new EnumMap<>(MalformedKind.class);
    private final Set<String> refusedEventIds = new HashSet<>();
    private Instant horizon = Instant.MIN;
    private long unacknowledgedBatches;
    private long ambiguousEvents;
    private long transientRetries;
    private long csvUploads;
    private long downloadRecords;
    private long snapshotRecords;
    private long engagementRecords;

    public GroundTruthRecorder(SimulationConfig config) {
        this.config = config;
        this.lateness = new Lateness(config.grace());
    }

    /** A new simulated month begins: events sent from now on are judged against its horizon. */
    public synchronized void tickStarted(Tick tick) {
        horizon = tick.horizon().isAfter(horizon) ? tick.horizon() : horizon;
    }

    /** Staff created {@code organization}; ingest wrote {@code pledgedAt}. */
    public synchronized void organizationCreated(Organization organization, Instant pledgedAt) {
        organizations.put(organization.orgId(), new OrganizationState(organization, pledgedAt));
    }

    /** Staff replaced the profile (a category correction); status and pledgedAt stay. */
    public synchronized void profileReplaced(Organization corrected) {
        OrganizationState state = state(corrected.orgId());
        state.profile = corrected;
        state.corrected = true;
    }

    /** Staff withdrew the pledge; ingest wrote {@code withdrawnAt} as the withdrawal time. */
    public synchronized void withdrawn(String orgId, Instant withdrawnAt) {
        state(orgId).withdrawnAt = withdrawnAt;
    }

    /** ingest answered 202 to a batch (or its resend): its events were stored. */
    public synchronized void acknowledged(Step batch) {
        Step content = batch instanceof Step.Resend resend ? resend.original() : batch;
        OrganizationState state = state(content.orgId());
        if (content instanceof Step.UploadMonthlyStats upload) {
            csvUploads++;
            downloads(state, upload.derivedDownloads());
            snapshots(state, upload.derivedSnapshots());
        } else if (content instanceof Step.ReportDownloads downloads) {
            downloads(state, downloads.events());
        } else if (content instanceof Step.ReportSnapshots snapshots) {
            snapshots(state, snapshots.snapshots());
        } else if (content instanceof Step.ReportEngagement engagement) {
            engagement(state, engagement.activities());
        } else {
            throw new IllegalArgumentException("Not a batch: " + batch);
        }
    }

    /**
     * A batch still failed after every retry. It is left out of the truth, but its events' times still
     * bound the horizon (the plan's horizon includes them), and some of its records may have been stored.
     */
    public synchronized void notAcknowledged(Step batch) {
        unacknowledgedBatches++;
    }

    /** A request was repeated after a transient failure (503/5xx or a broken connection). */
    public synchronized void retriedAfterTransientFailure() {
        transientRetries++;
    }

    /** A malformed request was refused with its expected status. */
    public synchronized void refused(Step.SendMalformed malformed) {
        refused.merge(malformed.request().kind(), 1, Integer::sum);
        refusedEventIds.addAll(malformed.request().eventIds());
    }

    private void downloads(OrganizationState state, List<DownloadEvent> events) {
        Instant organizationMax = state.latestEventTime;
        for (DownloadEvent event : events) {
            downloadRecords++;
            YearMonth month = Lateness.monthOf(event.occurredAt());
            if (state.receivedIds.add(event.eventId())) {
                state.received.merge(month, ActivityCounts.NONE.plus(event.channel(), event.count()), ActivityCounts::plus);
            }
            if (state.countedIds.contains(event.eventId())) {
                quality(DataQualityTruth.DOWNLOAD_ACTIVITY, month)[2]++;
                continue;
            }
            switch (lateness.classify(event.occurredAt(), horizon, organizationMax)) {
                case COUNTED -> {
                    state.countedIds.add(event.eventId());
                    state.counted.merge(month, ActivityCounts.NONE.plus(event.channel(), event.count()), ActivityCounts::plus);
                }
                case LATE -> {
                    long[] figures = quality(DataQualityTruth.DOWNLOAD_ACTIVITY, month);
                    figures[0]++;
                    figures[1] += event.count();
                }
                case AMBIGUOUS -> ambiguousEvents++;
            }
        }
        for (DownloadEvent event : events) {
            if (state.latestEventTime == null || event.occurredAt().isAfter(state.latestEventTime)) {
                state.latestEventTime = event.occurredAt();
            }
        }
    }

    private void snapshots(OrganizationState state, List<Snapshot> snapshots) {
        for (Snapshot snapshot : snapshots) {
            snapshotRecords++;
            YearMonth month = YearMonth.from(snapshot.asOf());
            if (!state.snapshotIds.add(snapshot.eventId())) {
                quality(DataQualityTruth.ACCESS_SNAPSHOTS, month)[2]++;
                continue;
            }
            StandingSnapshot standing = state.standing.get(month);
            // Later asOf wins; on the same date the later received (this one) wins.
            if (standing == null || !snapshot.asOf().isBefore(standing.figures.asOf())) {
                state.standing.put(month, new StandingSnapshot(new AccessFigures(snapshot.asOf(), snapshot.patientsWithAccess(),
                        snapshot.patientsOffered(), snapshot.patientsRegistered())));
            }
        }
    }

    private void engagement(OrganizationState state, List<Engagement> activities) {
        for (Engagement activity : activities) {
            engagementRecords++;
            if (state.engagements.putIfAbsent(activity.eventId(), activity) != null) {
                quality(DataQualityTruth.ENGAGEMENT_ACTIVITY, YearMonth.from(activity.occurredOn()))[2]++;
            }
        }
    }

    private long[] quality(String topic, YearMonth month) {
        return quality.computeIfAbsent(topic, t -> new TreeMap<>()).computeIfAbsent(month, m -> new long[3]);
    }

    private OrganizationState state(String orgId) {
        OrganizationState state = organizations.get(orgId);
        if (state == null) {
            throw new IllegalStateException("Organization " + orgId + " was not created (its creation was not acknowledged)");
        }
        return state;
    }

    /** What ingest acknowledged, before lateness and deduplication. */
    public synchronized ReceivedEvents received() {
        Map<String, Map<YearMonth, ActivityCounts>> byOrgMonth = new TreeMap<>();
        Set<String> downloadIds = new HashSet<>();
        Set<String> snapshotIds = new HashSet<>();
        Set<String> engagementIds = new HashSet<>();
        for (OrganizationState state : organizations.values()) {
            if (!state.received.isEmpty()) {
                byOrgMonth.put(state.profile.orgId(), Map.copyOf(state.received));
            }
            downloadIds.addAll(state.receivedIds);
            snapshotIds.addAll(state.snapshotIds);
            engagementIds.addAll(state.engagements.keySet());
        }
        return new ReceivedEvents(byOrgMonth, downloadIds, snapshotIds, engagementIds, downloadRecords, snapshotRecords,
                engagementRecords, Set.copyOf(refusedEventIds));
    }

    /** The ground truth of everything recorded so far. */
    public synchronized GroundTruth groundTruth() {
        List<OrganizationTruth> organizationTruths = new ArrayList<>();
        List<OrgMonthTruth> months = new ArrayList<>();
        List<OrgYearTruth> years = new ArrayList<>();
        List<EngagementTruth> engagement = new ArrayList<>();
        for (OrganizationState state : sortedStates()) {
            organizationTruths.add(state.truth());
            months.addAll(state.monthTruths());
            years.addAll(state.yearTruths());
            engagement.addAll(state.engagementTruths());
        }
        return new GroundTruth(config, totals(months), organizationTruths, months, years, rollups(organizationTruths, months, years),
                pledgeCounts(organizationTruths), engagement, dataQuality(), malformed());
    }

    private List<OrganizationState> sortedStates() {
        List<OrganizationState> states = new ArrayList<>(organizations.values());
        states.sort(Comparator.comparing(state -> state.profile.orgId()));
        return states;
    }

    private Totals totals(List<OrgMonthTruth> months) {
        long counted = months.stream().mapToLong(m -> m.activity().events()).sum();
        long late = 0;
        long duplicates = 0;
        for (Map<YearMonth, long[]> byMonth : quality.values()) {
            for (long[] figures : byMonth.values()) {
                late += figures[0];
                duplicates += figures[2];
            }
        }
        int withdrawals = (int) organizations.values().stream().filter(s -> s.withdrawnAt != null).count();
        int corrections = (int) organizations.values().stream().filter(s -> s.corrected).count();
        long snapshots = organizations.values().stream().mapToLong(s -> s.snapshotIds.size()).sum();
        long activities = organizations.values().stream().mapToLong(s -> s.engagements.size()).sum();
        long malformed = refused.values().stream().mapToLong(Integer::longValue).sum();
        return new Totals(organizations.size(), withdrawals, corrections, counted, late, duplicates, snapshots, activities,
                csvUploads, malformed, unacknowledgedBatches, ambiguousEvents, transientRetries);
    }

    private List<DataQualityTruth> dataQuality() {
        List<DataQualityTruth> rows = new ArrayList<>();
        quality.forEach((topic, byMonth) -> byMonth.forEach((month, figures) -> rows.add(
                new DataQualityTruth(topic, month.getYear(), month.getMonthValue(), figures[0], figures[1], figures[2]))));
        return rows;
    }

    private List<MalformedTruth> malformed() {
        List<MalformedTruth> rows = new ArrayList<>();
        refused.forEach((kind, count) -> rows.add(new MalformedTruth(kind, kind.expectedStatus(), count)));
        return rows;
    }

    private static List<RollupTruth> rollups(List<OrganizationTruth> organizations, List<OrgMonthTruth> months, List<OrgYearTruth> years) {
        Map<String, OrganizationTruth> active = new HashMap<>();
        organizations.stream().filter(OrganizationTruth::active).forEach(o -> active.put(o.orgId(), o));
        Map<RollupKey, RollupSum> sums = new TreeMap<>();
        for (OrgMonthTruth month : months) {
            OrganizationTruth organization = active.get(month.orgId());
            if (organization != null) {
                for (Map.Entry<RollupDimension, Function<OrganizationTruth, String>> dimension : DIMENSIONS.entrySet()) {
                    sums.computeIfAbsent(new RollupKey(dimension.getKey(), dimension.getValue().apply(organization), Granularity.MONTH,
                            month.year(), month.month()), k -> new RollupSum()).add(month.activity(), month.access());
                }
            }
        }
        for (OrgYearTruth year : years) {
            OrganizationTruth organization = active.get(year.orgId());
            if (organization != null) {
                for (Map.Entry<RollupDimension, Function<OrganizationTruth, String>> dimension : DIMENSIONS.entrySet()) {
                    sums.computeIfAbsent(new RollupKey(dimension.getKey(), dimension.getValue().apply(organization), Granularity.YEAR,
                            year.year(), 0), k -> new RollupSum()).add(year.activity(), year.access());
                }
            }
        }
        List<RollupTruth> rows = new ArrayList<>();
        sums.forEach((key, sum) -> rows.add(new RollupTruth(key.dimension, key.value, key.granularity, key.year,
                key.granularity == Granularity.YEAR ? null : key.month, sum.activity, sum.patients, sum.reporting, sum.withAccess)));
        return rows;
    }

    private static final Map<RollupDimension, Function<OrganizationTruth, String>> DIMENSIONS = dimensions();

    private static Map<RollupDimension, Function<OrganizationTruth, String>> dimensions() {
        Map<RollupDimension, Function<OrganizationTruth, String>> dimensions = new EnumMap<>(RollupDimension.class);
        dimensions.put(RollupDimension.PROGRAM, o -> RollupDimension.ALL);
        dimensions.put(RollupDimension.CATEGORY, o -> o.category().name());
        dimensions.put(RollupDimension.STATE, OrganizationTruth::state);
        return dimensions;
    }

    private List<PledgeCountTruth> pledgeCounts(List<OrganizationTruth> organizationTruths) {
        YearMonth last = config.lastMonth();
        for (OrganizationState state : organizations.values()) {
            if (state.withdrawnAt != null && Lateness.monthOf(state.withdrawnAt).isAfter(last)) {
                last = Lateness.monthOf(state.withdrawnAt);
            }
        }
        List<PledgeCountTruth> rows = new ArrayList<>();
        for (OrganizationType type : OrganizationType.values()) {
            for (YearMonth month = config.firstMonth(); !month.isAfter(last); month = month.plusMonths(1)) {
                rows.add(GroundTruth.pledgeCounts(organizationTruths, Granularity.MONTH, month.getYear(), month.getMonthValue(), type));
            }
            for (int year = config.startYear(); year <= last.getYear(); year++) {
                rows.add(GroundTruth.pledgeCounts(organizationTruths, Granularity.YEAR, year, null, type));
            }
        }
        rows.sort(Comparator.comparing(PledgeCountTruth::granularity).thenComparing(PledgeCountTruth::year)
                .thenComparing(r -> r.month() == null ? 0 : r.month()).thenComparing(PledgeCountTruth::organizationType));
        return rows;
    }

    private record RollupKey(RollupDimension dimension, String value, Granularity granularity, int year, int month)
            implements Comparable<RollupKey> {
        private static final Comparator<RollupKey> ORDER = Comparator.comparing(RollupKey::dimension).thenComparing(RollupKey::value)
                .thenComparing(RollupKey::granularity).thenComparingInt(RollupKey::year).thenComparingInt(RollupKey::month);

        @Override
        public int compareTo(RollupKey other) {
            return ORDER.compare(this, other);
        }
    }

    private static final class RollupSum {
        ActivityCounts activity = ActivityCounts.NONE;
        long patients;
        int reporting;
        int withAccess;

        void add(ActivityCounts organizationActivity, AccessFigures access) {
            activity = activity.plus(organizationActivity);
            reporting++;
            if (access != null) {
                patients += access.patientsWithAccess();
                withAccess++;
            }
        }
    }

    private record StandingSnapshot(AccessFigures figures) {
    }

    private static final class OrganizationState {
        final Instant pledgedAt;
        Organization profile;
        boolean corrected;
        Instant withdrawnAt;
        Instant latestEventTime;
        final Set<String> receivedIds = new HashSet<>();
        final Set<String> countedIds = new HashSet<>();
        final Map<YearMonth, ActivityCounts> received = new TreeMap<>();
        final Map<YearMonth, ActivityCounts> counted = new TreeMap<>();
        final Set<String> snapshotIds = new HashSet<>();
        final Map<YearMonth, StandingSnapshot> standing = new TreeMap<>();
        final Map<String, Engagement> engagements = new HashMap<>();

        OrganizationState(Organization profile, Instant pledgedAt) {
            this.profile = profile;
            this.pledgedAt = pledgedAt;
        }

        OrganizationTruth truth() {
            return new OrganizationTruth(profile.orgId(), profile.name(), profile.type(), profile.category(), profile.state(),
                    withdrawnAt == null ? OrganizationTruth.ACTIVE : OrganizationTruth.WITHDRAWN, pledgedAt, withdrawnAt);
        }

        List<OrgMonthTruth> monthTruths() {
            Set<YearMonth> months = new java.util.TreeSet<>(counted.keySet());
            months.addAll(standing.keySet());
            List<OrgMonthTruth> rows = new ArrayList<>();
            for (YearMonth month : months) {
                StandingSnapshot snapshot = standing.get(month);
                rows.add(new OrgMonthTruth(profile.orgId(), month.getYear(), month.getMonthValue(),
                        counted.getOrDefault(month, ActivityCounts.NONE), snapshot == null ? null : snapshot.figures()));
            }
            return rows;
        }

        List<OrgYearTruth> yearTruths() {
            Map<Integer, List<OrgMonthTruth>> byYear = new TreeMap<>();
            for (OrgMonthTruth month : monthTruths()) {
                byYear.computeIfAbsent(month.year(), y -> new ArrayList<>()).add(month);
            }
            List<OrgYearTruth> rows = new ArrayList<>();
            byYear.forEach((year, months) -> {
                ActivityCounts activity = ActivityCounts.NONE;
                AccessFigures access = null;
                int withActivity = 0;
                int withSnapshot = 0;
                for (OrgMonthTruth month : months) {
                    activity = activity.plus(month.activity());
                    if (month.activity().events() > 0) {
                        withActivity++;
                    }
                    if (month.access() != null) {
                        withSnapshot++;
                        if (access == null || month.access().asOf().isAfter(access.asOf())) {
                            access = month.access();
                        }
                    }
                }
                rows.add(new OrgYearTruth(profile.orgId(), year, activity, access, withActivity, withSnapshot));
            });
            return rows;
        }

        List<EngagementTruth> engagementTruths() {
            Map<Integer, Map<EngagementType, long[]>> byYear = new TreeMap<>();
            for (Engagement activity : engagements.values()) {
                long[] sums = byYear.computeIfAbsent(activity.occurredOn().getYear(), y -> new EnumMap<>(EngagementType.class))
                        .computeIfAbsent(activity.type(), t -> new long[2]);
                sums[0]++;
                sums[1] += activity.peopleReached() == null ? 0 : activity.peopleReached();
            }
            List<EngagementTruth> rows = new ArrayList<>();
            byYear.forEach((year, byType) -> byType.forEach((type, sums) ->
                    rows.add(new EngagementTruth(profile.orgId(), year, type, sums[0], sums[1]))));
            return rows;
        }
    }
}
