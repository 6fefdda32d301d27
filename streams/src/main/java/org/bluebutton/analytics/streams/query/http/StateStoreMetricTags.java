package org.bluebutton.analytics.streams.query.http;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.bluebutton.analytics.contracts.ServiceEnvironments;

/**
 * Kafka Streams names a state store's tag after the store's kind ({@code rocksdb.state.id},
 * {@code rocksdb.window.state.id}, {@code in.memory.state.id}, ...) on metrics of the same name;
 * Prometheus wants one set of tag keys per metric name and refused all but the first kind's meters
 * with a warning on the console. One key, {@code state.id}, for every kind.
 */
@Singleton
@Requires(env = ServiceEnvironments.QUERY)
class StateStoreMetricTags implements MeterFilter {

    static final String STORE_TAG = "state.id";

    @Override
    public Meter.Id map(Meter.Id id) {
        if (!id.getName().startsWith("kafka.stream.state")) {
            return id;
        }
        List<Tag> tags = new ArrayList<>();
        boolean renamed = false;
        for (Tag tag : id.getTagsAsIterable()) {
            if (tag.getKey().endsWith(".state.id")) {
                tags.add(Tag.of(STORE_TAG, tag.getValue()));
                renamed = true;
            } else {
                tags.add(tag);
            }
        }
        return renamed ? id.replaceTags(tags) : id;
    }
}
