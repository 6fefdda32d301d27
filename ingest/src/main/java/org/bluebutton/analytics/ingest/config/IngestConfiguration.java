package org.bluebutton.analytics.ingest.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.bind.annotation.Bindable;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.contracts.ratelimit.RateLimit;
import org.bluebutton.analytics.ingest.validation.IngestLimits;

/**
 * Every setting of the ingest service, in one place: key {@code bluebutton.ingest.<name>} (or the
 * environment variable {@code BLUEBUTTON_INGEST_<NAME>}), type, default and validation.
 *
 * @param kafkaBootstrapServers Kafka {@code bootstrap.servers}
 * @param schemaRegistryUrl base URL of the Confluent-compatible registry API (may include a path)
 * @param staffKeySha256 hex SHA-256 of the staff key's secret part, in either case (kept in lower case,
 *     as the streams service reads it too); the key itself is never configured
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
 * @param credentialsMaxStaleness how long ago the organization and credential views must last have been
 *     confirmed current against the broker for a key to be judged; otherwise 503 (default 1.5 s, so a
 *     rotation, revocation or withdrawal takes effect on every instance within 2 s)
 * @param organizationRequestsPerSecond sustained requests per second per organization key (default 200; a request
 *     carries up to {@code maxBatchItems} events, so this is far above what one data holder needs, and exists so
 *     that one client's loop cannot take the instance from the others)
 * @param organizationRequestBurst requests an organization key may send at once after being idle (default 1,000)
 * @param clientRequestsPerSecond sustained requests per second per client address on the anonymous routes
 *     (health, metrics, unknown paths; default 20, as the query API's public routes)
 * @param clientRequestBurst requests a client address may send at once to the anonymous routes (default 40)
 * @param maxConcurrentRequests requests in flight on the instance; beyond it 503 + Retry-After at once (default 64)
 * @param publicRequestsPerSecond sustained requests per second one client address may make to the public
 *     sign-up routes ({@code /pledge}, {@code POST /v1/pledge-requests}); over it, 429 (default 1)
 * @param publicRequestsBurst requests one client address may make at once after being idle (default 30:
 *     a person reading the form and fixing it a few times, several colleagues behind one office address)
 */
