package org.bluebutton.analytics.reporting.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.bluebutton.analytics.reporting.snapshot.SnapshotOffsets;
import org.bluebutton.analytics.schemas.aggregate.DataQualityKey;
import org.bluebutton.analytics.schemas.aggregate.DataQualityMetrics;
import org.bluebutton.analytics.schemas.aggregate.EngagementKey;
import org.bluebutton.analytics.schemas.aggregate.EngagementMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthKey;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgYearKey;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.PledgeCountKey;
import org.bluebutton.analytics.schemas.aggregate.PledgeCounts;
import org.bluebutton.analytics.schemas.aggregate.RollupKey;
import org.bluebutton.analytics.schemas.aggregate.RollupMetrics;
import org.bluebutton.analytics.schemas.event.EngagementActivity;
import org.bluebutton.analytics.schemas.event.FeaturedStory;
import org.bluebutton.analytics.schemas.event.Pledge;

/**
 * Collects the records of the source topics into the tables of a {@link ReportSnapshot}: on the
 * compacted topics the latest value per key wins and a tombstone (null value) deletes the key, as
 * a compacted topic itself means it; engagement activities (an event stream) count once per
 * (organization, eventId), the first one read — the identity the streams application counts by, so
 * no organization's story can hide another's — and a record filed under another organization's key
 * is left out, as streams sets it aside. Identities of every year are kept (ids only), since a resend
 * dated in another year is a duplicate for streams. Keys of years the report does not use are not kept at all, so
 * memory grows with one year of data, not with the topics' history.
 */
public final class SnapshotTables {

    private static final Comparator<RollupMetrics> ROLLUP_ORDER = Comparator
            .comparing((RollupMetrics r) -> r.getDimension().ordinal())
            .thenComparing(r -> r.getDimensionValue().toString())
            .thenComparing(r -> r.getGranularity().ordinal())
            .thenComparingInt(RollupMetrics::getYear)
            .thenComparing(r -> r.getMonth() == null ? 0 : r.getMonth());
    private static final Comparator<PledgeCounts> PLEDGE_ORDER = Comparator
            .comparing((PledgeCounts p) -> p.getGranularity().ordinal())
            .thenComparingInt(PledgeCounts::getYear)
            .thenComparing(p -> p.getMonth() == null ? 0 : p.getMonth())
            .thenComparing(p -> p.getOrganizationType().ordinal());

    private final int year;
    private final ReportPeriod period;
    private final Map<OrgMonthKey, OrgMonthlyMetrics> previousOrgMonths = new HashMap<>();
    private final Map<String, Pledge> organizations = new HashMap<>();
    private final Map<OrgMonthKey, OrgMonthlyMetrics> orgMonths = new HashMap<>();
    private final Map<OrgYearKey, OrgYearlyMetrics> orgYears = new HashMap<>();
    private final Map<OrgYearKey, OrgYearlyMetrics> previousOrgYears = new HashMap<>();
    private final Map<RollupKey, RollupMetrics> rollups = new HashMap<>();
    private final Map<EngagementKey, EngagementMetrics> engagementMetrics = new HashMap<>();
    private final Map<DataQualityKey, DataQualityMetrics> dataQuality = new HashMap<>();
    private final Set<List<String>> engagementEventIds = new HashSet<>();
    private final List<EngagementActivity> engagementActivities = new ArrayList<>();
    private final Map<String, FeaturedStory> storyMarks = new HashMap<>();

    public SnapshotTables(int year) {
        this(ReportPeriod.wholeYear(year));
    }

    /** Tables for a period: a whole year, or a year to date (months after it, and dates after it, are left out). */
    public SnapshotTables(ReportPeriod period) {
        this.year = period.year();
        this.period = period;
    }

    /** A record of the pledges topic. */
    public void pledge(String orgId, Pledge value) {
        latest(organizations, orgId, value, k -> true);
    }

