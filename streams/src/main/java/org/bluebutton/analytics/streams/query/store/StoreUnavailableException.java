package org.bluebutton.analytics.streams.query.store;

/** A store cannot answer right now (the group is rebalancing, a store is migrating or restoring, a peer is away); answered 503 + Retry-After. */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message) {
        super(message);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
