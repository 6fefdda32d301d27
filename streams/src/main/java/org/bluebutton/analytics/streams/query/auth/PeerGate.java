package org.bluebutton.analytics.streams.query.auth;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.streams.query.QuerySettings;

/**
 * Admits the other instances of this application to the internal routes: they present the peer
 * secret, compared as SHA-256 digests in constant time (neither the secret nor its length leaks
 * through timing). The staff key is not accepted here: its digest is configuration, not a secret.
 */
@Singleton
@Requires(env = ServiceEnvironments.QUERY)
public class PeerGate {

    private final byte[] expectedDigest;

    public PeerGate(QuerySettings settings) {
        this.expectedDigest = ApiKey.sha256Bytes(settings.peerSecret());
    }

    /** Returns normally for the peer secret; throws {@link NotAuthenticatedException} otherwise. */
    public void requirePeer(String presented) {
        if (presented == null || presented.length() > QuerySettings.PEER_SECRET_MAX_LENGTH
                || !MessageDigest.isEqual(ApiKey.sha256Bytes(presented), expectedDigest)) {
            throw new NotAuthenticatedException("internal routes are for instances of the application only");
        }
    }
}
