package org.bluebutton.analytics.reporting.model;

import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.bluebutton.analytics.reporting.snapshot.SnapshotOffsets;
import org.bluebutton.analytics.schemas.aggregate.DataQualityMetrics;
import org.bluebutton.analytics.schemas.aggregate.EngagementMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.PeriodGranularity;
import org.bluebutton.analytics.schemas.aggregate.PledgeCounts;
import org.bluebutton.analytics.schemas.aggregate.RollupDimension;
import org.bluebutton.analytics.schemas.aggregate.RollupMetrics;
import org.bluebutton.analytics.schemas.event.EngagementActivity;
import org.bluebutton.analytics.schemas.event.FeaturedStory;
import org.bluebutton.analytics.schemas.event.OrganizationType;
import org.bluebutton.analytics.schemas.event.Pledge;

/**
 * The current state of every source table at the snapshot offsets, narrowed to what a report for
 * {@link #year()} uses: the latest value per key, deleted keys (tombstones) gone, rows of other
 * years dropped (except the previous year's program figures, for year-over-year change). Every list
 * is in a fixed order, so the output built from it is deterministic.
 *
 * @param year the report year
 * @param offsets where the snapshot was taken
 * @param organizations current profile per organization id (all years), by id
 * @param orgMonths organization × month rows of the year, by organization then month
 * @param orgYears organization × year rows of the year, by organization
 * @param rollups program / category / state rows of the year and the year before, in key order, computed by the
 *     report with the organizations that count at the period's end ({@link PeriodEndRollups})
 * @param pledgeCounts pledge counts of the year (months and year) and the year before, computed the same way
 * @param engagementMetrics engagement per organization and type in the year, in key order
 * @param dataQuality data-quality figures of the year, by source topic then month
 * @param engagementActivities distinct (by organization and eventId) engagement activities dated in the year, by date,
 *     organization and event id
 * @param liveRollups the streams application's roll-ups of the year as they stand now (current profiles: an
 *     organization withdrawn since is not in them), in key order — only to tell readers how many published
 *     figures differ from the live ones
 * @param previousOrgYears organization × year rows of the year before, by organization (growth of featured data holders)
 * @param previousOrgMonths organization × month rows of the year before (the period's months), by organization then
 *     month: the previous year's figures are suppressed by the same computation as that year's own report
 * @param period the whole year, or the year to date the report covers; for a year to date the
 *     organization "year" rows, the group figures and the previous year's rows cover those months only
 * @param featuredStories the stories staff marked as featured (marks taken back left out), by organization and event id;
 *     marks on stories the period does not have are ignored by the report
 */
public record ReportSnapshot(
        int year,
        SnapshotOffsets offsets,
        SortedMap<String, Pledge> organizations,
        List<OrgMonthlyMetrics> orgMonths,
        List<OrgYearlyMetrics> orgYears,
        List<RollupMetrics> rollups,
        List<PledgeCounts> pledgeCounts,
        List<EngagementMetrics> engagementMetrics,
        List<DataQualityMetrics> dataQuality,
        List<EngagementActivity> engagementActivities,
        List<RollupMetrics> liveRollups,
        List<OrgYearlyMetrics> previousOrgYears,
        List<OrgMonthlyMetrics> previousOrgMonths,
        ReportPeriod period,
        List<FeaturedStory> featuredStories) {

    public ReportSnapshot {
        organizations = Collections.unmodifiableSortedMap(new TreeMap<>(organizations));
        orgMonths = List.copyOf(orgMonths);
        orgYears = List.copyOf(orgYears);
        rollups = List.copyOf(rollups);
        pledgeCounts = List.copyOf(pledgeCounts);
        engagementMetrics = List.copyOf(engagementMetrics);
        dataQuality = List.copyOf(dataQuality);
        engagementActivities = List.copyOf(engagementActivities);
        liveRollups = List.copyOf(liveRollups);
        previousOrgYears = List.copyOf(previousOrgYears);
        previousOrgMonths = List.copyOf(previousOrgMonths);
        featuredStories = List.copyOf(featuredStories);
    }

    /** A snapshot without staff's story marks. */
    public ReportSnapshot(int year, SnapshotOffsets offsets, SortedMap<String, Pledge> organizations, List<OrgMonthlyMetrics> orgMonths,
            List<OrgYearlyMetrics> orgYears, List<RollupMetrics> rollups, List<PledgeCounts> pledgeCounts,
            List<EngagementMetrics> engagementMetrics, List<DataQualityMetrics> dataQuality, List<EngagementActivity> engagementActivities,
            List<RollupMetrics> liveRollups, List<OrgYearlyMetrics> previousOrgYears, List<OrgMonthlyMetrics> previousOrgMonths,
            ReportPeriod period) {
        this(year, offsets, organizations, orgMonths, orgYears, rollups, pledgeCounts, engagementMetrics, dataQuality, engagementActivities,
                liveRollups, previousOrgYears, previousOrgMonths, period, List.of());
    }

    /** The current profile of an organization, if it has one (a deleted profile has none). */
    public Optional<Pledge> organization(String orgId) {
        return Optional.ofNullable(organizations.get(orgId));
    }

    /** Roll-up rows of one dimension and granularity in {@code forYear}, in key order. */
    public List<RollupMetrics> rollups(RollupDimension dimension, PeriodGranularity granularity, int forYear) {
        return rollups.stream()
                .filter(r -> r.getDimension() == dimension && r.getGranularity() == granularity && r.getYear() == forYear)
                .toList();
    }

    /** The program-wide figures of a whole year, if the streams application published them. */
    public Optional<RollupMetrics> programYear(int forYear) {
        return rollups(RollupDimension.PROGRAM, PeriodGranularity.YEAR, forYear).stream().findFirst();
    }

    /** Pledge counts of one organization type for a whole year. */
    public Optional<PledgeCounts> pledgeYear(int forYear, OrganizationType type) {
        return pledgeCounts.stream()
                .filter(p -> p.getGranularity() == PeriodGranularity.YEAR && p.getYear() == forYear && p.getOrganizationType() == type)
                .findFirst();
    }

    /** Monthly pledge counts of one organization type in the report year, by month. */
    public List<PledgeCounts> pledgeMonths(OrganizationType type) {
        return pledgeCounts.stream()
                .filter(p -> p.getGranularity() == PeriodGranularity.MONTH && p.getYear() == year && p.getOrganizationType() == type)
                .toList();
    }
}
