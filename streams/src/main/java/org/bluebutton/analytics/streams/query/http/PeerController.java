package org.bluebutton.analytics.streams.query.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.streams.query.InvalidQueryException;
import org.bluebutton.analytics.streams.query.auth.PeerGate;
import org.bluebutton.analytics.streams.query.store.LocalStores;
import org.bluebutton.analytics.streams.query.store.Peers;
import org.bluebutton.analytics.streams.query.store.StoreEntries;
import org.bluebutton.analytics.streams.query.store.StoreType;
import org.bluebutton.analytics.streams.query.store.Stores;

/**
 * Internal routes other instances call to read this instance's active partitions. They never
 * forward, so a request cannot loop between instances; a key is read from the partition the caller
 * named, and a partition no longer active here is a migrating store (503), so the calling instance
 * answers 503 too.
 */
@Hidden
@Controller("/internal/v1/stores/{store}")
@Requires(env = ServiceEnvironments.QUERY)
@ExecuteOn(TaskExecutors.BLOCKING) // store reads and calls to other instances block
public class PeerController {

    private final Stores stores;
    private final LocalStores local;
    private final PeerGate peers;

    public PeerController(Stores stores, LocalStores local, PeerGate peers) {
        this.stores = stores;
        this.local = local;
        this.peers = peers;
    }

    /** The values of the given keys. */
    @Post("/entries")
    public StoreEntries get(@PathVariable String store, @Nullable @Header(Peers.PEER_HEADER) String peer, @Body StoreEntries keys) {
        return local.entries(type(store, peer), keys);
    }

    /** The entries between two keys, of the partition the first names. */
    @Post("/range")
    public StoreEntries range(@PathVariable String store, @Nullable @Header(Peers.PEER_HEADER) String peer, @Body StoreEntries bounds) {
        return local.rangeEntries(type(store, peer), bounds);
    }

    /** Every entry of the partitions active here. */
    @Get("/entries")
    public StoreEntries all(@PathVariable String store, @Nullable @Header(Peers.PEER_HEADER) String peer) {
        return local.allEntries(type(store, peer));
    }

    private StoreType<?, ?> type(String store, String peer) {
        peers.requirePeer(peer);
        StoreType<?, ?> type = stores.named(store);
        if (type == null) {
            throw new InvalidQueryException("store", "no queryable store named '" + store + "'");
        }
        return type;
    }
}
