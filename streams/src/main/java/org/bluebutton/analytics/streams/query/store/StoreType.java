package org.bluebutton.analytics.streams.query.store;

import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.bluebutton.analytics.streams.KeyEncoding;

/**
 * A queryable store: its name and the serdes of its keys and values — the same the topology
 * materializes it with, so that values travel between instances as the store holds them — and how
 * its keys map to partitions.
 *
 * @param serdeTopic the topic name given to the serdes: the store's changelog, whose registry subjects
 *                   the application registered already (no stray subjects for traffic between instances)
 * @param organization for stores kept in the organizations' own tasks, a key's organization: such a key
 *                     lives in the partition its organization's input records went to. Null for stores
 *                     partitioned by their own key bytes (after a repartition topic).
 */
public record StoreType<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, String serdeTopic, Function<K, String> organization) {

    /** A store partitioned by its own key bytes. */
    public StoreType(String name, Serde<K> keySerde, Serde<V> valueSerde, String serdeTopic) {
        this(name, keySerde, valueSerde, serdeTopic, null);
    }

    /** The key as the store holds it. */
    public byte[] keyBytes(K key) {
        return keySerde.serializer().serialize(serdeTopic, key);
    }

    /** The bytes the key's partition is computed from, as Kafka's default partitioner computed it upstream. */
    public byte[] partitionBytes(K key) {
        return organization == null ? keyBytes(key) : KeyEncoding.organizationPartitionKey(organization.apply(key));
    }
}
