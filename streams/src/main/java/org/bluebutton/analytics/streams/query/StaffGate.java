package org.bluebutton.analytics.streams.query;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Admits program staff: {@code Authorization: Bearer bbs_<keyId>_<secret>} whose secret hashes (SHA-256) to
 * the configured digest, compared in constant time. The same staff key as ingest's; only its hash is
 * configured, and neither is ever logged.
 */
@Singleton
@Requires(env = QueryServer.ENVIRONMENT)
public class StaffGate {

    private static final Pattern STAFF_KEY = Pattern.compile("Bearer bbs_[0-9a-f]{12}_([A-Za-z0-9_-]{43})");

    private final byte[] expected;

    public StaffGate(QuerySettings settings) {
        this.expected = settings.staffKeySha256().getBytes(StandardCharsets.US_ASCII);
    }

    /** Returns normally for the staff key; throws {@link NotAuthenticatedException} otherwise. */
    public void requireStaff(String authorization) {
        Matcher key = authorization == null ? null : STAFF_KEY.matcher(authorization);
        if (key == null || !key.matches()) {
            throw new NotAuthenticatedException("this route needs the staff key: Authorization: Bearer bbs_...");
        }
        if (!MessageDigest.isEqual(HexFormat.of().formatHex(Digests.sha256(key.group(1))).getBytes(StandardCharsets.US_ASCII), expected)) {
            throw new NotAuthenticatedException("the staff key is not valid");
        }
    }
}