    /** A record of the organization-month topic. */
    public void orgMonth(OrgMonthKey key, OrgMonthlyMetrics value) {
        latest(orgMonths, key, value, k -> k.getYear() == year && period.covers(k.getMonth()));
        // The same months of the year before: the comparison of a year to date, and the months that the year
        // before's figures are suppressed with (the same computation as that year's own report).
        latest(previousOrgMonths, key, value, k -> k.getYear() == year - 1 && period.covers(k.getMonth()));
    }

    /** A record of the organization-year topic. */
    public void orgYear(OrgYearKey key, OrgYearlyMetrics value) {
        if (!period.wholeYear()) {
            return; // a year to date sums the organizations' months instead (see toSnapshot)
        }
        latest(orgYears, key, value, k -> k.getYear() == year);
        latest(previousOrgYears, key, value, k -> k.getYear() == year - 1); // for the year-over-year change of every group
    }

    /** A record of the roll-up topic. */
    public void rollup(RollupKey key, RollupMetrics value) {
        latest(rollups, key, value, k -> k.getYear() == year || k.getYear() == year - 1);
    }

    /**
     * A record of the pledge-counts topic. Read so that the manifest traces it; the report counts
     * pledges itself from the profiles, by the same rule as its group figures ({@link PeriodEndRollups}).
     */
    public void pledgeCount(PledgeCountKey key, PledgeCounts value) {
        Objects.requireNonNull(key, "key");
    }

    /** A record of the engagement-metrics topic. */
    public void engagementMetric(EngagementKey key, EngagementMetrics value) {
        if (!period.wholeYear()) {
            return; // a year to date counts its distinct activities instead (see toSnapshot)
        }
        latest(engagementMetrics, key, value, k -> k.getYear() == year);
    }

    /** A record of the data-quality topic. */
    public void dataQuality(DataQualityKey key, DataQualityMetrics value) {
        latest(dataQuality, key, value, k -> k.getYear() == year && period.covers(k.getMonth()));
    }

    /** A record of the engagement-activity stream (key: organization id). */
    public void engagementActivity(String orgId, EngagementActivity value) {
        if (value == null || !value.getOrgId().toString().equals(orgId)) {
            return; // an event stream has no tombstones; another organization's key: a dead letter for streams, not a story
        }
        // The identity first, whatever the year: streams counts an identity once for good, so a resend
        // dated in another year is a duplicate there and must not become this year's story here.
        boolean first = engagementEventIds.add(List.of(value.getOrgId().toString(), value.getEventId().toString()));
        if (first && value.getOccurredOn().getYear() == year && period.covers(value.getOccurredOn().getMonthValue())) {
            engagementActivities.add(value);
        }
    }

    /** A record of the featured-stories topic (key: orgId/eventId); the latest mark of a story stands. */
    public void featuredStory(String key, FeaturedStory value) {
        latest(storyMarks, key, value, k -> true);
    }

