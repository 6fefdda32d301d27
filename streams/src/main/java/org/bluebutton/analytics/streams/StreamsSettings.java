package org.bluebutton.analytics.streams;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.bluebutton.analytics.contracts.ratelimit.RateLimit;
import org.bluebutton.analytics.contracts.security.KafkaClientSecurity;
import org.bluebutton.analytics.contracts.security.RegistryClientSecurity;
import org.bluebutton.analytics.streams.query.QuerySettings;

/**
 * Every setting of the streams service, in one place, validated: what {@link StreamsService} runs
 * with. The command line ({@link StreamsApplication}) and programs that start the service in their own
 * process (the pipeline harness, tests) both build one; the defaults below are the command line's.
 *
 * @param bootstrapServers Kafka {@code bootstrap.servers}
 * @param schemaRegistryUrl base URL of the Confluent-compatible registry API
 * @param applicationId Kafka Streams {@code application.id}: instances with the same id share the work
 * @param instanceId stable name of this instance for static membership, or null for none
 * @param stateDir directory of the local state stores
 * @param grace how long after a month ends its events still count
 * @param commitInterval transaction commit interval: bounds how stale outputs are
 * @param replicationFactor replication of internal and created topics
 * @param initializeTopics create missing catalogue topics and check existing ones at start
 * @param registerSchemas register the catalogue's schemas at start (production uses register-schemas)
 * @param httpPort port of the query API, Hub and dashboard; also advertised, so known before start
 * @param advertisedHost host name other instances reach this one's query API at
 * @param staffKeySha256 hex SHA-256 of the staff key's secret part, either case (kept in lower case)
 * @param peerSecret what the instances of one application present to each other's internal routes
 * @param retryAfter {@code Retry-After} of a 503 while stores migrate between instances
 * @param hubRefresh how old the public Hub's snapshot of the stores may get before a request refreshes it
 * @param publicRateLimit requests per client address to the public routes (the Hub)
 * @param standbyReplicas Kafka Streams {@code num.standby.replicas}: warm copies of each task's state on other
 *     instances, so that a task whose instance dies resumes without replaying its changelogs (0: none)
 * @param kafkaSecurity TLS/SASL of every Kafka client of the instance (Kafka Streams' own, the admin
 *     clients, the credentials follower); from the {@code BLUEBUTTON_KAFKA_*} variables on the command line
 * @param registrySecurity basic auth and trusted CAs for the registry
 * @param ingestUrl ingest's base URL as browsers reach it, http(s) without query or trailing slash: the Hub
 *        links to its sign-up page ({@code /pledge}) and the dashboard to its staff pages ({@code /staff});
 *        null (the default) for no links
 */
