package org.bluebutton.analytics.streams.rollup;

import java.util.EnumMap;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.bluebutton.analytics.schemas.aggregate.ActivityCounts;
import org.bluebutton.analytics.schemas.aggregate.PeriodGranularity;
import org.bluebutton.analytics.schemas.aggregate.RollupDelta;
import org.bluebutton.analytics.schemas.aggregate.RollupDimension;
import org.bluebutton.analytics.schemas.aggregate.RollupKey;
import org.bluebutton.analytics.schemas.aggregate.RollupMetrics;

/**
 * Adds each change to its group's sums, in the store of the group's dimension and granularity, and
 * sends the new sums on; a group whose last reporting organization left is sent as a tombstone (its
 * zero sums stay in the store, as a group that had members).
 */
final class RollupSums implements Processor<RollupKey, RollupDelta, RollupKey, RollupMetrics> {

    private final Map<RollupDimension, Map<PeriodGranularity, KeyValueStore<RollupKey, RollupMetrics>>> stores = new EnumMap<>(RollupDimension.class);
    private ProcessorContext<RollupKey, RollupMetrics> context;

    @Override
    public void init(ProcessorContext<RollupKey, RollupMetrics> context) {
        this.context = context;
        for (RollupDimension dimension : RollupTopology.DIMENSIONS) {
            for (PeriodGranularity granularity : RollupTopology.GRANULARITIES) {
                stores.computeIfAbsent(dimension, d -> new EnumMap<>(PeriodGranularity.class))
                        .put(granularity, context.getStateStore(RollupTopology.store(dimension, granularity)));
            }
        }
    }

    @Override
    public void process(Record<RollupKey, RollupDelta> record) {
        RollupKey key = record.key();
        KeyValueStore<RollupKey, RollupMetrics> store = stores.get(key.getDimension()).get(key.getGranularity());
        RollupMetrics sums = store.get(key);
        RollupDelta delta = record.value();
        ActivityCounts a = sums == null ? new ActivityCounts(0L, 0L, 0L, 0L, 0L) : sums.getActivity();
        ActivityCounts d = delta.getActivity();
        RollupMetrics next = new RollupMetrics(key.getDimension(), key.getDimensionValue(), key.getGranularity(), key.getYear(), key.getMonth(),
                new ActivityCounts(a.getViews() + d.getViews(), a.getDownloads() + d.getDownloads(), a.getTransmits() + d.getTransmits(),
                        a.getApiAccesses() + d.getApiAccesses(), a.getEvents() + d.getEvents()),
                (sums == null ? 0L : sums.getPatientsWithAccess()) + delta.getPatientsWithAccess(),
                (sums == null ? 0 : sums.getOrganizationsReporting()) + delta.getOrganizationsReporting(),
                (sums == null ? 0 : sums.getOrganizationsWithAccessFigures()) + delta.getOrganizationsWithAccessFigures());
        store.put(key, next);
        context.forward(record.withValue(next.getOrganizationsReporting() == 0 ? null : next));
    }
}
