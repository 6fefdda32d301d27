package org.bluebutton.analytics.streams.engagement;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.bluebutton.analytics.schemas.event.EngagementActivity;

/**
 * Marks each engagement activity's arrivals after the first as duplicates. Engagement activities are
 * few (stories, not clicks) and have no lateness, so their ids are remembered for good.
 */
final class FirstActivities implements FixedKeyProcessor<String, EngagementActivity, FirstActivities.Arrival> {

    /** An activity's arrival, and whether its eventId arrived before. */
    record Arrival(EngagementActivity activity, boolean duplicate) {
    }

    static final String ACTIVITY_IDS_STORE = "engagement-event-ids";

    private FixedKeyProcessorContext<String, Arrival> context;
    private KeyValueStore<String, Integer> seen;

    static StoreBuilder<KeyValueStore<String, Integer>> store() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ACTIVITY_IDS_STORE), Serdes.String(), Serdes.Integer());
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Arrival> context) {
        this.context = context;
        this.seen = context.getStateStore(ACTIVITY_IDS_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, EngagementActivity> record) {
        EngagementActivity activity = record.value();
        boolean duplicate = seen.get(activity.getEventId()) != null;
        if (!duplicate) {
            seen.put(activity.getEventId(), (int) activity.getOccurredOn().toEpochDay());
        }
        context.forward(record.withValue(new Arrival(activity, duplicate)));
    }
}
