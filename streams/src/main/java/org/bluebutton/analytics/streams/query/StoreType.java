package org.bluebutton.analytics.streams.query;

import org.apache.kafka.common.serialization.Serde;

/**
 * A queryable store: its name and the serdes of its keys and values — the same the topology
 * materializes it with, so that keys hash to the same partitions and values travel between instances
 * as the store holds them.
 */
public record StoreType<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
}
