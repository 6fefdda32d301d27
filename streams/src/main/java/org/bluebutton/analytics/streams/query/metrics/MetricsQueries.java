package org.bluebutton.analytics.streams.query.metrics;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.contracts.UnknownOrganizationException;
import org.bluebutton.analytics.schemas.aggregate.DataQualityMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthKey;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgYearKey;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.PeriodGranularity;
import org.bluebutton.analytics.schemas.aggregate.PledgeCounts;
import org.bluebutton.analytics.schemas.aggregate.PledgeLedger;
import org.bluebutton.analytics.schemas.aggregate.RollupDimension;
import org.bluebutton.analytics.schemas.aggregate.RollupKey;
import org.bluebutton.analytics.schemas.aggregate.RollupMetrics;
import org.bluebutton.analytics.schemas.event.Commitment;
import org.bluebutton.analytics.schemas.event.OrganizationType;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.PledgeStatus;
import org.bluebutton.analytics.streams.figures.Years;
import org.bluebutton.analytics.streams.organization.PledgeCountsTopology;
import org.bluebutton.analytics.streams.organization.PledgeLedgers;
import org.bluebutton.analytics.streams.quality.OrganizationIncidentsKey;
import org.bluebutton.analytics.streams.query.metrics.Answers.Activity;
import org.bluebutton.analytics.streams.query.metrics.Answers.GroupFigures;
import org.bluebutton.analytics.streams.query.metrics.Answers.PledgeFigures;
import org.bluebutton.analytics.streams.query.store.ClusterStores;
import org.bluebutton.analytics.streams.query.store.Stores;

/** Assembles the staff query answers from the stores of every instance. */
@Singleton
@Requires(env = ServiceEnvironments.QUERY)
public class MetricsQueries {

    private final ClusterStores cluster;
    private final Stores stores;

    public MetricsQueries(ClusterStores cluster, Stores stores) {
        this.cluster = cluster;
        this.stores = stores;
    }

    /**
     * The program in {@code year}, with its twelve months and its pledge counts; the year and each month
     * with its rates and the change from a year earlier.
     */
    public Answers.ProgramSummary programYear(int year) {
        List<YearMonth> months = new ArrayList<>();
        for (int month = 1; month <= 12; month++) {
            months.add(YearMonth.of(year, month));
        }
        List<GroupFigures> monthly = programMonthsSinceAYearEarlier(months);
        GroupFigures figures = programYearFigures(year).since(programYearFigures(year - 1));
        return new Answers.ProgramSummary(Integer.toString(year), Integer.toString(year), figures.activity(), figures.patientsWithAccess(),
                figures.organizationsReporting(), figures.organizationsWithAccessFigures(), pledgesInYear(year), monthly, figures.rates(),
                figures.yearOverYear());
    }

    private GroupFigures programYearFigures(int year) {
        RollupKey yearKey = new RollupKey(RollupDimension.PROGRAM, "ALL", PeriodGranularity.YEAR, year, null);
        RollupMetrics sums = cluster.get(stores.rollup(RollupDimension.PROGRAM, PeriodGranularity.YEAR), yearKey);
        return sums == null || sums.getOrganizationsReporting() == 0 ? GroupFigures.none("ALL", year, null) : GroupFigures.of(sums);
    }

