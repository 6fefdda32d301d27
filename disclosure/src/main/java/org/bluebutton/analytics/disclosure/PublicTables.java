package org.bluebutton.analytics.disclosure;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every public figure of one measure for one year, suppressed once for all outputs: the program total,
 * one figure per category and per state, one per organization that has its own row (a data holder's
 * figures on the Hub and in the report), and the program's months. The annual report prints these
 * figures and the Blue Button Hub shows the organizations' rows of the same computation, so both
 * publish parts of one safe pattern: a figure withheld in one is withheld in the other, and no
 * combination of their published sums determines a withheld figure ({@link CellSuppressor}'s audit).
 *
 * <p>The group figures are sums of the contributions, formed here, so that the report and the Hub,
 * given the same organizations' figures, compute the same totals and the same pattern. Membership
 * (which organizations count in a year, in which category and state) is the caller's: both use the
 * period-end rule (an organization counts when it had pledged by the year's end and not withdrawn by
 * then). The order of cells, which breaks ties between equal candidates for complementary
 * suppression, depends only on the figures' keys: categories and states by name, rows by id.
 */
public final class PublicTables {

    /** Months in a year: the program's months are cells 1..12. */
    public static final int MONTHS = 12;

    /**
     * One organization's figure of the measure in the year.
     *
     * @param id the organization's id (rows are ordered by it)
     * @param category the category it counts in
     * @param state the state it counts in
     * @param ownRow whether its own figure is published (data holders); otherwise it only adds to the groups
     * @param value its figure for the year
     * @param months its figure per month, months 1..12 (empty when it has none)
     */
    public record Contribution(String id, String category, String state, boolean ownRow, long value, List<Long> months) {
        public Contribution {
            months = List.copyOf(months);
            if (!months.isEmpty() && months.size() != MONTHS) {
                throw new IllegalArgumentException("months are 1..12, not " + months.size() + " values");
            }
        }
    }

    private final Cell program;
    private final Map<String, Cell> categories;
    private final Map<String, Cell> states;
    private final Map<String, Cell> rows;
    private final List<Cell> months;

    private PublicTables(Cell program, Map<String, Cell> categories, Map<String, Cell> states, Map<String, Cell> rows, List<Cell> months) {
        this.program = program;
        this.categories = categories;
        this.states = states;
        this.rows = rows;
        this.months = months;
    }

    /**
     * Suppresses the year's figures of one measure.
     *
     * @param monthsAddUp whether the months add up to the year (activity counts); false for a gauge
     *     (patients with access: the year is the latest snapshot, the months are not summed)
     */
    public static PublicTables of(List<Contribution> contributions, boolean monthsAddUp) {
        List<Contribution> byId = new ArrayList<>(contributions);
        byId.sort(Comparator.comparing(Contribution::id));
        long total = 0;
        Map<String, Long> categoryTotals = new TreeMap<>();
        Map<String, Long> stateTotals = new TreeMap<>();
        long[] monthTotals = new long[MONTHS];
        for (Contribution contribution : byId) {
            total += contribution.value();
            categoryTotals.merge(contribution.category(), contribution.value(), Long::sum);
            stateTotals.merge(contribution.state(), contribution.value(), Long::sum);
            for (int m = 0; m < contribution.months().size(); m++) {
                monthTotals[m] += contribution.months().get(m);
            }
        }
        CellSuppressor suppressor = new CellSuppressor();
        int programHandle = suppressor.cell(total);
        Map<String, Integer> categoryHandles = handles(suppressor, categoryTotals);
        Map<String, Integer> stateHandles = handles(suppressor, stateTotals);
        suppressor.group(programHandle, List.copyOf(categoryHandles.values()));
        suppressor.group(programHandle, List.copyOf(stateHandles.values()));
        Map<String, Integer> rowHandles = new LinkedHashMap<>();
        Map<String, List<Integer>> rowsByCategory = new TreeMap<>();
        Map<String, List<Integer>> rowsByState = new TreeMap<>();
        for (Contribution contribution : byId) {
            // An organization without a row of its own still adds to its category and state: an unknown to readers.
            int handle = contribution.ownRow() ? suppressor.cell(contribution.value()) : suppressor.unpublished(contribution.value());
            if (contribution.ownRow()) {
                rowHandles.put(contribution.id(), handle);
            }
            rowsByCategory.computeIfAbsent(contribution.category(), k -> new ArrayList<>()).add(handle);
            rowsByState.computeIfAbsent(contribution.state(), k -> new ArrayList<>()).add(handle);
        }
        rowsByCategory.forEach((category, members) -> suppressor.group(categoryHandles.get(category), members));
        rowsByState.forEach((state, members) -> suppressor.group(stateHandles.get(state), members));
        List<Integer> monthHandles = new ArrayList<>();
        for (long month : monthTotals) {
            monthHandles.add(suppressor.cell(month));
        }
        if (monthsAddUp) {
            suppressor.group(programHandle, monthHandles);
        }
        suppressor.apply();
        return new PublicTables(suppressor.get(programHandle), cells(suppressor, categoryHandles), cells(suppressor, stateHandles),
                cells(suppressor, rowHandles), monthHandles.stream().map(suppressor::get).toList());
    }

    private static Map<String, Integer> handles(CellSuppressor suppressor, Map<String, Long> totals) {
        Map<String, Integer> handles = new LinkedHashMap<>();
        totals.forEach((key, value) -> handles.put(key, suppressor.cell(value)));
        return handles;
    }

    private static Map<String, Cell> cells(CellSuppressor suppressor, Map<String, Integer> handles) {
        Map<String, Cell> cells = new LinkedHashMap<>();
        handles.forEach((key, handle) -> cells.put(key, suppressor.get(handle)));
        return Collections.unmodifiableMap(cells);
    }

    /** The program's figure for the year. */
    public Cell program() {
        return program;
    }

    /** Each category's figure, by category name. */
    public Map<String, Cell> categories() {
        return categories;
    }

    /** Each state's figure, by state code. */
    public Map<String, Cell> states() {
        return states;
    }

    /** Each organization's own figure (those with their own row), by id. */
    public Map<String, Cell> rows() {
        return rows;
    }

    /** The organization's own figure, or null when it has no row in this year. */
    public Cell row(String id) {
        return rows.get(id);
    }

    /** The program's figure per month, months 1..12. */
    public List<Cell> months() {
        return months;
    }
}
