package org.bluebutton.analytics.reporting.snapshot;

import java.util.Objects;
import org.apache.kafka.common.serialization.Deserializer;
import org.bluebutton.analytics.schemas.topic.TopicSpec;

/**
 * One topic to read into the snapshot: how to decode it and where its records go.
 *
 * @param topic the topic
 * @param keys key deserializer
 * @param values value deserializer (a null value is a tombstone and reaches the sink as null)
 * @param sink receives every record below the snapshot offsets, partition by partition in offset order
 * @param <K> key type
 * @param <V> value type
 */
public record TopicRead<K, V>(TopicSpec<?, ?> topic, Deserializer<K> keys, Deserializer<V> values, RecordSink<K, V> sink) {

    public TopicRead {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(sink, "sink");
    }

    /** Receives the records of one topic. */
    @FunctionalInterface
    public interface RecordSink<K, V> {
        /** One record; {@code value} is null for a tombstone. */
        void accept(K key, V value, int partition, long offset);
    }
}
