package org.bluebutton.analytics.simulator.program;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The USPS codes of the 50 states, DC and Puerto Rico, weighted by population (millions, rounded),
 * so that big states get more pledging organizations, as in the real program.
 */
public final class UsStates {

    private static final Map<String, Double> POPULATION = populations();
    private static final List<String> CODES = List.copyOf(POPULATION.keySet());
    private static final double[] CUMULATIVE = cumulative();

    private UsStates() {
    }

    /** Every code the simulator may draw. */
    public static List<String> codes() {
        return CODES;
    }

    /** A state drawn with probability proportional to its population. */
    public static String draw(SplittableRandom random) {
        double x = random.nextDouble() * CUMULATIVE[CUMULATIVE.length - 1];
        int index = 0;
        while (CUMULATIVE[index] <= x) {
            index++;
        }
        return CODES.get(index);
    }

    private static double[] cumulative() {
        double[] sums = new double[CODES.size()];
        double sum = 0;
        for (int i = 0; i < sums.length; i++) {
            sum += POPULATION.get(CODES.get(i));
            sums[i] = sum;
        }
        return sums;
    }

    private static Map<String, Double> populations() {
        Object[] table = {
            "CA", 39.0, "TX", 30.5, "FL", 22.6, "NY", 19.6, "PA", 13.0, "IL", 12.5, "OH", 11.8, "GA", 11.0,
            "NC", 10.8, "MI", 10.0, "NJ", 9.3, "VA", 8.7, "WA", 7.8, "AZ", 7.4, "TN", 7.1, "MA", 7.0,
            "IN", 6.9, "MO", 6.2, "MD", 6.2, "WI", 5.9, "CO", 5.9, "MN", 5.7, "SC", 5.4, "AL", 5.1,
            "LA", 4.6, "KY", 4.5, "OR", 4.2, "OK", 4.1, "CT", 3.6, "UT", 3.4, "IA", 3.2, "NV", 3.2,
            "PR", 3.2, "AR", 3.1, "MS", 2.9, "KS", 2.9, "NM", 2.1, "NE", 2.0, "ID", 1.9, "WV", 1.8,
            "HI", 1.4, "NH", 1.4, "ME", 1.4, "MT", 1.1, "RI", 1.1, "DE", 1.0, "SD", 0.9, "ND", 0.8,
            "AK", 0.7, "DC", 0.7, "VT", 0.6, "WY", 0.6};
        Map<String, Double> populations = new LinkedHashMap<>();
        for (int i = 0; i < table.length; i += 2) {
            populations.put((String) table[i], (Double) table[i + 1]);
        }
        return Collections.unmodifiableMap(populations);
    }
}
