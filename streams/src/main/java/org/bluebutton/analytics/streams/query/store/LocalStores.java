package org.bluebutton.analytics.streams.query.store;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.streams.query.InvalidQueryException;

/**
 * This instance's active stores. Only active (not standby) partitions are read, and only while the
 * application is running, so an answer is never assembled from a store that is still restoring.
 */
@Singleton
@Requires(env = ServiceEnvironments.QUERY)
public class LocalStores {

    private final KafkaStreams streams;
    private final CatchUpGate catchUp;

    public LocalStores(KafkaStreams streams, CatchUpGate catchUp) {
        this.streams = streams;
        this.catchUp = catchUp;
    }

    /**
     * The value of {@code key}, read from its {@code partition}, or null. A partition not active here
     * (it moved since the caller looked its owner up) is unavailable, never an empty answer.
     */
    public <K, V> V get(StoreType<K, V> type, K key, int partition) {
        try {
            return store(StoreQueryParameters.fromNameAndType(type.name(), QueryableStoreTypes.<K, V>keyValueStore())
                    .withPartition(partition)).get(key);
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException("partition " + partition + " of store " + type.name() + " is not active here", e);
        }
    }

    /**
     * The entries from {@code from} to {@code to} (inclusive, in the store's key order) of {@code
     * partition}; a partition not active here is unavailable, never an empty answer.
     */
    public <K, V> List<KeyValue<K, V>> range(StoreType<K, V> type, K from, K to, int partition) {
        List<KeyValue<K, V>> entries = new ArrayList<>();
        try (KeyValueIterator<K, V> range = store(StoreQueryParameters.fromNameAndType(type.name(), QueryableStoreTypes.<K, V>keyValueStore())
                .withPartition(partition)).range(from, to)) {
            range.forEachRemaining(entries::add);
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException("partition " + partition + " of store " + type.name() + " is not active here", e);
        }
        return entries;
    }

    /** What a peer asked for: the entries between the two keys it sent (the first naming the partition), encoded. */
    public <K, V> StoreEntries rangeEntries(StoreType<K, V> type, StoreEntries bounds) {
        List<KeyValue<K, V>> decoded = ClusterStores.decode(type, bounds);
        Integer partition = bounds.entries().isEmpty() ? null : bounds.entries().get(0).partition();
        if (decoded.size() != 2 || partition == null) {
            throw new InvalidQueryException("range", "a range is two keys, the first naming its partition");
        }
        return ClusterStores.encode(type, range(type, decoded.get(0).key, decoded.get(1).key, partition), null);
    }

    /** Every entry of the partitions active here. */
    public <K, V> List<KeyValue<K, V>> all(StoreType<K, V> type) {
        List<KeyValue<K, V>> entries = new ArrayList<>();
        try (KeyValueIterator<K, V> all = store(StoreQueryParameters.fromNameAndType(type.name(),
                QueryableStoreTypes.<K, V>keyValueStore())).all()) {
            all.forEachRemaining(entries::add);
        } catch (InvalidStateStoreException e) {
            throw new StoreUnavailableException("store " + type.name() + " is migrating", e);
        }
        return entries;
    }

    /** What a peer asked for: the values of {@code keys} (each naming its partition), encoded as it sent them. */
    public <K, V> StoreEntries entries(StoreType<K, V> type, StoreEntries keys) {
        List<KeyValue<K, V>> decoded = ClusterStores.decode(type, keys);
        List<KeyValue<K, V>> values = new ArrayList<>();
        List<Integer> partitions = new ArrayList<>();
        for (int i = 0; i < decoded.size(); i++) {
            Integer partition = keys.entries().get(i).partition();
            if (partition == null) {
                throw new InvalidQueryException("partition", "every key names its partition");
            }
            K key = decoded.get(i).key;
            values.add(KeyValue.pair(key, get(type, key, partition)));
            partitions.add(partition);
        }
        return ClusterStores.encode(type, values, partitions);
    }

    /** What a peer asked for: every entry of the partitions active here, encoded. */
    public <K, V> StoreEntries allEntries(StoreType<K, V> type) {
        return ClusterStores.encode(type, all(type), null);
    }

    private <K, V> ReadOnlyKeyValueStore<K, V> store(StoreQueryParameters<ReadOnlyKeyValueStore<K, V>> parameters) {
        if (streams.state() != KafkaStreams.State.RUNNING) {
            throw new StoreUnavailableException("the streams application is " + streams.state() + ", not RUNNING");
        }
        catchUp.check();
        return streams.store(parameters);
    }
}