@Requires(notEnv = ServiceEnvironments.QUERY) // a process that also runs the streams query service keeps the two apart
@ConfigurationProperties(IngestConfiguration.PREFIX)
public record IngestConfiguration(
        String kafkaBootstrapServers,
        String schemaRegistryUrl,
        String staffKeySha256,
        @Bindable(defaultValue = DEFAULT_MAX_BATCH_ITEMS) int maxBatchItems,
        @Bindable(defaultValue = DEFAULT_EARLIEST_EVENT_DATE) String earliestEventDate,
        @Bindable(defaultValue = DEFAULT_CLOCK_SKEW) Duration clockSkew,
        @Bindable(defaultValue = DEFAULT_ACK_TIMEOUT) Duration ackTimeout,
        @Bindable(defaultValue = DEFAULT_MAX_BLOCK) Duration maxBlock,
        @Bindable(defaultValue = DEFAULT_RETRY_AFTER) Duration retryAfter,
        @Bindable(defaultValue = DEFAULT_INITIALIZE_TOPICS) boolean initializeTopics,
        @Bindable(defaultValue = DEFAULT_REPLICATION_FACTOR) short replicationFactor,
        @Bindable(defaultValue = DEFAULT_REGISTER_SCHEMAS) boolean registerSchemas,
        @Bindable(defaultValue = DEFAULT_STARTUP_TIMEOUT) Duration startupTimeout,
        @Bindable(defaultValue = DEFAULT_CREDENTIALS_MAX_STALENESS) Duration credentialsMaxStaleness,
        @Bindable(defaultValue = DEFAULT_ORGANIZATION_REQUESTS_PER_SECOND) int organizationRequestsPerSecond,
        @Bindable(defaultValue = DEFAULT_ORGANIZATION_REQUEST_BURST) int organizationRequestBurst,
        @Bindable(defaultValue = DEFAULT_CLIENT_REQUESTS_PER_SECOND) int clientRequestsPerSecond,
        @Bindable(defaultValue = DEFAULT_CLIENT_REQUEST_BURST) int clientRequestBurst,
        @Bindable(defaultValue = DEFAULT_MAX_CONCURRENT_REQUESTS) int maxConcurrentRequests,
        @Bindable(defaultValue = DEFAULT_PUBLIC_REQUESTS_PER_SECOND) int publicRequestsPerSecond,
        @Bindable(defaultValue = DEFAULT_PUBLIC_REQUESTS_BURST) int publicRequestsBurst) {

    /** Prefix of every setting's key. */
    public static final String PREFIX = "bluebutton.ingest";
    // Defaults, ISO-8601 for durations: read by the binding above and by the builder below alike.
    public static final String DEFAULT_MAX_BATCH_ITEMS = "10000";
    public static final String DEFAULT_EARLIEST_EVENT_DATE = "2010-01-01";
    public static final String DEFAULT_CLOCK_SKEW = "PT5M";
    public static final String DEFAULT_ACK_TIMEOUT = "PT10S";
    public static final String DEFAULT_MAX_BLOCK = "PT5S";
    public static final String DEFAULT_RETRY_AFTER = "PT5S";
    public static final String DEFAULT_INITIALIZE_TOPICS = "true";
    public static final String DEFAULT_REPLICATION_FACTOR = "3";
    public static final String DEFAULT_REGISTER_SCHEMAS = "false";
    public static final String DEFAULT_STARTUP_TIMEOUT = "PT60S";
    public static final String DEFAULT_CREDENTIALS_MAX_STALENESS = "PT1.5S";
    public static final String DEFAULT_ORGANIZATION_REQUESTS_PER_SECOND = "200";
    public static final String DEFAULT_ORGANIZATION_REQUEST_BURST = "1000";
    public static final String DEFAULT_CLIENT_REQUESTS_PER_SECOND = "20";
    public static final String DEFAULT_CLIENT_REQUEST_BURST = "40";
    public static final String DEFAULT_MAX_CONCURRENT_REQUESTS = "64";
    public static final String DEFAULT_PUBLIC_REQUESTS_PER_SECOND = "1";
    public static final String DEFAULT_PUBLIC_REQUESTS_BURST = "30";

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    public IngestConfiguration {
        require(kafkaBootstrapServers != null && !kafkaBootstrapServers.isBlank(), "kafka-bootstrap-servers", "is required");
        require(schemaRegistryUrl != null && URI.create(schemaRegistryUrl).getScheme() != null, "schema-registry-url",
                "must be an http(s) URL");
        require(staffKeySha256 != null && SHA256_HEX.matcher(staffKeySha256).matches(), "staff-key-sha256",
                "must be the 64-hex-digit SHA-256 of the staff key's secret");
        // One value, whichever case it was written in: the streams service normalises it the same way.
        staffKeySha256 = staffKeySha256.toLowerCase(Locale.ROOT);
        require(maxBatchItems >= 1 && maxBatchItems <= 100_000, "max-batch-items", "must be between 1 and 100000");
        require(parsesAsDate(earliestEventDate), "earliest-event-date", "must be a date YYYY-MM-DD");
        require(within(clockSkew, Duration.ZERO, Duration.ofHours(1)), "clock-skew", "must be between 0 and 1h");
        require(within(ackTimeout, Duration.ofSeconds(1), Duration.ofMinutes(5)), "ack-timeout", "must be between 1s and 5m");
        require(within(maxBlock, Duration.ofMillis(100), ackTimeout), "max-block", "must be between 100ms and ack-timeout");
        require(within(retryAfter, Duration.ofSeconds(1), Duration.ofMinutes(10)), "retry-after", "must be between 1s and 10m");
        require(within(startupTimeout, Duration.ofSeconds(1), Duration.ofMinutes(30)), "startup-timeout", "must be between 1s and 30m");
        require(replicationFactor >= 1, "replication-factor", "must be at least 1");
        require(within(credentialsMaxStaleness, Duration.ofMillis(200), Duration.ofMinutes(1)), "credentials-max-staleness",
                "must be between 200ms and 1m");
        requireRate(organizationRequestsPerSecond, organizationRequestBurst, "organization-requests-per-second", "organization-request-burst");
        requireRate(clientRequestsPerSecond, clientRequestBurst, "client-requests-per-second", "client-request-burst");
        require(maxConcurrentRequests >= 1 && maxConcurrentRequests <= 10_000, "max-concurrent-requests", "must be between 1 and 10000");
        requireRate(publicRequestsPerSecond, publicRequestsBurst, "public-requests-per-second", "public-requests-burst");
    }

    private static void requireRate(int perSecond, int burst, String perSecondKey, String burstKey) {
        require(perSecond >= 1 && perSecond <= 100_000, perSecondKey, "must be between 1 and 100000");
        require(burst >= perSecond && burst <= 1_000_000, burstKey, "must be between " + perSecondKey + " and 1000000");
    }

    /** The rate limit per organization key. */
    public RateLimit organizationRateLimit() {
        return new RateLimit(organizationRequestsPerSecond, organizationRequestBurst);
    }

    /** The rate limit per client address on the anonymous routes. */
    public RateLimit clientRateLimit() {
        return new RateLimit(clientRequestsPerSecond, clientRequestBurst);
    }

    /** The per-address limit of the public sign-up routes. */
    public RateLimit publicRateLimit() {
        return new RateLimit(publicRequestsPerSecond, publicRequestsBurst);
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
            throw new IllegalArgumentException(PREFIX + "." + key + " " + rule);
        }
    }

    /**
     * Settings with the defaults above for everything but the three settings without one; change
     * others on the builder. For programs that start ingest in their own process ({@code IngestService}).
     */
    public static Builder builder(String kafkaBootstrapServers, String schemaRegistryUrl, String staffKeySha256) {
        return new Builder(kafkaBootstrapServers, schemaRegistryUrl, staffKeySha256);
    }

    /** These settings as Micronaut properties ({@code bluebutton.ingest.<name>}), typed values. */
    public Map<String, Object> asProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (RecordComponent component : IngestConfiguration.class.getRecordComponents()) {
            try {
                properties.put(PREFIX + "." + component.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT),
                        component.getAccessor().invoke(this));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("record accessors are public", e);
            }
        }
        return properties;
    }

    /** Never the staff key's digest. */
    @Override
    public String toString() {
        return "IngestConfiguration[kafkaBootstrapServers=" + kafkaBootstrapServers + ", schemaRegistryUrl=" + schemaRegistryUrl
                + ", maxBatchItems=" + maxBatchItems + ", earliestEventDate=" + earliestEventDate + ", clockSkew=" + clockSkew
                + ", ackTimeout=" + ackTimeout + ", maxBlock=" + maxBlock + ", retryAfter=" + retryAfter + ", initializeTopics="
                + initializeTopics + ", replicationFactor=" + replicationFactor + ", registerSchemas=" + registerSchemas
                + ", startupTimeout=" + startupTimeout + ", credentialsMaxStaleness=" + credentialsMaxStaleness
                + ", organizationRequestsPerSecond=" + organizationRequestsPerSecond + ", organizationRequestBurst=" + organizationRequestBurst
                + ", clientRequestsPerSecond=" + clientRequestsPerSecond + ", clientRequestBurst=" + clientRequestBurst
                + ", maxConcurrentRequests=" + maxConcurrentRequests + ", publicRequestsPerSecond=" + publicRequestsPerSecond
                + ", publicRequestsBurst=" + publicRequestsBurst + "]";
    }

    /** Builds an {@link IngestConfiguration} from the defaults. */
    public static final class Builder {

        private final String kafkaBootstrapServers;
        private final String schemaRegistryUrl;
        private final String staffKeySha256;
        private int maxBatchItems = Integer.parseInt(DEFAULT_MAX_BATCH_ITEMS);
        private String earliestEventDate = DEFAULT_EARLIEST_EVENT_DATE;
        private Duration clockSkew = Duration.parse(DEFAULT_CLOCK_SKEW);
        private Duration ackTimeout = Duration.parse(DEFAULT_ACK_TIMEOUT);
        private Duration maxBlock = Duration.parse(DEFAULT_MAX_BLOCK);
        private Duration retryAfter = Duration.parse(DEFAULT_RETRY_AFTER);
        private boolean initializeTopics = Boolean.parseBoolean(DEFAULT_INITIALIZE_TOPICS);
        private short replicationFactor = Short.parseShort(DEFAULT_REPLICATION_FACTOR);
        private boolean registerSchemas = Boolean.parseBoolean(DEFAULT_REGISTER_SCHEMAS);
        private Duration startupTimeout = Duration.parse(DEFAULT_STARTUP_TIMEOUT);
        private Duration credentialsMaxStaleness = Duration.parse(DEFAULT_CREDENTIALS_MAX_STALENESS);
        private int organizationRequestsPerSecond = Integer.parseInt(DEFAULT_ORGANIZATION_REQUESTS_PER_SECOND);
        private int organizationRequestBurst = Integer.parseInt(DEFAULT_ORGANIZATION_REQUEST_BURST);
        private int clientRequestsPerSecond = Integer.parseInt(DEFAULT_CLIENT_REQUESTS_PER_SECOND);
        private int clientRequestBurst = Integer.parseInt(DEFAULT_CLIENT_REQUEST_BURST);
        private int maxConcurrentRequests = Integer.parseInt(DEFAULT_MAX_CONCURRENT_REQUESTS);
        private int publicRequestsPerSecond = Integer.parseInt(DEFAULT_PUBLIC_REQUESTS_PER_SECOND);
        private int publicRequestsBurst = Integer.parseInt(DEFAULT_PUBLIC_REQUESTS_BURST);

        private Builder(String kafkaBootstrapServers, String schemaRegistryUrl, String staffKeySha256) {
            this.kafkaBootstrapServers = kafkaBootstrapServers;
            this.schemaRegistryUrl = schemaRegistryUrl;
            this.staffKeySha256 = staffKeySha256;
        }

        public Builder maxBatchItems(int value) {
            maxBatchItems = value;
            return this;
        }

        public Builder earliestEventDate(String value) {
            earliestEventDate = value;
            return this;
        }

        public Builder clockSkew(Duration value) {
            clockSkew = value;
            return this;
        }

        public Builder ackTimeout(Duration value) {
            ackTimeout = value;
            return this;
        }

        public Builder maxBlock(Duration value) {
            maxBlock = value;
            return this;
        }

        public Builder retryAfter(Duration value) {
            retryAfter = value;
            return this;
        }

        public Builder initializeTopics(boolean value) {
            initializeTopics = value;
            return this;
        }

        public Builder replicationFactor(int value) {
            replicationFactor = (short) value;
            return this;
        }

        public Builder registerSchemas(boolean value) {
            registerSchemas = value;
            return this;
        }

        public Builder startupTimeout(Duration value) {
            startupTimeout = value;
            return this;
        }

        public Builder credentialsMaxStaleness(Duration value) {
            credentialsMaxStaleness = value;
            return this;
        }

        public Builder organizationRateLimit(int perSecond, int burst) {
            organizationRequestsPerSecond = perSecond;
            organizationRequestBurst = burst;
            return this;
        }

        public Builder clientRateLimit(int perSecond, int burst) {
            clientRequestsPerSecond = perSecond;
            clientRequestBurst = burst;
            return this;
        }

        public Builder maxConcurrentRequests(int value) {
            maxConcurrentRequests = value;
            return this;
        }

        public Builder publicRateLimit(int perSecond, int burst) {
            publicRequestsPerSecond = perSecond;
            publicRequestsBurst = burst;
            return this;
        }

        public IngestConfiguration build() {
            return new IngestConfiguration(kafkaBootstrapServers, schemaRegistryUrl, staffKeySha256, maxBatchItems, earliestEventDate,
                    clockSkew, ackTimeout, maxBlock, retryAfter, initializeTopics, replicationFactor, registerSchemas, startupTimeout,
                    credentialsMaxStaleness, organizationRequestsPerSecond, organizationRequestBurst, clientRequestsPerSecond,
                    clientRequestBurst, maxConcurrentRequests, publicRequestsPerSecond, publicRequestsBurst);
        }
    }
}
