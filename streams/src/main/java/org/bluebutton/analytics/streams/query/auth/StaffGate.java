package org.bluebutton.analytics.streams.query.auth;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.streams.query.QuerySettings;

/**
 * Admits program staff: {@code Authorization: Bearer bbs_<keyId>_<secret>} whose secret hashes (SHA-256) to
 * the configured digest, compared in constant time. The same staff key as ingest's, read by the same
 * {@link ApiKey}; only its hash is configured, and neither is ever logged.
 */
@Singleton
@Requires(env = ServiceEnvironments.QUERY)
public class StaffGate {

    private static final String BEARER = "Bearer ";

    private final String expectedSha256;

    public StaffGate(QuerySettings settings) {
        this.expectedSha256 = settings.staffKeySha256();
    }

    /** Returns normally for the staff key; throws {@link NotAuthenticatedException} otherwise. */
    public void requireStaff(String authorization) {
        Optional<ApiKey> key = authorization == null || !authorization.startsWith(BEARER)
                ? Optional.empty() : ApiKey.parse(authorization.substring(BEARER.length()));
        if (key.isEmpty() || !key.get().prefix().equals(ApiKey.STAFF_PREFIX)) {
            throw new NotAuthenticatedException("this route needs the staff key: Authorization: Bearer bbs_...");
        }
        if (!key.get().matches(expectedSha256)) {
            throw new NotAuthenticatedException("the staff key is not valid");
        }
    }
}
