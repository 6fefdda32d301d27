package org.bluebutton.analytics.streams.query.store;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.streams.query.QuerySettings;

/**
 * The stores of every instance of the application as one: a key is read on the instance whose
 * active task owns its partition (interactive-query metadata, {@code application.server}); a whole
 * store is gathered from every instance hosting part of it. Any instance answers the same. While
 * ownership is unknown (a rebalance), reads fail with {@link StoreUnavailableException}.
 */
@Singleton
@Requires(env = ServiceEnvironments.QUERY)
public class ClusterStores {

    private final KafkaStreams streams;
    private final LocalStores local;
    private final Peers peers;
    private final HostInfo self;

    public ClusterStores(KafkaStreams streams, LocalStores local, Peers peers, QuerySettings settings) {
        this.streams = streams;
        this.local = local;
        this.peers = peers;
        this.self = settings.self();
    }

    /** The value of {@code key}, or null. */
    public <K, V> V get(StoreType<K, V> type, K key) {
        return get(type, List.of(key)).get(key);
    }

    /** The values of {@code keys}; keys without a value are absent. */
    public <K, V> Map<K, V> get(StoreType<K, V> type, Collection<K> keys) {
        Map<HostInfo, List<KeyValue<K, Integer>>> byOwner = new LinkedHashMap<>();
        for (K key : keys) {
            KeyQueryMetadata owner = metadata(() -> streams.queryMetadataForKey(type.name(), key, (topic, k) -> type.partitionBytes(k)));
            if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
                throw new StoreUnavailableException("no instance owns a key of store " + type.name() + " right now");
            }
            byOwner.computeIfAbsent(owner.activeHost(), host -> new ArrayList<>()).add(KeyValue.pair(key, owner.partition()));
        }
        Map<K, V> values = new HashMap<>();
        byOwner.forEach((host, owned) -> {
            if (host.equals(self)) {
                owned.forEach(key -> putIfPresent(values, key.key, local.get(type, key.key, key.value)));
            } else {
                decode(type, peers.get(host, type.name(), encodeKeys(type, owned))).forEach(entry -> putIfPresent(values, entry.key, entry.value));
            }
        });
        return values;
    }

    /**
     * The entries from {@code from} to {@code to} (inclusive, in key order) of a store kept in the
     * organizations' own tasks, for one organization: one owner lookup and one read, on the instance
     * that owns the organization's partition, instead of a lookup per key.
     */
    public <K, V> List<KeyValue<K, V>> organizationRange(StoreType<K, V> type, String orgId, K from, K to) {
        if (type.organization() == null || !orgId.equals(type.organization().apply(from)) || !orgId.equals(type.organization().apply(to))) {
            throw new IllegalArgumentException("store " + type.name() + " is not read by organization, or the range leaves " + orgId);
        }
        KeyQueryMetadata owner = metadata(() -> streams.queryMetadataForKey(type.name(), from, (topic, k) -> type.partitionBytes(k)));
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw new StoreUnavailableException("no instance owns a key of store " + type.name() + " right now");
        }
        if (owner.activeHost().equals(self)) {
            return local.range(type, from, to, owner.partition());
        }
        StoreEntries bounds = encode(type, List.of(KeyValue.<K, V>pair(from, null), KeyValue.<K, V>pair(to, null)),
                java.util.Arrays.asList(owner.partition(), owner.partition()));
        return decode(type, peers.range(owner.activeHost(), type.name(), bounds));
    }

    /** Every entry of the store, from all instances. */
    public <K, V> List<KeyValue<K, V>> all(StoreType<K, V> type) {
        Collection<StreamsMetadata> hosts = metadata(() -> streams.streamsMetadataForStore(type.name()));
        if (hosts.isEmpty()) {
            throw new StoreUnavailableException("no instance hosts store " + type.name() + " right now");
        }
        List<KeyValue<K, V>> entries = new ArrayList<>();
        for (StreamsMetadata host : hosts) {
            if (host.hostInfo().equals(self)) {
                entries.addAll(local.all(type));
            } else {
                entries.addAll(decode(type, peers.all(host.hostInfo(), type.name())));
            }
        }
        // Partitions that moved while the instances were asked could be missing or read twice.
        if (!hosts.equals(metadata(() -> streams.streamsMetadataForStore(type.name())))) {
            throw new StoreUnavailableException("store " + type.name() + " moved between instances while it was read");
        }
        return entries;
    }

    /** Metadata is refused while the application is not running (starting, failed, closing): the store is unavailable then. */
    private <T> T metadata(Supplier<T> query) {
        try {
            return query.get();
        } catch (IllegalStateException | InvalidStateStoreException e) {
            throw new StoreUnavailableException(e.getMessage(), e);
        }
    }

    /** Encodes entries for a peer; {@code partitions} (may be null) names each key's partition. */
    static <K, V> StoreEntries encode(StoreType<K, V> type, List<KeyValue<K, V>> entries, List<Integer> partitions) {
        Base64.Encoder base64 = Base64.getEncoder();
        List<StoreEntries.Entry> encoded = new ArrayList<>();
        try {
            for (int i = 0; i < entries.size(); i++) {
                KeyValue<K, V> entry = entries.get(i);
                encoded.add(new StoreEntries.Entry(base64.encodeToString(type.keyBytes(entry.key)),
                        entry.value == null ? null : base64.encodeToString(type.valueSerde().serializer().serialize(type.serdeTopic(), entry.value)),
                        partitions == null ? null : partitions.get(i)));
            }
        } catch (RuntimeException e) {
            throw unreadable(type, e);
        }
        return new StoreEntries(encoded);
    }

    /** Decodes entries from a peer. */
    static <K, V> List<KeyValue<K, V>> decode(StoreType<K, V> type, StoreEntries entries) {
        Base64.Decoder base64 = Base64.getDecoder();
        try {
            return entries.entries().stream().map(entry -> KeyValue.pair(
                    type.keySerde().deserializer().deserialize(type.serdeTopic(), base64.decode(entry.key())),
                    entry.value() == null ? null : type.valueSerde().deserializer().deserialize(type.serdeTopic(), base64.decode(entry.value()))))
                    .toList();
        } catch (RuntimeException e) {
            throw unreadable(type, e);
        }
    }

    /** The serdes need the registry; while it is away the figures cannot travel: unavailable, not an internal error. */
    private static StoreUnavailableException unreadable(StoreType<?, ?> type, RuntimeException cause) {
        return new StoreUnavailableException("entries of store " + type.name() + " could not be encoded or decoded: " + cause.getMessage(), cause);
    }

    private static <K, V> StoreEntries encodeKeys(StoreType<K, V> type, List<KeyValue<K, Integer>> keys) {
        return encode(type, keys.stream().map(key -> KeyValue.<K, V>pair(key.key, null)).toList(),
                keys.stream().map(key -> key.value).toList());
    }

    private static <K, V> void putIfPresent(Map<K, V> values, K key, V value) {
        if (value != null) {
            values.put(key, value);
        }
    }
}
