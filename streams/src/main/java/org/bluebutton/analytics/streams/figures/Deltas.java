package org.bluebutton.analytics.streams.figures;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.bluebutton.analytics.schemas.aggregate.ActivityCounts;
import org.bluebutton.analytics.schemas.aggregate.PeriodGranularity;
import org.bluebutton.analytics.schemas.aggregate.RollupContribution;
import org.bluebutton.analytics.schemas.aggregate.RollupDelta;
import org.bluebutton.analytics.schemas.aggregate.RollupDimension;
import org.bluebutton.analytics.schemas.aggregate.RollupKey;
import org.bluebutton.analytics.streams.rollup.RollupTopology;

/**
 * The changes one flush makes to roll-up groups, summed per group before they are sent: whatever
 * many organizations of a task changed in a group, the group's owner receives one record.
 */
final class Deltas {

    private static final RollupDimension[] DIMENSIONS = {RollupDimension.PROGRAM, RollupDimension.CATEGORY, RollupDimension.STATE};

    private final Map<RollupKey, long[]> sums = new LinkedHashMap<>();

    /** Takes {@code contribution} out of ({@code sign} -1) or adds it to ({@code sign} 1) each of its groups. */
    void apply(RollupContribution contribution, PeriodGranularity granularity, int year, Integer month, int sign) {
        ActivityCounts activity = contribution.getActivity();
        Long patients = contribution.getPatientsWithAccess();
        boolean reports = activity.getEvents() > 0 || patients != null;
        for (RollupDimension dimension : DIMENSIONS) {
            long[] sum = sums.computeIfAbsent(new RollupKey(dimension, group(dimension, contribution), granularity, year, month), key -> new long[8]);
            sum[0] += sign * activity.getViews();
            sum[1] += sign * activity.getDownloads();
            sum[2] += sign * activity.getTransmits();
            sum[3] += sign * activity.getApiAccesses();
            sum[4] += sign * activity.getEvents();
            sum[5] += sign * (patients == null ? 0L : patients);
            sum[6] += reports ? sign : 0;
            sum[7] += patients == null ? 0 : sign;
        }
    }

    /** Hands every group whose figures changed to {@code sink}, once. */
    void drain(BiConsumer<RollupKey, RollupDelta> sink) {
        sums.forEach((key, sum) -> {
            boolean changed = false;
            for (long value : sum) {
                changed |= value != 0;
            }
            if (changed) {
                sink.accept(key, new RollupDelta(new ActivityCounts(sum[0], sum[1], sum[2], sum[3], sum[4]), sum[5], (int) sum[6], (int) sum[7]));
            }
        });
        sums.clear();
    }

    static String group(RollupDimension dimension, RollupContribution contribution) {
        return switch (dimension) {
            case CATEGORY -> contribution.getCategory().name();
            case STATE -> contribution.getState();
            default -> RollupTopology.PROGRAM_WIDE;
        };
    }
}
