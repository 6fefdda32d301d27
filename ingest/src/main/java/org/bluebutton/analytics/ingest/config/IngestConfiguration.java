package org.bluebutton.analytics.ingest.config;

import org.bluebutton.analytics.contracts.ServiceEnvironments;
import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.bind.annotation.Bindable;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.regex.Pattern;
import org.bluebutton.analytics.ingest.validation.IngestLimits;

/**
 * Every setting of the ingest service, in one place: key {@code bluebutton.ingest.<name>} (or the
 * environment variable {@code BLUEBUTTON_INGEST_<NAME>}), type, default and validation.
 *
 * @param kafkaBootstrapServers Kafka {@code bootstrap.servers}
 * @param schemaRegistryUrl base URL of the Confluent-compatible registry API (may include a path)
 * @param staffKeySha256 hex SHA-256 of the staff key's secret part; the key itself is never configured
 * @param maxBatchItems most events or CSV rows per request (default 10,000)
 * @param earliestEventDate events before this date are refused (default 2010-01-01)
 * @param clockSkew how far in the future an event time may be (default 5 minutes)
 * @param ackTimeout how long a request waits for Kafka to acknowledge its records before 503 (default 10 s)
 * @param maxBlock how long a send may wait for broker metadata, e.g. while Kafka is down (default 5 s)
 * @param retryAfter the {@code Retry-After} given with 503 (default 5 s)
 * @param initializeTopics create missing topics and check existing ones at start (default true)
 * @param replicationFactor replication of topics created at start (default 3; 1 on a single local broker)
 * @param registerSchemas register the project's schemas at start; off in production, where the
 *     register-schemas command does it (default false)
 * @param startupTimeout how long start-up waits for the organization and credential views (default 60 s)
 */
@Requires(notEnv = ServiceEnvironments.QUERY) // a process that also runs the streams query service keeps the two apart
@ConfigurationProperties("bluebutton.ingest")
public record IngestConfiguration(
        String kafkaBootstrapServers,
        String schemaRegistryUrl,
        String staffKeySha256,
        @Bindable(defaultValue = "10000") int maxBatchItems,
        @Bindable(defaultValue = "2010-01-01") String earliestEventDate,
        @Bindable(defaultValue = "5m") Duration clockSkew,
        @Bindable(defaultValue = "10s") Duration ackTimeout,
        @Bindable(defaultValue = "5s") Duration maxBlock,
        @Bindable(defaultValue = "5s") Duration retryAfter,
        @Bindable(defaultValue = "true") boolean initializeTopics,
        @Bindable(defaultValue = "3") short replicationFactor,
        @Bindable(defaultValue = "false") boolean registerSchemas,
        @Bindable(defaultValue = "60s") Duration startupTimeout) {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    public IngestConfiguration {
        require(kafkaBootstrapServers != null && !kafkaBootstrapServers.isBlank(), "kafka-bootstrap-servers", "is required");
        require(schemaRegistryUrl != null && URI.create(schemaRegistryUrl).getScheme() != null, "schema-registry-url",
                "must be an http(s) URL");
        require(staffKeySha256 != null && SHA256_HEX.matcher(staffKeySha256).matches(), "staff-key-sha256",
                "must be the 64-hex-digit SHA-256 of the staff key's secret");
        require(maxBatchItems >= 1 && maxBatchItems <= 100_000, "max-batch-items", "must be between 1 and 100000");
        require(parsesAsDate(earliestEventDate), "earliest-event-date", "must be a date YYYY-MM-DD");
        require(within(clockSkew, Duration.ZERO, Duration.ofHours(1)), "clock-skew", "must be between 0 and 1h");
        require(within(ackTimeout, Duration.ofSeconds(1), Duration.ofMinutes(5)), "ack-timeout", "must be between 1s and 5m");
        require(within(maxBlock, Duration.ofMillis(100), ackTimeout), "max-block", "must be between 100ms and ack-timeout");
        require(within(retryAfter, Duration.ofSeconds(1), Duration.ofMinutes(10)), "retry-after", "must be between 1s and 10m");
        require(within(startupTimeout, Duration.ofSeconds(1), Duration.ofMinutes(30)), "startup-timeout", "must be between 1s and 30m");
        require(replicationFactor >= 1, "replication-factor", "must be at least 1");
    }

    private static boolean within(Duration value, Duration min, Duration max) {
        return value != null && value.compareTo(min) >= 0 && value.compareTo(max) <= 0;
    }

    private static boolean parsesAsDate(String text) {
        try {
            LocalDate.parse(text);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The request limits these settings describe. */
    public IngestLimits limits() {
        return new IngestLimits(maxBatchItems, LocalDate.parse(earliestEventDate).atStartOfDay(ZoneOffset.UTC).toInstant(),
                clockSkew);
    }

    /** Earliest accepted event time. */
    public Instant earliestEventTime() {
        return limits().earliestEventTime();
    }

    private static void require(boolean condition, String key, String rule) {
        if (!condition) {
            throw new IllegalArgumentException("bluebutton.ingest." + key + " " + rule);
        }
    }
}
