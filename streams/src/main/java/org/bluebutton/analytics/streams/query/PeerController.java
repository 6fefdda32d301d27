package org.bluebutton.analytics.streams.query;

import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.contracts.ApiKey;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.http.annotation.Header;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.swagger.v3.oas.annotations.Hidden;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;

/**
 * Internal routes other instances call to read this instance's active partitions. They never
 * forward, so a request cannot loop between instances; a key is read from the partition the caller
 * named, and a partition no longer active here is a migrating store (503), so the calling instance
 * answers 503 too.
 */
@Hidden
@Controller("/internal/v1/stores/{store}/entries")
@Requires(env = ServiceEnvironments.QUERY)
@ExecuteOn(TaskExecutors.BLOCKING) // store reads and calls to other instances block
public class PeerController {

    private final Stores stores;
    private final LocalStores local;
    private final byte[] expectedPeerDigest;

    public PeerController(Stores stores, LocalStores local, QuerySettings settings) {
        this.stores = stores;
        this.local = local;
        this.expectedPeerDigest = ApiKey.sha256Bytes(settings.peerSecret());
    }

    /** The values of the given keys. */
    @Post
    public StoreEntries get(@PathVariable String store, @Nullable @Header(Peers.PEER_HEADER) String peer, @Body StoreEntries keys) {
        return read(type(store, peer), keys);
    }

    /** Every entry of the partitions active here. */
    @Get
    public StoreEntries all(@PathVariable String store, @Nullable @Header(Peers.PEER_HEADER) String peer) {
        return readAll(type(store, peer));
    }

    private <K, V> StoreEntries read(StoreType<K, V> type, StoreEntries keys) {
        List<KeyValue<K, V>> decoded = ClusterStores.decode(type, keys);
        List<KeyValue<K, V>> values = new ArrayList<>();
        List<Integer> partitions = new ArrayList<>();
        for (int i = 0; i < decoded.size(); i++) {
            Integer partition = keys.entries().get(i).partition();
            if (partition == null) {
                throw new InvalidQueryException("partition", "every key names its partition");
            }
            K key = decoded.get(i).key;
            values.add(KeyValue.pair(key, local.get(type, key, partition)));
            partitions.add(partition);
        }
        return ClusterStores.encode(type, values, partitions);
    }

    private <K, V> StoreEntries readAll(StoreType<K, V> type) {
        return ClusterStores.encode(type, local.all(type), null);
    }

    private StoreType<?, ?> type(String store, String peer) {
        // Digests of equal length, compared in constant time: neither the secret nor its length leaks through timing.
        if (peer == null || peer.length() > QuerySettings.PEER_SECRET_MAX_LENGTH || !MessageDigest.isEqual(ApiKey.sha256Bytes(peer), expectedPeerDigest)) {
            throw new NotAuthenticatedException("internal routes are for instances of the application only");
        }
        StoreType<?, ?> type = stores.named(store);
        if (type == null) {
            throw new InvalidQueryException("store", "no queryable store named '" + store + "'");
        }
        return type;
    }
}
