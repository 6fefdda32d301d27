package org.bluebutton.analytics.reporting.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bluebutton.analytics.schemas.aggregate.AccessFigures;
import org.bluebutton.analytics.schemas.aggregate.ActivityCounts;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.PeriodGranularity;
import org.bluebutton.analytics.schemas.aggregate.PledgeCounts;
import org.bluebutton.analytics.schemas.aggregate.RollupDimension;
import org.bluebutton.analytics.schemas.aggregate.RollupMetrics;
import org.bluebutton.analytics.schemas.event.OrganizationType;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.Withdrawals;

/**
 * The report's own group figures (program, category, state) and pledge counts, so that a published
 * year does not move when an organization withdraws later.
 *
 * <p>The streams application's live roll-ups count an organization only while its current pledge is
 * active: a withdrawal in 2026 takes the organization out of 2025 as well, and a report re-run then
 * no longer reproduces what was published. Here an organization counts in a period when it had
 * pledged by the period's end and had not withdrawn by then ({@link Withdrawals#withdrawnAt}: the
 * withdrawal time, which later corrections of the profile keep). Which group it counts in comes from
 * its current profile's type, category and state: staff change those only to correct a wrong record,
 * and a correction is meant for every year. The figures summed are the organizations' own (month and
 * year aggregates of streams, which no withdrawal removes), so the groups, the program, the data
 * holders and the headline all add up to each other by construction.
 */
public final class PeriodEndRollups {

    private PeriodEndRollups() {
    }

    /** Whether {@code profile} counts in a period ending (exclusive) at {@code end}. */
    public static boolean countsAt(Pledge profile, Instant end) {
        return Withdrawals.countsAt(profile, end);
    }

