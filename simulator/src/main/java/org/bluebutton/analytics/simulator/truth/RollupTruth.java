package org.bluebutton.analytics.simulator.truth;

/**
 * Activity and access summed over the active organizations of a group (by their current profile) in
 * a period; {@code month} is null for a year.
 */
public record RollupTruth(RollupDimension dimension, String dimensionValue, Granularity granularity, int year, Integer month,
        ActivityCounts activity, long patientsWithAccess, int organizationsReporting, int organizationsWithAccessFigures) {
}
