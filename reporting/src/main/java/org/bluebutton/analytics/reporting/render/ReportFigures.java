package org.bluebutton.analytics.reporting.render;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bluebutton.analytics.disclosure.Cell;
import org.bluebutton.analytics.disclosure.CellSuppressor;
import org.bluebutton.analytics.reporting.model.PeriodEndRollups;
import org.bluebutton.analytics.reporting.model.ReportSnapshot;
import org.bluebutton.analytics.schemas.aggregate.ActivityCounts;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.PeriodGranularity;
import org.bluebutton.analytics.schemas.aggregate.RollupDimension;
import org.bluebutton.analytics.schemas.aggregate.RollupMetrics;
import org.bluebutton.analytics.schemas.event.OrganizationType;
import org.bluebutton.analytics.schemas.event.Pledge;

/**
 * The patient-derived figures of the published report, after suppression. For each {@link Measure}
 * one {@link CellSuppressor} links every figure that adds up to another: categories and states to the
 * program total, data holders to their category and to their state, and (for activity) the months
 * to the year. So no table, chart or headline number lets a reader subtract their way to a small
 * cell, alone or combined with another table of the report.
 *
 * <p>The data-holder table lists the data holders that had pledged by the year's end and not withdrawn
 * by then, and that sent stats for the year (an organization-year row: activity or an access
 * snapshot), whatever their size — the same organizations the category and state figures count
 * ({@link PeriodEndRollups}).
 *
 * @param programYear the program's figures for the year
 * @param previousYear the program's figures for the year before (cell-size rule only: they add up
 *     to nothing published in this report)
 * @param programMonths the program's figures per month, months 1..12 (a month without figures is 0)
 * @param categories one row per organization category with figures, in name order
 * @param states one row per state with figures, in code order
 * @param dataHolders one row per reporting data holder, by name
 */
public record ReportFigures(
        Map<Measure, Cell> programYear,
        Map<Measure, Cell> previousYear,
        Map<Measure, List<Cell>> programMonths,
        List<GroupRow> categories,
        List<GroupRow> states,
        List<DataHolderRow> dataHolders) {

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
        Optional<RollupMetrics> program = snapshot.programYear(year);
        Optional<RollupMetrics> previous = snapshot.programYear(year - 1);
        List<RollupMetrics> categoryRows = snapshot.rollups(RollupDimension.CATEGORY, PeriodGranularity.YEAR, year);
        List<RollupMetrics> stateRows = snapshot.rollups(RollupDimension.STATE, PeriodGranularity.YEAR, year);
        Map<Integer, RollupMetrics> monthRows = new LinkedHashMap<>();
        for (RollupMetrics row : snapshot.rollups(RollupDimension.PROGRAM, PeriodGranularity.MONTH, year)) {
            monthRows.put(row.getMonth(), row);
        }
        List<Reporting> reporting = reportingDataHolders(snapshot);

        Map<Measure, Cell> programYear = new EnumMap<>(Measure.class);
        Map<Measure, Cell> previousYear = new EnumMap<>(Measure.class);
        Map<Measure, List<Cell>> programMonths = new EnumMap<>(Measure.class);
        List<Map<Measure, Cell>> categoryCells = cellMaps(categoryRows.size());
        List<Map<Measure, Cell>> stateCells = cellMaps(stateRows.size());
        List<Map<Measure, Cell>> holderCells = cellMaps(reporting.size());

        for (Measure measure : Measure.values()) {
            CellSuppressor suppressor = new CellSuppressor();
            int total = suppressor.cell(program.map(r -> value(r, measure)).orElse(0L));
            Map<String, Integer> byCategory = new LinkedHashMap<>();
            for (RollupMetrics row : categoryRows) {
                byCategory.put(row.getDimensionValue(), suppressor.cell(value(row, measure)));
            }
            suppressor.group(total, List.copyOf(byCategory.values()));
            Map<String, Integer> byState = new LinkedHashMap<>();
            for (RollupMetrics row : stateRows) {
                byState.put(row.getDimensionValue(), suppressor.cell(value(row, measure)));
            }
            suppressor.group(total, List.copyOf(byState.values()));
            List<Integer> holders = new ArrayList<>();
            Map<String, List<Integer>> holdersByCategory = new LinkedHashMap<>();
            Map<String, List<Integer>> holdersByState = new LinkedHashMap<>();
            for (Reporting holder : reporting) {
                int handle = suppressor.cell(holder.value(measure));
                holders.add(handle);
                holdersByCategory.computeIfAbsent(holder.profile().getCategory().name(), k -> new ArrayList<>()).add(handle);
                holdersByState.computeIfAbsent(holder.profile().getState(), k -> new ArrayList<>()).add(handle);
            }
            holdersByCategory.forEach((category, members) -> {
                if (byCategory.containsKey(category)) {
                    suppressor.group(byCategory.get(category), members);
                }
            });
            holdersByState.forEach((state, members) -> {
                if (byState.containsKey(state)) {
                    suppressor.group(byState.get(state), members);
                }
            });
            List<Integer> months = new ArrayList<>();
            for (int month = 1; month <= 12; month++) {
                RollupMetrics row = monthRows.get(month);
                months.add(suppressor.cell(row == null ? 0 : value(row, measure)));
            }
            if (measure.additiveOverTime()) {
                suppressor.group(total, months);
            }
            suppressor.apply();

            programYear.put(measure, suppressor.get(total));
            previousYear.put(measure, CellSuppressor.single(previous.map(r -> value(r, measure)).orElse(0L)));
            programMonths.put(measure, months.stream().map(suppressor::get).toList());
            int i = 0;
            for (int handle : byCategory.values()) {
                categoryCells.get(i++).put(measure, suppressor.get(handle));
            }
            i = 0;
            for (int handle : byState.values()) {
                stateCells.get(i++).put(measure, suppressor.get(handle));
            }
            for (i = 0; i < holders.size(); i++) {
                holderCells.get(i).put(measure, suppressor.get(holders.get(i)));
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
        return new ReportFigures(programYear, previousYear, programMonths, categories, states, dataHolders);
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
