package org.bluebutton.analytics.streams.engagement;

import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.bluebutton.analytics.schemas.aggregate.EngagementKey;
import org.bluebutton.analytics.schemas.aggregate.EngagementMetrics;
import org.bluebutton.analytics.schemas.event.EngagementActivity;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.RecordSerdes;
import org.bluebutton.analytics.streams.quality.DataQualityTopology;
import org.bluebutton.analytics.streams.quality.InputRecords;

/**
 * Engagement activities → {@code EngagementMetrics} (distinct activities and people reached) per
 * organization, year of {@code occurredOn} and engagement type, on {@code bluebutton.engagement-metrics}
 * and in the store {@value #METRICS_STORE}. Each eventId counts once; duplicates are counted in the
 * data-quality figures.
 */
public final class EngagementTopology {

    /** Queryable store of the engagement figures. */
    public static final String METRICS_STORE = "engagement-metrics";

    private final RecordSerdes serdes;
    private final InputRecords inputs;
    private final DataQualityTopology quality;

    public EngagementTopology(RecordSerdes serdes, InputRecords inputs, DataQualityTopology quality) {
        this.serdes = serdes;
        this.inputs = inputs;
        this.quality = quality;
    }

    /** Adds the engagement figures to {@code builder}. */
    public KTable<EngagementKey, EngagementMetrics> addTo(StreamsBuilder builder) {
        builder.addStateStore(FirstActivities.store());
        KStream<String, FirstActivities.Arrival> arrivals = inputs.read(builder, Topics.ENGAGEMENT_ACTIVITY.name(), EngagementActivity.class,
                        (key, activity) -> InputRecords.keyMismatch(key, activity.getOrgId()))
                .processValues(FirstActivities::new, Named.as("first-engagement-activities"), FirstActivities.ACTIVITY_IDS_STORE);
        quality.record(arrivals.filter((orgId, arrival) -> arrival.duplicate(), Named.as("engagement-duplicates"))
                .mapValues(arrival -> DataQualityTopology.duplicate(Topics.ENGAGEMENT_ACTIVITY.name(), arrival.activity().getOccurredOn()),
                        Named.as("engagement-incident-figures")));
        KTable<EngagementKey, EngagementMetrics> metrics = arrivals
                .filter((orgId, arrival) -> !arrival.duplicate(), Named.as("first-engagement-arrivals"))
                .mapValues(FirstActivities.Arrival::activity, Named.as("engagement-activities"))
                .groupBy((orgId, activity) -> key(activity),
                        Grouped.with("engagement-by-type", serdes.internalKey(EngagementKey.class), serdes.internalValue(EngagementActivity.class)))
                .aggregate(() -> null, (key, activity, current) -> add(key, current, activity), Named.as("engagement-aggregate"),
                        Materialized.<EngagementKey, EngagementMetrics, KeyValueStore<Bytes, byte[]>>as(METRICS_STORE)
                                .withKeySerde(serdes.internalKey(EngagementKey.class)).withValueSerde(serdes.internalValue(EngagementMetrics.class)));
        metrics.toStream(Named.as("engagement-changes"))
                .to(Topics.ENGAGEMENT_METRICS.name(), Produced.with(serdes.key(EngagementKey.class), serdes.value(EngagementMetrics.class)));
        return metrics;
    }

    static EngagementKey key(EngagementActivity activity) {
        return new EngagementKey(activity.getOrgId(), activity.getOccurredOn().getYear(), activity.getEngagementType());
    }

    static EngagementMetrics add(EngagementKey key, EngagementMetrics current, EngagementActivity activity) {
        long reached = activity.getPeopleReached() == null ? 0L : activity.getPeopleReached();
        return current == null
                ? new EngagementMetrics(key.getOrgId(), key.getYear(), key.getEngagementType(), 1L, reached)
                : new EngagementMetrics(key.getOrgId(), key.getYear(), key.getEngagementType(), current.getActivities() + 1, current.getPeopleReached() + reached);
    }
}