    /** The program over a range of months: the months (each with the change from a year earlier), and the sum of their activity. */
    public Answers.ProgramSummary programMonths(YearMonth from, YearMonth to) {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth month = from; !month.isAfter(to); month = month.plusMonths(1)) {
            months.add(month);
        }
        List<GroupFigures> monthly = programMonthsSinceAYearEarlier(months);
        Activity total = monthly.stream().map(GroupFigures::activity).reduce(Activity.none(), Activity::plus);
        return new Answers.ProgramSummary(from.toString(), to.toString(), total, null, null, null, null, monthly, null, null);
    }

    /** The years with program figures, and the latest: where a dashboard opens. */
    public Answers.ProgramYears programYears() {
        List<Integer> years = cluster.all(stores.rollup(RollupDimension.PROGRAM, PeriodGranularity.YEAR)).stream()
                .map(entry -> entry.value)
                .filter(sums -> sums != null && sums.getOrganizationsReporting() > 0)
                .map(RollupMetrics::getYear)
                .distinct()
                .sorted()
                .toList();
        return new Answers.ProgramYears(years, years.isEmpty() ? null : years.get(years.size() - 1));
    }

    /** {@code months}, each with the change from the same month a year earlier (read in the same request). */
    private List<GroupFigures> programMonthsSinceAYearEarlier(List<YearMonth> months) {
        List<YearMonth> withEarlier = new ArrayList<>(months.stream().map(month -> month.minusYears(1)).toList());
        withEarlier.addAll(months);
        Map<YearMonth, GroupFigures> figures = programMonths(withEarlier.stream().distinct().toList());
        return months.stream().map(month -> figures.get(month).since(figures.get(month.minusYears(1)))).toList();
    }

    private Map<YearMonth, GroupFigures> programMonths(List<YearMonth> months) {
        Map<RollupKey, YearMonth> keys = new LinkedHashMap<>();
        months.forEach(month -> keys.put(new RollupKey(RollupDimension.PROGRAM, "ALL", PeriodGranularity.MONTH, month.getYear(),
                month.getMonthValue()), month));
        Map<RollupKey, RollupMetrics> found = cluster.get(stores.rollup(RollupDimension.PROGRAM, PeriodGranularity.MONTH), keys.keySet());
        Map<YearMonth, GroupFigures> figures = new LinkedHashMap<>();
        keys.forEach((key, month) -> {
            RollupMetrics sums = found.get(key);
            figures.put(month, sums == null || sums.getOrganizationsReporting() == 0
                    ? GroupFigures.none("ALL", month.getYear(), month.getMonthValue()) : GroupFigures.of(sums));
        });
        return figures;
    }

    /**
     * Figures of every category or state with any in the period, sorted by group, each with its rates and
     * the change from the same group's figures a year earlier.
     */
    public Answers.Breakdown breakdown(RollupDimension dimension, int year, Integer month) {
        PeriodGranularity granularity = month == null ? PeriodGranularity.YEAR : PeriodGranularity.MONTH;
        Map<String, GroupFigures> current = new TreeMap<>();
        Map<String, GroupFigures> earlier = new HashMap<>();
        for (KeyValue<RollupKey, RollupMetrics> entry : cluster.all(stores.rollup(dimension, granularity))) {
            RollupMetrics sums = entry.value;
            if (sums == null || sums.getOrganizationsReporting() == 0 || (month != null && !month.equals(sums.getMonth()))) {
                continue;
            }
            if (sums.getYear() == year) {
                current.put(sums.getDimensionValue(), GroupFigures.of(sums));
            } else if (sums.getYear() == year - 1) {
                earlier.put(sums.getDimensionValue(), GroupFigures.of(sums));
            }
        }
        List<GroupFigures> groups = current.values().stream()
                .map(figures -> figures.since(earlier.getOrDefault(figures.group(), GroupFigures.none(figures.group(), year - 1, month))))
                .toList();
        return new Answers.Breakdown(dimension.name(), year, month, groups);
    }

    /**
     * One organization's profile and figures for the years {@code from} to {@code to} that have any; each
     * year and month with its rates and the change from a year earlier (the year before {@code from} is
     * read for that).
     */
    public Answers.OrganizationMetrics organization(String orgId, int from, int to) {
        Pledge pledge = cluster.get(stores.organizations, orgId);
        if (pledge == null) {
            throw new UnknownOrganizationException(orgId);
        }
        // An organization's months sort together in its partition: one range read on the owner. Its years
        // are made from those months by the rule the flush uses, so one answer never shows a year that
        // lags its months (months move as events are processed, stored years at each flush).
        Map<Integer, List<OrgMonthlyMetrics>> monthsByYear = new TreeMap<>();
        for (KeyValue<OrgMonthKey, OrgMonthlyMetrics> month : cluster.organizationRange(stores.orgMonths, orgId,
                new OrgMonthKey(orgId, from - 1, 1), new OrgMonthKey(orgId, to, 12))) {
            if (month.value != null) {
                monthsByYear.computeIfAbsent(month.key.getYear(), y -> new ArrayList<>()).add(month.value);
            }
        }
        List<Answers.OrganizationYear> answer = new ArrayList<>();
        monthsByYear.forEach((yearNumber, ofYear) -> {
            if (yearNumber < from) {
                return; // read for the change only
            }
            OrgYearlyMetrics year = Years.of(orgId, yearNumber, ofYear);
            List<OrgMonthlyMetrics> ofEarlierYear = monthsByYear.getOrDefault(yearNumber - 1, List.of());
            Map<Integer, OrgMonthlyMetrics> earlierMonths = new HashMap<>();
            ofEarlierYear.forEach(month -> earlierMonths.put(month.getMonth(), month));
            List<Answers.OrganizationMonth> months = ofYear.stream()
                    .sorted(Comparator.comparingInt(OrgMonthlyMetrics::getMonth))
                    .map(month -> organizationMonth(yearNumber, month, earlierMonths.get(month.getMonth())))
                    .toList();
            Activity activity = Activity.of(year.getActivity());
            Answers.Access access = Answers.Access.of(year.getAccess());
            Activity earlierActivity = Activity.none();
            Long earlierPatients = null;
            if (!ofEarlierYear.isEmpty()) {
                OrgYearlyMetrics earlier = Years.of(orgId, yearNumber - 1, ofEarlierYear);
                earlierActivity = Activity.of(earlier.getActivity());
                earlierPatients = earlier.getAccess() == null ? null : earlier.getAccess().getPatientsWithAccess();
            }
            answer.add(new Answers.OrganizationYear(yearNumber, activity, access, year.getMonthsWithActivity(), year.getMonthsWithSnapshot(), months,
                    Answers.Rates.of(activity, patients(access)),
                    Answers.YearOverYear.between(yearNumber - 1, null, earlierActivity, earlierPatients, activity, patients(access))));
        });
        return new Answers.OrganizationMetrics(Answers.Organization.of(pledge), answer);
    }

    private static Answers.OrganizationMonth organizationMonth(int year, OrgMonthlyMetrics month, OrgMonthlyMetrics aYearEarlier) {
        Activity activity = Activity.of(month.getActivity());
        Answers.Access access = Answers.Access.of(month.getAccess());
        Activity earlierActivity = aYearEarlier == null ? Activity.none() : Activity.of(aYearEarlier.getActivity());
        Long earlierPatients = aYearEarlier == null ? null : patients(Answers.Access.of(aYearEarlier.getAccess()));
        return new Answers.OrganizationMonth(month.getMonth(), activity, access, Answers.Rates.of(activity, patients(access)),
                Answers.YearOverYear.between(year - 1, month.getMonth(), earlierActivity, earlierPatients, activity, patients(access)));
    }

    private static Long patients(Answers.Access access) {
        return access == null ? null : access.patientsWithAccess();
    }

    /** An organization's current profile; {@link UnknownOrganizationException} when there is none. */
    public Pledge profile(String orgId) {
        Pledge pledge = cluster.get(stores.organizations, orgId);
        if (pledge == null) {
            throw new UnknownOrganizationException(orgId);
        }
        return pledge;
    }

    /** Organizations matching every given filter (null: any), sorted by id, one page. */
    public Answers.Page<Answers.Organization> organizations(Predicate<Pledge> filter, int page, int size) {
        List<Answers.Organization> matching = cluster.all(stores.organizations).stream()
                .map(entry -> entry.value)
                .filter(pledge -> pledge != null && filter.test(pledge))
                .sorted(Comparator.comparing(Pledge::getOrgId))
                .map(Answers.Organization::of)
                .toList();
        int start = Math.min(matching.size(), page * size);
        return new Answers.Page<>(matching.subList(start, Math.min(matching.size(), start + size)), page, size, matching.size());
    }

    /**
     * How many active (not withdrawn) organizations offer each commitment, per organization type, sorted by
     * type and then by how many offer it (commitments nobody took are not listed).
     */
    public Answers.Commitments commitments() {
        Map<OrganizationType, Map<Commitment, Integer>> counts = new TreeMap<>();
        Map<OrganizationType, Integer> active = new HashMap<>();
        for (KeyValue<String, Pledge> entry : cluster.all(stores.organizations)) {
            Pledge pledge = entry.value;
            if (pledge == null || pledge.getStatus() == PledgeStatus.WITHDRAWN) {
                continue;
            }
            active.merge(pledge.getOrganizationType(), 1, Integer::sum);
            Map<Commitment, Integer> ofType = counts.computeIfAbsent(pledge.getOrganizationType(), type -> new TreeMap<>());
            new HashSet<>(pledge.getCommitments()).forEach(commitment -> ofType.merge(commitment, 1, Integer::sum));
        }
        List<Answers.CommitmentCount> rows = new ArrayList<>();
        counts.forEach((type, ofType) -> ofType.entrySet().stream()
                .sorted(Map.Entry.<Commitment, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(count -> rows.add(new Answers.CommitmentCount(type.name(), count.getKey().name(), count.getValue()))));
        return new Answers.Commitments(active.getOrDefault(OrganizationType.DATA_HOLDER, 0), active.getOrDefault(OrganizationType.NON_DATA_HOLDER, 0),
                rows);
    }

    /** Pledge counts per period in the years {@code from} to {@code to}. */
    public List<PledgeFigures> pledgeCounts(PeriodGranularity granularity, int from, int to) {
        return PledgeLedgers.counts(ledger()).stream()
                .filter(counts -> counts.getGranularity() == granularity && counts.getYear() >= from && counts.getYear() <= to)
                .map(PledgeFigures::of)
                .toList();
    }

    /**
     * The year's pledge counts per type. A year after the last pledge or withdrawal carries the
     * active count forward; a year before the first pledge has none.
     */
    private List<PledgeFigures> pledgesInYear(int year) {
        List<PledgeCounts> years = PledgeLedgers.counts(ledger()).stream().filter(c -> c.getGranularity() == PeriodGranularity.YEAR).toList();
        List<PledgeFigures> figures = new ArrayList<>();
        for (OrganizationType type : List.of(OrganizationType.DATA_HOLDER, OrganizationType.NON_DATA_HOLDER)) {
            PledgeCounts latest = years.stream().filter(c -> c.getOrganizationType() == type && c.getYear() <= year)
                    .max(Comparator.comparing(PledgeCounts::getYear)).orElse(null);
            int active = latest == null ? 0 : latest.getActiveAtEnd();
            figures.add(latest != null && latest.getYear() == year ? PledgeFigures.of(latest)
                    : new PledgeFigures(PeriodGranularity.YEAR.name(), year, null, type.name(), 0, 0, active));
        }
        return figures;
    }

    private PledgeLedger ledger() {
        PledgeLedger ledger = cluster.get(stores.pledgeLedger, PledgeCountsTopology.PROGRAM);
        return ledger == null ? PledgeLedgers.empty() : ledger;
    }

    /** What was set aside in {@code year}, and the active data holders that sent nothing for it. */
    public Answers.DataQuality dataQuality(int year) {
        List<DataQualityMetrics> months = cluster.all(stores.dataQuality).stream().map(entry -> entry.value)
                .filter(metrics -> metrics != null && metrics.getYear() == year)
                .sorted(Comparator.comparing(DataQualityMetrics::getSourceTopic).thenComparing(DataQualityMetrics::getMonth))
                .toList();
        Set<String> reporting = new HashSet<>();
        for (KeyValue<OrgYearKey, OrgYearlyMetrics> entry : cluster.all(stores.orgYears)) {
            if (entry.key.getYear() == year && entry.value != null) {
                reporting.add(entry.key.getOrgId());
            }
        }
        Instant endOfYear = YearMonth.of(year, 12).plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Answers.OrganizationRef> silent = cluster.all(stores.organizations).stream().map(entry -> entry.value)
                .filter(pledge -> pledge != null && pledge.getOrganizationType() == OrganizationType.DATA_HOLDER
                        && pledge.getStatus() != PledgeStatus.WITHDRAWN && pledge.getPledgedAt().isBefore(endOfYear)
                        && !reporting.contains(pledge.getOrgId()))
                .sorted(Comparator.comparing(Pledge::getOrgId))
                .map(pledge -> new Answers.OrganizationRef(pledge.getOrgId(), pledge.getName(), pledge.getCategory().name(), pledge.getState()))
                .toList();
        return new Answers.DataQuality(year, months.stream().map(Answers.QualityFigures::of).toList(), totalsPerTopic(year, months), silent);
    }

    /**
     * What was set aside from one organization's records in a year, per input topic and month, and the
     * year's totals per topic. Late events and duplicates count in the month of their event time, dead
     * letters in the month they were set aside (attributed by the record's key).
     */
    public Answers.OrganizationDataQuality organizationDataQuality(String orgId, int year) {
        profile(orgId);
        // The organization's keys sort by year and month: one range read on the owner. Month 0 never
        // exists, so (year, 0) to (year + 1, 0) spans exactly the year.
        List<DataQualityMetrics> months = cluster.organizationRange(stores.organizationDataQuality, orgId,
                new OrganizationIncidentsKey(orgId, year, 0, ""), new OrganizationIncidentsKey(orgId, year + 1, 0, "")).stream()
                .map(entry -> entry.value)
                .filter(Objects::nonNull)
                .sorted(Comparator.comparing(DataQualityMetrics::getSourceTopic).thenComparing(DataQualityMetrics::getMonth))
                .toList();
        return new Answers.OrganizationDataQuality(orgId, year, months.stream().map(Answers.QualityFigures::of).toList(),
                totalsPerTopic(year, months));
    }

    private static List<Answers.QualityFigures> totalsPerTopic(int year, List<DataQualityMetrics> months) {
        Map<String, DataQualityMetrics> totals = new TreeMap<>();
        for (DataQualityMetrics month : months) {
            totals.merge(month.getSourceTopic(), month, (a, b) -> new DataQualityMetrics(a.getSourceTopic(), year, 0,
                    a.getLateEvents() + b.getLateEvents(), a.getLateCount() + b.getLateCount(),
                    a.getDuplicateEvents() + b.getDuplicateEvents(), a.getDeadLetters() + b.getDeadLetters()));
        }
        return totals.values().stream().map(total -> new Answers.QualityFigures(total.getSourceTopic(), null, total.getLateEvents(),
                total.getLateCount(), total.getDuplicateEvents(), total.getDeadLetters())).toList();
    }
}
