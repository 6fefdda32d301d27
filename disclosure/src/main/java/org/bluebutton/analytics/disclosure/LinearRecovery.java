package org.bluebutton.analytics.disclosure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a reader can work out exactly from published sums: given linear equations over the withheld
 * figures (each published total, with its published terms moved to the known side, leaves an
 * equation whose unknowns are the withheld ones), which withheld figures are determined. This is the
 * strongest form of "recovery by subtraction": not one subtraction within a row or a column, but any
 * combination of every published equation of every output.
 *
 * <p>A figure {@code x} is determined exactly when the unit vector of {@code x} lies in the row space
 * of the equations' coefficient matrix. The matrix is brought to reduced row echelon form; {@code x}
 * is determined when it is a pivot column whose row has no other non-zero entry. Arithmetic is modulo
 * the prime 2<sup>31</sup>−1, which is exact (no rounding); a rank computed modulo a prime can only be
 * lower than over the rationals, and only when the prime divides every maximal minor — for matrices of
 * small integer coefficients such as these, not a practical concern.
 *
 * <p>Cost: rows² × unknowns; rows are the published totals (tens to hundreds), so cheap.
 */
public final class LinearRecovery {

    private static final long P = 2_147_483_647L;

    private LinearRecovery() {
    }

    /**
     * One published sum as an equation: {@code Σ coefficient × unknown = constant}.
     *
     * @param terms each unknown and its integer coefficient
     * @param constant the known side (the published figures moved across)
     */
    public record Equation<K>(Map<K, Long> terms, long constant) {
    }

    /**
     * The unknowns that {@code equations} determine exactly.
     *
     * @param equations each a map from unknown to its integer coefficient (the known side does not
     *     matter for whether a value is determined)
     */
    public static <K> Set<K> determined(Collection<? extends Map<K, Long>> equations) {
        List<Equation<K>> withConstants = new ArrayList<>();
        for (Map<K, Long> terms : equations) {
            withConstants.add(new Equation<>(terms, 0));
        }
        return solve(withConstants).keySet();
    }

    /**
     * The unknowns that {@code equations} determine exactly, with the value each is determined to
     * (as a reader would work it out; the value is exact when the equations hold, and is found modulo
     * the prime, so values of magnitude below 2<sup>30</sup> come out exactly).
     */
    public static <K> Map<K, Long> solve(Collection<Equation<K>> equations) {
        Map<K, Integer> columns = new LinkedHashMap<>();
        for (Equation<K> equation : equations) {
            for (K unknown : equation.terms().keySet()) {
                columns.putIfAbsent(unknown, columns.size());
            }
        }
        List<K> names = new ArrayList<>(columns.keySet());
        int width = names.size();
        int constant = width; // the last column holds the known side
        List<long[]> rows = new ArrayList<>();
        for (Equation<K> equation : equations) {
            long[] row = new long[width + 1];
            boolean any = false;
            for (Map.Entry<K, Long> term : equation.terms().entrySet()) {
                long c = Math.floorMod(term.getValue(), P);
                int column = columns.get(term.getKey());
                row[column] = (row[column] + c) % P;
                any |= c != 0;
            }
            row[constant] = Math.floorMod(equation.constant(), P);
            if (any) {
                rows.add(row);
            }
        }
        int rank = 0;
        int[] pivotOfRow = new int[rows.size()];
        for (int column = 0; column < width && rank < rows.size(); column++) {
            int pivot = -1;
            for (int r = rank; r < rows.size(); r++) {
                if (rows.get(r)[column] != 0) {
                    pivot = r;
                    break;
                }
            }
            if (pivot < 0) {
                continue;
            }
            long[] swap = rows.get(rank);
            rows.set(rank, rows.get(pivot));
            rows.set(pivot, swap);
            long[] row = rows.get(rank);
            long inverse = inverse(row[column]);
            for (int c = column; c <= width; c++) {
                row[c] = row[c] * inverse % P;
            }
            for (int r = 0; r < rows.size(); r++) {
                long[] other = rows.get(r);
                long factor = other[column];
                if (r == rank || factor == 0) {
                    continue;
                }
                for (int c = column; c <= width; c++) {
                    if (row[c] != 0) {
                        other[c] = Math.floorMod(other[c] - factor * row[c] % P, P);
                    }
                }
            }
            pivotOfRow[rank] = column;
            rank++;
        }
        Map<K, Long> determined = new LinkedHashMap<>();
        for (int r = 0; r < rank; r++) {
            long[] row = rows.get(r);
            int nonZero = 0;
            for (int c = 0; c < width; c++) {
                if (row[c] != 0) {
                    nonZero++;
                }
            }
            if (nonZero == 1) {
                long value = row[constant];
                determined.put(names.get(pivotOfRow[r]), value > P / 2 ? value - P : value);
            }
        }
        return determined;
    }

    private static long inverse(long a) {
        // Fermat: a^(p-2) mod p.
        long result = 1;
        long base = a % P;
        long exponent = P - 2;
        while (exponent > 0) {
            if ((exponent & 1) == 1) {
                result = result * base % P;
            }
            base = base * base % P;
            exponent >>= 1;
        }
        return result;
    }
}