public record StreamsSettings(
        String bootstrapServers,
        String schemaRegistryUrl,
        String applicationId,
        String instanceId,
        Path stateDir,
        Duration grace,
        Duration commitInterval,
        short replicationFactor,
        boolean initializeTopics,
        boolean registerSchemas,
        int httpPort,
        String advertisedHost,
        String staffKeySha256,
        String peerSecret,
        Duration retryAfter,
        Duration hubRefresh,
        RateLimit publicRateLimit,
        int standbyReplicas,
        KafkaClientSecurity kafkaSecurity,
        RegistryClientSecurity registrySecurity,
        String ingestUrl) {

    public static final String DEFAULT_BOOTSTRAP_SERVERS = "localhost:9092";
    public static final String DEFAULT_SCHEMA_REGISTRY_URL = "http://localhost:8081/apis/ccompat/v7";
    public static final String DEFAULT_APPLICATION_ID = "bluebutton-streams";
    public static final String DEFAULT_STATE_DIR = "state";
    public static final String DEFAULT_GRACE = "P35D";
    public static final String DEFAULT_COMMIT_INTERVAL = "PT0.1S";
    public static final String DEFAULT_REPLICATION_FACTOR = "3";
    public static final String DEFAULT_INITIALIZE_TOPICS = "true";
    public static final String DEFAULT_REGISTER_SCHEMAS = "false";
    public static final String DEFAULT_HTTP_PORT = "8090";
    public static final String DEFAULT_ADVERTISED_HOST = "localhost";
    public static final String DEFAULT_RETRY_AFTER = "PT2S";
    public static final String DEFAULT_HUB_REFRESH = "PT30S";
    public static final String DEFAULT_PUBLIC_RATE_LIMIT = "20";
    public static final String DEFAULT_PUBLIC_RATE_BURST = "40";
    /**
     * None by default: a single instance has nowhere to keep a copy, and Kafka Streams warns about each task it
     * cannot place at every rebalance. A deployment of two or more instances sets 1 (README, "Running several instances").
     */
    public static final String DEFAULT_STANDBY_REPLICAS = "0";
    /** More copies than this cost a changelog read each and buy nothing on the deployments this service is built for. */
    public static final int MAX_STANDBY_REPLICAS = 5;

    public StreamsSettings {
        require(bootstrapServers != null && !bootstrapServers.isBlank(), "bootstrap-servers", "is required");
        require(schemaRegistryUrl != null && URI.create(schemaRegistryUrl).getScheme() != null, "schema-registry-url",
                "must be an http(s) URL");
        require(applicationId != null && !applicationId.isBlank(), "application-id", "is required");
        require(stateDir != null, "state-dir", "is required");
        require(grace != null && !grace.isNegative(), "grace", "must not be negative");
        require(commitInterval != null && !commitInterval.isNegative() && !commitInterval.isZero(), "commit-interval", "must be positive");
        require(replicationFactor >= 1, "replication-factor", "must be at least 1");
        require(httpPort >= 1 && httpPort <= 65_535, "http-port", "must be from 1 to 65535");
        require(advertisedHost != null && !advertisedHost.isBlank(), "advertised-host", "is required");
        // Either case, kept in lower case: ingest reads the same setting the same way (docker-compose.yml
        // hands one variable to both), so no value can start one service and stop the other.
        require(staffKeySha256 != null && QuerySettings.STAFF_KEY_SHA256.matcher(staffKeySha256).matches(), "staff-key-sha256",
                "must be the 64 hex digits of the staff key's SHA-256");
        staffKeySha256 = staffKeySha256.toLowerCase(java.util.Locale.ROOT);
        // Never repeats the secret, valid or not.
        require(peerSecret != null && QuerySettings.PEER_SECRET.matcher(peerSecret).matches(), "peer-secret",
                "must be 32 to 256 printable ASCII characters without spaces, the same on every instance");
        require(retryAfter != null && !retryAfter.isNegative(), "retry-after", "must not be negative");
        require(hubRefresh != null && hubRefresh.compareTo(Duration.ofSeconds(1)) >= 0 && hubRefresh.compareTo(Duration.ofHours(1)) <= 0,
                "hub-refresh", "must be from 1 second to 1 hour");
        require(publicRateLimit != null, "public-rate-limit", "is required");
        require(standbyReplicas >= 0 && standbyReplicas <= MAX_STANDBY_REPLICAS, "standby-replicas", "must be from 0 to " + MAX_STANDBY_REPLICAS);
        require(kafkaSecurity != null, "kafka-security", "is required (KafkaClientSecurity.PLAINTEXT for none)");
        require(registrySecurity != null, "registry-security", "is required (RegistryClientSecurity.NONE for none)");
        if (ingestUrl != null && ingestUrl.isBlank()) {
            ingestUrl = null;
        }
        require(ingestUrl == null || isBaseUrl(ingestUrl), "ingest-url",
                "must be an http(s) URL such as https://ingest.example.org, without query, fragment or trailing slash");
        if (instanceId != null && instanceId.isBlank()) {
            instanceId = null;
        }
    }

    /**
     * Settings with the command line's defaults for everything but the four settings without one;
     * change others on the builder.
     */
    public static Builder builder(String bootstrapServers, String schemaRegistryUrl, String staffKeySha256, String peerSecret) {
        return new Builder(bootstrapServers, schemaRegistryUrl, staffKeySha256, peerSecret);
    }

    /** A copy with another query port (e.g. once a free one is known). */
    public StreamsSettings withHttpPort(int port) {
        return new StreamsSettings(bootstrapServers, schemaRegistryUrl, applicationId, instanceId, stateDir, grace, commitInterval,
                replicationFactor, initializeTopics, registerSchemas, port, advertisedHost, staffKeySha256, peerSecret, retryAfter,
                hubRefresh, publicRateLimit, standbyReplicas, kafkaSecurity, registrySecurity, ingestUrl);
    }

    /**
     * What every Kafka client of the instance starts from: {@code bootstrap.servers} and the connection's
     * security settings.
     */
    public Map<String, Object> kafkaClientConfig() {
        return kafkaSecurity.applyTo(Map.of("bootstrap.servers", bootstrapServers));
    }

    /** The environment variable of a setting: {@code BLUEBUTTON_STREAMS_<SETTING>}. */
    public static String environmentVariable(String setting) {
        return "BLUEBUTTON_STREAMS_" + setting.replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /** Never the credentials. */
    @Override
    public String toString() {
        return "StreamsSettings[bootstrapServers=" + bootstrapServers + ", schemaRegistryUrl=" + schemaRegistryUrl + ", applicationId="
                + applicationId + ", instanceId=" + instanceId + ", stateDir=" + stateDir + ", grace=" + grace + ", commitInterval="
                + commitInterval + ", replicationFactor=" + replicationFactor + ", initializeTopics=" + initializeTopics
                + ", registerSchemas=" + registerSchemas + ", httpPort=" + httpPort + ", advertisedHost=" + advertisedHost
                + ", retryAfter=" + retryAfter + ", hubRefresh=" + hubRefresh + ", publicRateLimit=" + publicRateLimit + ", standbyReplicas=" + standbyReplicas + ", kafkaSecurity="
                + kafkaSecurity + ", registrySecurity=" + registrySecurity + ", ingestUrl=" + ingestUrl + "]";
    }

    private static boolean isBaseUrl(String text) {
        try {
            URI uri = new URI(text);
            return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null && uri.getQuery() == null
                    && uri.getFragment() == null && uri.getUserInfo() == null && !text.endsWith("/");
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void require(boolean condition, String setting, String rule) {
        if (!condition) {
            throw new InvalidStreamsSettingException(setting, rule);
        }
    }

    /** Builds {@link StreamsSettings} from the command line's defaults. */
    public static final class Builder {

        private final String bootstrapServers;
        private final String schemaRegistryUrl;
        private final String staffKeySha256;
        private final String peerSecret;
        private String applicationId = DEFAULT_APPLICATION_ID;
        private String instanceId;
        private Path stateDir = Path.of(DEFAULT_STATE_DIR);
        private Duration grace = Duration.parse(DEFAULT_GRACE);
        private Duration commitInterval = Duration.parse(DEFAULT_COMMIT_INTERVAL);
        private short replicationFactor = Short.parseShort(DEFAULT_REPLICATION_FACTOR);
        private boolean initializeTopics = Boolean.parseBoolean(DEFAULT_INITIALIZE_TOPICS);
        private boolean registerSchemas = Boolean.parseBoolean(DEFAULT_REGISTER_SCHEMAS);
        private int httpPort = Integer.parseInt(DEFAULT_HTTP_PORT);
        private String advertisedHost = DEFAULT_ADVERTISED_HOST;
        private Duration retryAfter = Duration.parse(DEFAULT_RETRY_AFTER);
        private Duration hubRefresh = Duration.parse(DEFAULT_HUB_REFRESH);
        private String ingestUrl;
        private RateLimit publicRateLimit = new RateLimit(Integer.parseInt(DEFAULT_PUBLIC_RATE_LIMIT), Integer.parseInt(DEFAULT_PUBLIC_RATE_BURST));
        private int standbyReplicas = Integer.parseInt(DEFAULT_STANDBY_REPLICAS);
        // Programs that build settings (tests, the local run) say what they connect with; the command line reads the environment.
        private KafkaClientSecurity kafkaSecurity = KafkaClientSecurity.PLAINTEXT;
        private RegistryClientSecurity registrySecurity = RegistryClientSecurity.NONE;

        private Builder(String bootstrapServers, String schemaRegistryUrl, String staffKeySha256, String peerSecret) {
            this.bootstrapServers = bootstrapServers;
            this.schemaRegistryUrl = schemaRegistryUrl;
            this.staffKeySha256 = staffKeySha256;
            this.peerSecret = peerSecret;
        }

        public Builder applicationId(String value) {
            applicationId = value;
            return this;
        }

        public Builder instanceId(String value) {
            instanceId = value;
            return this;
        }

        public Builder stateDir(Path value) {
            stateDir = value;
            return this;
        }

        public Builder grace(Duration value) {
            grace = value;
            return this;
        }

        public Builder commitInterval(Duration value) {
            commitInterval = value;
            return this;
        }

        public Builder replicationFactor(int value) {
            replicationFactor = (short) value;
            return this;
        }

        public Builder initializeTopics(boolean value) {
            initializeTopics = value;
            return this;
        }

        public Builder registerSchemas(boolean value) {
            registerSchemas = value;
            return this;
        }

        public Builder httpPort(int value) {
            httpPort = value;
            return this;
        }

        public Builder advertisedHost(String value) {
            advertisedHost = value;
            return this;
        }

        public Builder retryAfter(Duration value) {
            retryAfter = value;
            return this;
        }

        public Builder hubRefresh(Duration value) {
            hubRefresh = value;
            return this;
        }

        public Builder publicRateLimit(RateLimit value) {
            publicRateLimit = value;
            return this;
        }

        public Builder standbyReplicas(int value) {
            standbyReplicas = value;
            return this;
        }

        public Builder kafkaSecurity(KafkaClientSecurity value) {
            kafkaSecurity = value;
            return this;
        }

        public Builder registrySecurity(RegistryClientSecurity value) {
            registrySecurity = value;
            return this;
        }

        /** Ingest's base URL for the Hub's and the dashboard's links; null for none. */
        public Builder ingestUrl(String value) {
            ingestUrl = value;
            return this;
        }

        public StreamsSettings build() {
            return new StreamsSettings(bootstrapServers, schemaRegistryUrl, applicationId, instanceId, stateDir, grace, commitInterval,
                    replicationFactor, initializeTopics, registerSchemas, httpPort, advertisedHost, staffKeySha256, peerSecret, retryAfter,
                hubRefresh, publicRateLimit, standbyReplicas, kafkaSecurity, registrySecurity, ingestUrl);
        }
    }
}
