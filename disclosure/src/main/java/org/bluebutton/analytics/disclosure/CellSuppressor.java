package org.bluebutton.analytics.disclosure;

import java.util.ArrayList;
import java.util.List;

/**
 * The cell-size rule of the published report, with complementary suppression.
 *
 * <p><b>Primary:</b> every count from 1 to {@value #MAX_SUPPRESSED} is withheld (CMS cell-size
 * rule); 0 is shown. <b>Complementary:</b> figures are linked by additive groups — a total and the
 * cells that add up to it (categories to the program, states to the program, data holders to their
 * category and to their state, months to the year). A group in which exactly one of its figures
 * (cells or total) is withheld would let a reader recover that figure by subtraction, so one more
 * figure of the group is withheld: the smallest non-zero shown cell (ties: the first one added), or
 * the total when no cell qualifies. Withholding a figure can break another group it belongs to, so
 * the rule is applied until no group has exactly one withheld figure. Zero cells are never chosen:
 * a reader may know them to be zero.
 *
 * <p>Use: add every figure with {@link #cell}, declare the groups with {@link #group}, call
 * {@link #apply()}, then read the outcome with {@link #get}. One suppressor per measure (patients,
 * views, ...), since no published figure adds different measures together.
 */
public final class CellSuppressor {

    /** The largest count that is withheld; counts 1..10 are suppressed. */
    public static final long MAX_SUPPRESSED = 10;

    private final List<Long> values = new ArrayList<>();
    private final List<Suppression> states = new ArrayList<>();
    private final List<int[]> groups = new ArrayList<>();
    private boolean applied;

    /** Adds a figure; returns its handle. */
    public int cell(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("counts are never negative: " + value);
        }
        values.add(value);
        states.add(isSmall(value) ? Suppression.SMALL_CELL : Suppression.NONE);
        return values.size() - 1;
    }

    /** Declares that the figure {@code total} is the sum of {@code members}. */
    public void group(int total, List<Integer> members) {
        int[] group = new int[members.size() + 1];
        group[0] = total;
        for (int i = 0; i < members.size(); i++) {
            group[i + 1] = members.get(i);
        }
        groups.add(group);
    }

    /** Applies complementary suppression until every group is safe. Idempotent. */
    public CellSuppressor apply() {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int[] group : groups) {
                if (withheld(group) == 1 && suppressAnother(group)) {
                    changed = true;
                }
            }
        }
        applied = true;
        return this;
    }

    /** The outcome for one figure. */
    public Cell get(int handle) {
        if (!applied) {
            throw new IllegalStateException("apply() first: complementary suppression is not done yet");
        }
        return new Cell(values.get(handle), states.get(handle));
    }

    /** Whether a count falls under the cell-size rule. */
    public static boolean isSmall(long value) {
        return value >= 1 && value <= MAX_SUPPRESSED;
    }

    /** A lone figure that belongs to no group: only the primary rule applies. */
    public static Cell single(long value) {
        return new Cell(value, isSmall(value) ? Suppression.SMALL_CELL : Suppression.NONE);
    }

    private int withheld(int[] group) {
        int count = 0;
        for (int handle : group) {
            if (states.get(handle) != Suppression.NONE) {
                count++;
            }
        }
        return count;
    }

    private boolean suppressAnother(int[] group) {
        int best = -1;
        for (int i = 1; i < group.length; i++) {
            int handle = group[i];
            if (states.get(handle) == Suppression.NONE && values.get(handle) > 0
                    && (best < 0 || values.get(handle) < values.get(best))) {
                best = handle;
            }
        }
        if (best < 0) {
            best = group[0];
            if (states.get(best) != Suppression.NONE) {
                // Only the total is withheld and every shown cell is zero: the cells do not add up to
                // the total (inconsistent input); subtraction gives 0, which discloses no small count.
                return false;
            }
        }
        states.set(best, Suppression.COMPLEMENTARY);
        return true;
    }
}
