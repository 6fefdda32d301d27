package org.bluebutton.analytics.streams.query.store;

import org.apache.kafka.streams.state.HostInfo;

/** Another instance refused an internal store read for a reason waiting will not fix; answered 500 and logged. */
final class PeerRequestException extends RuntimeException {

    PeerRequestException(HostInfo host, String store, int status) {
        super("instance " + host + " answered " + status + " to a read of store " + store
                + " (are all instances configured with the same staff key digest and version?)");
    }
}
