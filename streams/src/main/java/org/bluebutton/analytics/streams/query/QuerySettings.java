package org.bluebutton.analytics.streams.query;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.kafka.streams.state.HostInfo;
import org.bluebutton.analytics.contracts.ratelimit.RateLimit;

/**
 * How this instance's query service runs: where peers reach it ({@code application.server}), the
 * staff and peer credentials, and what a client is told to wait while stores migrate.
 *
 * @param applicationId the Kafka Streams application id (names the stores' changelog topics)
 * @param self host and port this instance serves and advertises to the group
 * @param staffKeySha256 hex SHA-256 of the staff key's secret part, given in either case and kept in
 *        lower case (as ingest reads the same setting); staff requests must present the key
 * @param peerSecret the secret the instances of one application present to each other's internal
 *        routes; shared by them and by nobody else (the staff key's digest is not a secret: it is
 *        configuration, visible wherever the deployment is described)
 * @param retryAfter the {@code Retry-After} of a 503 while a store is migrating
 * @param hubRefresh how old the Hub's snapshot may get before a request refreshes it
 * @param publicRateLimit requests per client address to the public routes
 * @param ingestUrl ingest's base URL as browsers reach it (no trailing slash), for the Hub's link to the
 *        sign-up page and the dashboard's link to the staff pages; null for no links
 */
public record QuerySettings(String applicationId, HostInfo self, String staffKeySha256, String peerSecret, Duration retryAfter,
        Duration hubRefresh, RateLimit publicRateLimit, String ingestUrl) {

    /** The longest peer secret; longer header values are refused before they are hashed. */
    public static final int PEER_SECRET_MAX_LENGTH = 256;
    /** What a peer secret must look like: 32 to {@value #PEER_SECRET_MAX_LENGTH} printable ASCII characters, no spaces. */
    public static final Pattern PEER_SECRET = Pattern.compile("[\\x21-\\x7e]{32," + PEER_SECRET_MAX_LENGTH + "}");
    /** What a staff key SHA-256 must look like: 64 hex digits, either case (ingest accepts the same). */
    public static final Pattern STAFF_KEY_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public QuerySettings {
        if (staffKeySha256 == null || !STAFF_KEY_SHA256.matcher(staffKeySha256).matches()) {
            throw new IllegalArgumentException("the staff key SHA-256 must be 64 hex digits");
        }
        // Compared with the lower-case hex of a presented key's digest.
        staffKeySha256 = staffKeySha256.toLowerCase(Locale.ROOT);
        if (peerSecret == null || !PEER_SECRET.matcher(peerSecret).matches()) {
            throw new IllegalArgumentException("the peer secret must be 32 to 256 printable ASCII characters without spaces");
        }
        if (hubRefresh == null || hubRefresh.isNegative() || hubRefresh.isZero() || publicRateLimit == null) {
            throw new IllegalArgumentException("the Hub's refresh interval must be positive and the public rate limit given");
        }
    }

    /** A new random peer secret (256 bits, base64url), for a run whose instances are started together. */
    public static String newPeerSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Never the credentials. */
    @Override
    public String toString() {
        return "QuerySettings[applicationId=" + applicationId + ", self=" + self + ", retryAfter=" + retryAfter + ", hubRefresh=" + hubRefresh
                + ", publicRateLimit=" + publicRateLimit + ", ingestUrl=" + ingestUrl + "]";
    }

    /** {@code application.server} of this instance. */
    public String applicationServer() {
        return self.host() + ":" + self.port();
    }
}