    /** The tables as they stand, ordered; group figures and pledge counts by the period-end rule ({@link PeriodEndRollups}). */
    public ReportSnapshot toSnapshot(SnapshotOffsets offsets) {
        if (!period.wholeYear()) {
            orgYears.clear();
            yearToDate(orgMonths.values(), year).forEach(m -> orgYears.put(new OrgYearKey(m.getOrgId(), year), m));
            previousOrgYears.clear();
            yearToDate(previousOrgMonths.values(), year - 1).forEach(m -> previousOrgYears.put(new OrgYearKey(m.getOrgId(), year - 1), m));
            engagementMetrics.clear();
            for (EngagementActivity activity : engagementActivities) {
                EngagementKey key = new EngagementKey(activity.getOrgId(), year, activity.getEngagementType());
                EngagementMetrics sum = engagementMetrics.computeIfAbsent(key, k -> new EngagementMetrics(k.getOrgId(), year, k.getEngagementType(), 0L, 0L));
                sum.setActivities(sum.getActivities() + 1);
                sum.setPeopleReached(sum.getPeopleReached() + (activity.getPeopleReached() == null ? 0 : activity.getPeopleReached()));
            }
        }
        List<RollupMetrics> published = PeriodEndRollups.rollups(period, organizations, orgMonths.values(), orgYears.values(),
                previousOrgYears.values());
        return new ReportSnapshot(year, offsets, new TreeMap<>(organizations),
                sorted(orgMonths.values(), Comparator.comparing((OrgMonthlyMetrics m) -> m.getOrgId().toString())
                        .thenComparingInt(OrgMonthlyMetrics::getMonth)),
                sorted(orgYears.values(), Comparator.comparing(m -> m.getOrgId().toString())),
                sorted(published, ROLLUP_ORDER),
                sorted(PeriodEndRollups.pledgeCounts(period, organizations.values()), PLEDGE_ORDER),
                sorted(engagementMetrics.values(), Comparator.comparing((EngagementMetrics m) -> m.getOrgId().toString())
                        .thenComparing(m -> m.getEngagementType().ordinal())),
                sorted(dataQuality.values(), Comparator.comparing((DataQualityMetrics m) -> m.getSourceTopic().toString())
                        .thenComparingInt(DataQualityMetrics::getMonth)),
                sorted(engagementActivities, Comparator.comparing(EngagementActivity::getOccurredOn)
                        .thenComparing(a -> a.getOrgId().toString())
                        .thenComparing(a -> a.getEventId().toString())),
                sorted(rollups.values().stream().filter(r -> r.getYear() == year).toList(), ROLLUP_ORDER),
                sorted(previousOrgYears.values(), Comparator.comparing(m -> m.getOrgId().toString())),
                sorted(previousOrgMonths.values(), Comparator.comparing((OrgMonthlyMetrics m) -> m.getOrgId().toString())
                        .thenComparingInt(OrgMonthlyMetrics::getMonth)),
                period,
                sorted(storyMarks.values().stream().filter(FeaturedStory::getFeatured).toList(),
                        Comparator.comparing((FeaturedStory m) -> m.getOrgId().toString()).thenComparing(m -> m.getEventId().toString())));
    }

    /**
     * Each organization's figures over the given months, as a year row: activity summed (the months
     * add up to it), patients with access from the month whose snapshot is the latest — a gauge, never
     * summed — and the months with activity and with a snapshot counted.
     */
    static List<OrgYearlyMetrics> yearToDate(java.util.Collection<OrgMonthlyMetrics> months, int inYear) {
        Map<String, OrgYearlyMetrics> sums = new TreeMap<>();
        List<OrgMonthlyMetrics> ordered = sorted(months, Comparator.comparingInt(OrgMonthlyMetrics::getMonth));
        for (OrgMonthlyMetrics month : ordered) {
            OrgYearlyMetrics sum = sums.computeIfAbsent(month.getOrgId(), id -> new OrgYearlyMetrics(id, inYear,
                    new org.bluebutton.analytics.schemas.aggregate.ActivityCounts(0L, 0L, 0L, 0L, 0L), null, 0, 0));
            var activity = month.getActivity();
            var total = sum.getActivity();
            sum.setActivity(new org.bluebutton.analytics.schemas.aggregate.ActivityCounts(total.getViews() + activity.getViews(),
                    total.getDownloads() + activity.getDownloads(), total.getTransmits() + activity.getTransmits(),
                    total.getApiAccesses() + activity.getApiAccesses(), total.getEvents() + activity.getEvents()));
            if (activity.getEvents() > 0) {
                sum.setMonthsWithActivity(sum.getMonthsWithActivity() + 1);
            }
            if (month.getAccess() != null) {
                sum.setMonthsWithSnapshot(sum.getMonthsWithSnapshot() + 1);
                if (sum.getAccess() == null || !month.getAccess().getAsOf().isBefore(sum.getAccess().getAsOf())) {
                    sum.setAccess(month.getAccess());
                }
            }
        }
        return List.copyOf(sums.values());
    }

    private static <K, V> void latest(Map<K, V> table, K key, V value, Predicate<K> kept) {
        Objects.requireNonNull(key, "key");
        if (!kept.test(key)) {
            return;
        }
        if (value == null) {
            table.remove(key);
        } else {
            table.put(key, value);
        }
    }

    private static <T> List<T> sorted(java.util.Collection<T> values, Comparator<T> order) {
        List<T> list = new ArrayList<>(values);
        list.sort(order);
        return list;
    }
}
