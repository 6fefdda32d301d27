package org.bluebutton.analytics.streams.query.store;

import org.apache.kafka.common.serialization.Serde;

/**
 * A queryable store: its name and the serdes of its keys and values — the same the topology
 * materializes it with, so that keys hash to the same partitions and values travel between instances
 * as the store holds them.
 *
 * @param serdeTopic the topic name given to the serdes: the store's changelog, whose registry subjects
 *                   the application registered already (no stray subjects for traffic between instances)
 */
public record StoreType<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, String serdeTopic) {

    /** The key as the store's partitioning sees it. */
    public byte[] keyBytes(K key) {
        return keySerde.serializer().serialize(serdeTopic, key);
    }
}
