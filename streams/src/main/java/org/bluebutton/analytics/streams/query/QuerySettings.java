package org.bluebutton.analytics.streams.query;

import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;

/**
 * How this instance's query service runs: where peers reach it ({@code application.server}), the
 * staff credential, and what a client is told to wait while stores migrate.
 *
 * @param applicationId the Kafka Streams application id (names the stores' changelog topics)
 * @param self host and port this instance serves and advertises to the group
 * @param staffKeySha256 hex SHA-256 of the staff key's secret part; staff requests must present the key
 * @param retryAfter the {@code Retry-After} of a 503 while a store is migrating
 */
public record QuerySettings(String applicationId, HostInfo self, String staffKeySha256, Duration retryAfter) {

    public QuerySettings {
        if (staffKeySha256 == null || !staffKeySha256.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("the staff key SHA-256 must be 64 lower-case hex digits");
        }
    }

    /** Never the staff key's digest: it is the peers' credential. */
    @Override
    public String toString() {
        return "QuerySettings[applicationId=" + applicationId + ", self=" + self + ", retryAfter=" + retryAfter + "]";
    }

    /** {@code application.server} of this instance. */
    public String applicationServer() {
        return self.host() + ":" + self.port();
    }
}
