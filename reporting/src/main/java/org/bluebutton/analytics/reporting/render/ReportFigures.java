package org.bluebutton.analytics.reporting.render;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bluebutton.analytics.disclosure.Cell;
import org.bluebutton.analytics.disclosure.CellSuppressor;
import org.bluebutton.analytics.disclosure.PublicTables;
import org.bluebutton.analytics.reporting.model.PeriodEndRollups;
import org.bluebutton.analytics.reporting.model.ReportSnapshot;
import org.bluebutton.analytics.schemas.aggregate.ActivityCounts;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.PeriodGranularity;
import org.bluebutton.analytics.schemas.aggregate.RollupDimension;
import org.bluebutton.analytics.schemas.aggregate.RollupMetrics;
import org.bluebutton.analytics.schemas.event.OrganizationType;
import org.bluebutton.analytics.schemas.event.Pledge;

/**
 * The patient-derived figures of the published report, after suppression. For each {@link Measure}
 * one {@link PublicTables} computation (the same the Blue Button Hub makes for its organization
 * figures) links every figure that adds up to another: categories and states to the program total,
 * data holders to their category and to their state, and (for activity) the months to the year. So no
 * table, chart or headline number lets a reader work out a withheld cell, alone or combined with
 * another table of the report or the Hub.
 *
 * <p>The data-holder table lists the data holders that had pledged by the year's end and not withdrawn
 * by then, and that sent stats for the year (an organization-year row: activity or an access
 * snapshot), whatever their size — the same organizations the category and state figures count
 * ({@link PeriodEndRollups}).
 *
 * @param programYear the program's figures for the year
 * @param previousYear the program's figures for the year before, suppressed as that year's own report
 *     suppressed them (the same computation over that year's organizations and months)
 * @param programMonths the program's figures per month, months 1..12 (a month without figures is 0)
 * @param categories one row per organization category with figures, in name order
 * @param states one row per state with figures, in code order
 * @param dataHolders one row per reporting data holder, by name
 * @param previousCategories the year before's figures per category, as that year's report published them
 * @param previousStates the year before's figures per state, as that year's report published them
 * @param previousDataHolders the year before's figures per data holder id, as that year's report published them
 */