    /** The first instant after {@code year}. */
    public static Instant endOfYear(int year) {
        return LocalDate.of(year + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** The first instant after {@code month} of {@code year}. */
    public static Instant endOfMonth(int year, int month) {
        return LocalDate.of(year, month, 1).plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /**
     * Program, category and state figures: YEAR rows of {@code year} and {@code year - 1}, MONTH rows
     * of {@code year}, from the organizations that count at each year's end.
     */
    public static List<RollupMetrics> rollups(int year, Map<String, Pledge> profiles, Collection<OrgMonthlyMetrics> months,
            Collection<OrgYearlyMetrics> years, Collection<OrgYearlyMetrics> previousYears) {
        return rollups(ReportPeriod.wholeYear(year), profiles, months, years, previousYears);
    }

    /**
     * As {@link #rollups(int, Map, Collection, Collection, Collection)} for a period: the YEAR rows hold
     * the period's figures (the year to date for a period ending before December; {@code years} and
     * {@code previousYears} are then the organizations' figures of those months), membership decided
     * at the period's end in each year.
     */
    public static List<RollupMetrics> rollups(ReportPeriod period, Map<String, Pledge> profiles, Collection<OrgMonthlyMetrics> months,
            Collection<OrgYearlyMetrics> years, Collection<OrgYearlyMetrics> previousYears) {
        int year = period.year();
        Map<String, Sum> sums = new TreeMap<>();
        for (OrgYearlyMetrics metrics : previousYears) {
            add(sums, profiles, period.end(year - 1), metrics.getOrgId(), year - 1, null, metrics.getActivity(), metrics.getAccess());
        }
        for (OrgYearlyMetrics metrics : years) {
            add(sums, profiles, period.end(year), metrics.getOrgId(), year, null, metrics.getActivity(), metrics.getAccess());
        }
        for (OrgMonthlyMetrics metrics : months) {
            // The period's membership for its months too, so that the months add up to the period.
            add(sums, profiles, period.end(year), metrics.getOrgId(), year, metrics.getMonth(), metrics.getActivity(), metrics.getAccess());
        }
        List<RollupMetrics> rollups = new ArrayList<>();
        for (Sum sum : sums.values()) {
            rollups.add(sum.toRollup());
        }
        return rollups;
    }

    /**
     * Pledge counts per organization type: the YEAR rows of {@code year} and {@code year - 1} and a
     * MONTH row for every month of {@code year}; new pledges by pledge time, withdrawals by withdrawal
     * time, active at the end by {@link #countsAt}.
     */
    public static List<PledgeCounts> pledgeCounts(int year, Collection<Pledge> profiles) {
        return pledgeCounts(ReportPeriod.wholeYear(year), profiles);
    }

    /** As {@link #pledgeCounts(int, Collection)} for a period: YEAR rows cover the period in each year, MONTH rows its months. */
    public static List<PledgeCounts> pledgeCounts(ReportPeriod period, Collection<Pledge> profiles) {
        int year = period.year();
        List<PledgeCounts> counts = new ArrayList<>();
        for (OrganizationType type : List.of(OrganizationType.DATA_HOLDER, OrganizationType.NON_DATA_HOLDER)) {
            for (int y : List.of(year - 1, year)) {
                counts.add(count(profiles, type, PeriodGranularity.YEAR, y, null, endOfYear(y - 1), period.end(y)));
            }
            for (int month = 1; month <= period.lastMonth(); month++) {
                Instant start = month == 1 ? endOfYear(year - 1) : endOfMonth(year, month - 1);
                counts.add(count(profiles, type, PeriodGranularity.MONTH, year, month, start, endOfMonth(year, month)));
            }
        }
        return counts;
    }

    private static PledgeCounts count(Collection<Pledge> profiles, OrganizationType type, PeriodGranularity granularity, int year,
            Integer month, Instant start, Instant end) {
        int fresh = 0;
        int withdrawals = 0;
        int active = 0;
        for (Pledge profile : profiles) {
            if (profile.getOrganizationType() != type) {
                continue;
            }
            if (!profile.getPledgedAt().isBefore(start) && profile.getPledgedAt().isBefore(end)) {
                fresh++;
            }
            Instant withdrawnAt = Withdrawals.withdrawnAt(profile);
            if (withdrawnAt != null && !withdrawnAt.isBefore(start) && withdrawnAt.isBefore(end)) {
                withdrawals++;
            }
            if (countsAt(profile, end)) {
                active++;
            }
        }
        return new PledgeCounts(granularity, year, month, type, fresh, withdrawals, active);
    }

    private static void add(Map<String, Sum> sums, Map<String, Pledge> profiles, Instant end, String orgId, int year, Integer month,
            ActivityCounts activity, AccessFigures access) {
        Pledge profile = profiles.get(orgId);
        if (profile == null || !countsAt(profile, end)) {
            return; // no profile (deleted) or not pledged at the period's end: in no group
        }
        PeriodGranularity granularity = month == null ? PeriodGranularity.YEAR : PeriodGranularity.MONTH;
        for (RollupDimension dimension : List.of(RollupDimension.PROGRAM, RollupDimension.CATEGORY, RollupDimension.STATE)) {
            String value = switch (dimension) {
                case CATEGORY -> profile.getCategory().name();
                case STATE -> profile.getState();
                default -> "ALL";
            };
            String key = dimension.ordinal() + "|" + value + "|" + granularity.ordinal() + "|" + year + "|" + String.format("%02d", month == null ? 0 : month);
            sums.computeIfAbsent(key, k -> new Sum(dimension, value, granularity, year, month)).add(activity, access);
        }
    }

    /** One group's figures being summed. */
    private static final class Sum {
        private final RollupDimension dimension;
        private final String value;
        private final PeriodGranularity granularity;
        private final int year;
        private final Integer month;
        private long views;
        private long downloads;
        private long transmits;
        private long apiAccesses;
        private long events;
        private long patients;
        private int reporting;
        private int withAccess;

        Sum(RollupDimension dimension, String value, PeriodGranularity granularity, int year, Integer month) {
            this.dimension = dimension;
            this.value = value;
            this.granularity = granularity;
            this.year = year;
            this.month = month;
        }

        void add(ActivityCounts activity, AccessFigures access) {
            views += activity.getViews();
            downloads += activity.getDownloads();
            transmits += activity.getTransmits();
            apiAccesses += activity.getApiAccesses();
            events += activity.getEvents();
            reporting++;
            if (access != null) {
                patients += access.getPatientsWithAccess();
                withAccess++;
            }
        }

        RollupMetrics toRollup() {
            return new RollupMetrics(dimension, value, granularity, year, month, new ActivityCounts(views, downloads, transmits, apiAccesses, events),
                    patients, reporting, withAccess);
        }
    }
}
