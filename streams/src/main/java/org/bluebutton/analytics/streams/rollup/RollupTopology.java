package org.bluebutton.analytics.streams.rollup;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.bluebutton.analytics.schemas.aggregate.PeriodGranularity;
import org.bluebutton.analytics.schemas.aggregate.RollupDelta;
import org.bluebutton.analytics.schemas.aggregate.RollupDimension;
import org.bluebutton.analytics.schemas.aggregate.RollupKey;
import org.bluebutton.analytics.schemas.aggregate.RollupMetrics;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.KeyEncoding;
import org.bluebutton.analytics.streams.RecordSerdes;

/**
 * Roll-up changes → {@code RollupMetrics} per program, category and state, per month and per year, on
 * {@code bluebutton.rollup-metrics} and in one queryable store per dimension and granularity
 * ({@link #store}).
 *
 * <p>The organizations' tasks send what they change in each group, already summed per group and
 * flush, over one repartition topic ({@code rollup-deltas}, keyed by group in a stable encoding):
 * the only network crossing between an event and the roll-ups. An organization counts in the group
 * its current profile puts it in while it is not withdrawn; a superseding snapshot, a category or state
 * change and a withdrawal arrive as exact changes (what was added before is what is taken out).
 */
public final class RollupTopology {

    /** The group every organization belongs to, for {@code PROGRAM}. */
    public static final String PROGRAM_WIDE = "ALL";

    static final RollupDimension[] DIMENSIONS = {RollupDimension.PROGRAM, RollupDimension.CATEGORY, RollupDimension.STATE};
    static final PeriodGranularity[] GRANULARITIES = {PeriodGranularity.MONTH, PeriodGranularity.YEAR};

    private final RecordSerdes serdes;

    public RollupTopology(RecordSerdes serdes) {
        this.serdes = serdes;
    }

    /** The queryable store of one dimension at one granularity, e.g. {@code rollup-category-month}. */
    public static String store(RollupDimension dimension, PeriodGranularity granularity) {
        return "rollup-" + dimension.name().toLowerCase() + "-" + granularity.name().toLowerCase();
    }

    /** Adds the roll-ups of {@code changes} to {@code builder}. */
    public void addTo(StreamsBuilder builder, KStream<RollupKey, RollupDelta> changes) {
        List<String> names = new ArrayList<>();
        for (RollupDimension dimension : DIMENSIONS) {
            for (PeriodGranularity granularity : GRANULARITIES) {
                String name = store(dimension, granularity);
                names.add(name);
                builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), KeyEncoding.ROLLUP,
                        serdes.internalValue(RollupMetrics.class)).withCachingEnabled());
            }
        }
        changes.repartition(Repartitioned.with(KeyEncoding.ROLLUP, serdes.internalValue(RollupDelta.class)).withName("rollup-deltas"))
                .process(RollupSums::new, Named.as("rollup-sums"), names.toArray(String[]::new))
                .to(Topics.ROLLUP_METRICS.name(), Produced.with(serdes.key(RollupKey.class), serdes.value(RollupMetrics.class)));
    }
}
