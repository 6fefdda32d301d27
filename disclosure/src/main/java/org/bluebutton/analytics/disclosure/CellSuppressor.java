package org.bluebutton.analytics.disclosure;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
 * <p><b>Audit:</b> one withheld figure per group is not enough when groups overlap (a data holder is
 * in its category and in its state; a chain of groups, each with two withheld figures, can still pin
 * one down when the equations are combined). So after the pass above every published group becomes a
 * linear equation over the withheld figures, and {@link LinearRecovery} finds any withheld figure the
 * equations determine exactly; for each, one more figure of a group it belongs to is withheld (the
 * smallest non-zero shown one across those groups), and both steps repeat until none is determined.
 * The rule therefore guarantees that no withheld figure is the value of any combination of published
 * sums — within one output and across outputs that publish figures of the same groups.
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
    /** Whether a withheld figure must not be worked out (false only for large figures no output publishes). */
    private final List<Boolean> protectedCells = new ArrayList<>();
    private final List<int[]> groups = new ArrayList<>();
    private boolean applied;

    /** Adds a figure; returns its handle. */
    public int cell(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("counts are never negative: " + value);
        }
        values.add(value);
        states.add(isSmall(value) ? Suppression.SMALL_CELL : Suppression.NONE);
        protectedCells.add(true);
        return values.size() - 1;
    }

    /**
     * Adds a figure that adds up in the groups but that no output publishes (what a non-data holder
     * adds to its category and state). A reader does not know it, except 0, which a reader may guess. A
     * count from 1 to 10 is protected like any small cell; a larger one need not be: it may be worked
     * out, it discloses no small count.
     */
    public int unpublished(long value) {
        if (value < 0) {
            throw new IllegalArgumentException("counts are never negative: " + value);
        }
        values.add(value);
        states.add(value == 0 ? Suppression.NONE : isSmall(value) ? Suppression.SMALL_CELL : Suppression.COMPLEMENTARY);
        protectedCells.add(value == 0 || isSmall(value));
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
                if (withheld(group) == 1 && protectedWithheld(group) && suppressAnother(group)) {
                    changed = true;
                }
            }
            if (!changed) {
                changed = protectDetermined();
            }
        }
        applied = true;
        return this;
    }

    /** The groups as equations over the withheld figures: total − Σ members = 0, published terms known. */
    private List<Map<Integer, Long>> equations() {
        List<Map<Integer, Long>> equations = new ArrayList<>();
        for (int[] group : groups) {
            Map<Integer, Long> equation = new HashMap<>();
            for (int i = 0; i < group.length; i++) {
                if (states.get(group[i]) != Suppression.NONE) {
                    equation.merge(group[i], i == 0 ? 1L : -1L, Long::sum);
                }
            }
            equations.add(equation);
        }
        return equations;
    }

    /**
     * Withholds one more figure for the first withheld figure the published equations determine;
     * false when none is determined (or nothing more can be withheld for it).
     *
     * <p>The figure withheld is, in order of preference: the smallest non-zero shown figure of a group
     * the determined one belongs to; else a shown zero of such a group (withholding a zero costs readers
     * little, and a determined figure must not stay determined); else the smallest shown figure of a
     * group that shares a withheld figure with those groups.
     */
    private boolean protectDetermined() {
        for (int handle : LinearRecovery.determined(equations())) {
            if (!protectedCells.get(handle)) {
                continue;
            }
            List<int[]> near = new ArrayList<>();
            for (int[] group : groups) {
                if (contains(group, handle)) {
                    near.add(group);
                }
            }
            int best = smallestShown(near, true);
            if (best < 0) {
                best = smallestShown(near, false);
            }
            if (best < 0) {
                List<int[]> around = new ArrayList<>();
                for (int[] group : groups) {
                    for (int[] nearGroup : near) {
                        if (sharesWithheld(group, nearGroup)) {
                            around.add(group);
                            break;
                        }
                    }
                }
                best = smallestShown(around, false);
            }
            if (best >= 0) {
                states.set(best, Suppression.COMPLEMENTARY);
                return true;
            }
        }
        return false;
    }

    private int smallestShown(List<int[]> among, boolean nonZeroOnly) {
        int best = -1;
        for (int[] group : among) {
            for (int member : group) {
                if (states.get(member) == Suppression.NONE && (!nonZeroOnly || values.get(member) > 0)
                        && (best < 0 || values.get(member) < values.get(best))) {
                    best = member;
                }
            }
        }
        return best;
    }

    private boolean sharesWithheld(int[] a, int[] b) {
        for (int member : a) {
            if (states.get(member) != Suppression.NONE && contains(b, member)) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(int[] group, int handle) {
        for (int member : group) {
            if (member == handle) {
                return true;
            }
        }
        return false;
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

    private boolean protectedWithheld(int[] group) {
        for (int handle : group) {
            if (states.get(handle) != Suppression.NONE && protectedCells.get(handle)) {
                return true;
            }
        }
        return false;
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
