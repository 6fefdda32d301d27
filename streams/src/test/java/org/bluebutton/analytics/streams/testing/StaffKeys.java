package org.bluebutton.analytics.streams.testing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A staff key for tests, in ingest's format ({@code bbs_<keyId>_<secret>}), the SHA-256 the services are
 * configured with, and the peer secret the streams instances of one test share.
 */
public final class StaffKeys {

    /** The secret part: 43 base64url characters. */
    private static final String SECRET = "tEsTsTaFfSeCrEt0123456789abcdefghijklmnopqr".substring(0, 43);
    /** The whole key, as sent in {@code Authorization: Bearer}. */
    public static final String KEY = "bbs_0123456789ab_" + SECRET;
    /** Hex SHA-256 of the secret part. */
    public static final String SHA256 = sha256(SECRET);
    /** The streams instances' shared peer secret ({@code --peer-secret}). */
    public static final String PEER_SECRET = "peer-secret-of-the-test-instances-0123456789";

    private StaffKeys() {
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