public record ReportFigures(
        Map<Measure, Cell> programYear,
        Map<Measure, Cell> previousYear,
        Map<Measure, List<Cell>> programMonths,
        List<GroupRow> categories,
        List<GroupRow> states,
        List<DataHolderRow> dataHolders,
        Map<String, Map<Measure, Cell>> previousCategories,
        Map<String, Map<Measure, Cell>> previousStates,
        Map<String, Map<Measure, Cell>> previousDataHolders) {

    /** A category or state with the organizations it counts and its figures. */
    public record GroupRow(String group, int organizationsReporting, Map<Measure, Cell> cells) {
    }

    /** One reporting data holder. */
    public record DataHolderRow(String orgId, String name, String category, String state, boolean accessReported,
            Map<Measure, Cell> cells) {
    }

    /** Computes and suppresses every published figure of {@code snapshot}'s year. */
    public static ReportFigures of(ReportSnapshot snapshot) {
        int year = snapshot.year();
        List<RollupMetrics> categoryRows = snapshot.rollups(RollupDimension.CATEGORY, PeriodGranularity.YEAR, year);
        List<RollupMetrics> stateRows = snapshot.rollups(RollupDimension.STATE, PeriodGranularity.YEAR, year);
        List<Reporting> reporting = reportingDataHolders(snapshot);
        Map<String, List<OrgMonthlyMetrics>> monthsByOrg = byOrganization(snapshot.orgMonths());
        Map<String, List<OrgMonthlyMetrics>> previousMonthsByOrg = byOrganization(snapshot.previousOrgMonths());
        Map<String, Map<Measure, Cell>> previousCategories = new TreeMap<>();
        Map<String, Map<Measure, Cell>> previousStates = new TreeMap<>();
        Map<String, Map<Measure, Cell>> previousDataHolders = new TreeMap<>();
        Instant end = snapshot.period().end(year);

        Map<Measure, Cell> programYear = new EnumMap<>(Measure.class);
        Map<Measure, Cell> previousYear = new EnumMap<>(Measure.class);
        Map<Measure, List<Cell>> programMonths = new EnumMap<>(Measure.class);
        List<Map<Measure, Cell>> categoryCells = cellMaps(categoryRows.size());
        List<Map<Measure, Cell>> stateCells = cellMaps(stateRows.size());
        List<Map<Measure, Cell>> holderCells = cellMaps(reporting.size());

        for (Measure measure : Measure.values()) {
            // The one computation the Hub makes too (PublicTables): same organizations, same sums, same pattern.
            PublicTables tables = tables(snapshot, measure, snapshot.orgYears(), monthsByOrg, end);
            // The year before as its own report suppressed it, so that a comparison never shows what that report withheld.
            PublicTables before = tables(snapshot, measure, snapshot.previousOrgYears(), previousMonthsByOrg, snapshot.period().end(year - 1));
            programYear.put(measure, tables.program());
            previousYear.put(measure, before.program());
            before.categories().forEach((group, cell) -> previousCategories.computeIfAbsent(group, k -> new EnumMap<>(Measure.class)).put(measure, cell));
            before.states().forEach((group, cell) -> previousStates.computeIfAbsent(group, k -> new EnumMap<>(Measure.class)).put(measure, cell));
            before.rows().forEach((orgId, cell) -> previousDataHolders.computeIfAbsent(orgId, k -> new EnumMap<>(Measure.class)).put(measure, cell));
            programMonths.put(measure, tables.months());
            for (int i = 0; i < categoryRows.size(); i++) {
                categoryCells.get(i).put(measure, tables.categories().get(categoryRows.get(i).getDimensionValue()));
            }
            for (int i = 0; i < stateRows.size(); i++) {
                stateCells.get(i).put(measure, tables.states().get(stateRows.get(i).getDimensionValue()));
            }
            for (int i = 0; i < reporting.size(); i++) {
                holderCells.get(i).put(measure, tables.row(reporting.get(i).profile().getOrgId().toString()));
            }
        }

        List<GroupRow> categories = new ArrayList<>();
        for (int i = 0; i < categoryRows.size(); i++) {
            categories.add(new GroupRow(categoryRows.get(i).getDimensionValue(), categoryRows.get(i).getOrganizationsReporting(), categoryCells.get(i)));
        }
        List<GroupRow> states = new ArrayList<>();
        for (int i = 0; i < stateRows.size(); i++) {
            states.add(new GroupRow(stateRows.get(i).getDimensionValue(), stateRows.get(i).getOrganizationsReporting(), stateCells.get(i)));
        }
        List<DataHolderRow> dataHolders = new ArrayList<>();
        for (int i = 0; i < reporting.size(); i++) {
            Reporting holder = reporting.get(i);
            dataHolders.add(new DataHolderRow(holder.profile().getOrgId(), holder.profile().getName(), holder.profile().getCategory().name(),
                    holder.profile().getState(), holder.metrics().getAccess() != null, holderCells.get(i)));
        }
        return new ReportFigures(programYear, previousYear, programMonths, categories, states, dataHolders, previousCategories, previousStates,
                previousDataHolders);
    }

    /** One measure's public tables of a year: every organization counting at {@code end}, data holders with their own row. */
    private static PublicTables tables(ReportSnapshot snapshot, Measure measure, List<OrgYearlyMetrics> years,
            Map<String, List<OrgMonthlyMetrics>> monthsByOrg, Instant end) {
        List<PublicTables.Contribution> contributions = new ArrayList<>();
        for (OrgYearlyMetrics metrics : years) {
            String orgId = metrics.getOrgId().toString();
            Optional<Pledge> profile = snapshot.organization(orgId).filter(p -> PeriodEndRollups.countsAt(p, end));
            if (profile.isEmpty()) {
                continue;
            }
            List<Long> months = new ArrayList<>(Collections.nCopies(PublicTables.MONTHS, 0L));
            for (OrgMonthlyMetrics month : monthsByOrg.getOrDefault(orgId, List.of())) {
                months.set(month.getMonth() - 1, measure.of(month.getActivity(),
                        month.getAccess() == null ? 0 : month.getAccess().getPatientsWithAccess()));
            }
            contributions.add(new PublicTables.Contribution(orgId, profile.get().getCategory().name(), profile.get().getState(),
                    profile.get().getOrganizationType() == OrganizationType.DATA_HOLDER, new Reporting(profile.get(), metrics).value(measure),
                    months));
        }
        return PublicTables.of(contributions, measure.additiveOverTime());
    }

    private static Map<String, List<OrgMonthlyMetrics>> byOrganization(List<OrgMonthlyMetrics> months) {
        Map<String, List<OrgMonthlyMetrics>> byOrg = new LinkedHashMap<>();
        for (OrgMonthlyMetrics month : months) {
            byOrg.computeIfAbsent(month.getOrgId().toString(), k -> new ArrayList<>()).add(month);
        }
        return byOrg;
    }

    private record Reporting(Pledge profile, OrgYearlyMetrics metrics) {
        long value(Measure measure) {
            return measure.of(metrics.getActivity(), metrics.getAccess() == null ? 0 : metrics.getAccess().getPatientsWithAccess());
        }
    }

    private static List<Reporting> reportingDataHolders(ReportSnapshot snapshot) {
        List<Reporting> reporting = new ArrayList<>();
        for (OrgYearlyMetrics metrics : snapshot.orgYears()) {
            snapshot.organization(metrics.getOrgId())
                    .filter(p -> p.getOrganizationType() == OrganizationType.DATA_HOLDER
                            && PeriodEndRollups.countsAt(p, snapshot.period().end(snapshot.year())))
                    .ifPresent(p -> reporting.add(new Reporting(p, metrics)));
        }
        reporting.sort(Comparator.comparing((Reporting r) -> r.profile().getName()).thenComparing(r -> r.profile().getOrgId()));
        return reporting;
    }

    private static long value(RollupMetrics row, Measure measure) {
        ActivityCounts activity = row.getActivity();
        return measure.of(activity, row.getPatientsWithAccess());
    }

    private static List<Map<Measure, Cell>> cellMaps(int size) {
        List<Map<Measure, Cell>> maps = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            maps.add(new EnumMap<>(Measure.class));
        }
        return maps;
    }
}
