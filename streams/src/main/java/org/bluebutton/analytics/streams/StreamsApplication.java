package org.bluebutton.analytics.streams;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.state.HostInfo;
import org.bluebutton.analytics.schemas.registry.SchemaRegistration;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClient;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClientConfig;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryUnavailableException;
import org.bluebutton.analytics.schemas.topic.TopicInitializer;
import org.bluebutton.analytics.schemas.topic.TopicSpec;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.query.QuerySettings;
import org.bluebutton.analytics.streams.query.QueryServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The streams service: runs {@link PledgeAnalyticsTopology} with {@code exactly_once_v2} and the
 * query API over its stores ({@link QueryServer}) until stopped. Every setting is an option here, with its environment variable and default, in this one
 * place.
 */
@Command(name = "bluebutton-streams", mixinStandardHelpOptions = true,
        description = "Deduplicates and aggregates the Blue Button Pledge events, exactly once.")
public final class StreamsApplication implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsApplication.class);
    private static final Duration TRANSIENT_RETRY_PAUSE = Duration.ofSeconds(5);
    /**
     * How long closing may take (commit or abort the open transaction, flush the stores, leave the
     * group); a supervisor must allow at least this before it kills the process.
     */
    public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    @Option(names = "--bootstrap-servers", defaultValue = "${env:BLUEBUTTON_STREAMS_BOOTSTRAP_SERVERS:-localhost:9092}",
            description = "Kafka bootstrap.servers (env BLUEBUTTON_STREAMS_BOOTSTRAP_SERVERS, default ${DEFAULT-VALUE})")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", defaultValue = "${env:BLUEBUTTON_STREAMS_SCHEMA_REGISTRY_URL:-http://localhost:8081/apis/ccompat/v7}",
            description = "Registry API base URL (env BLUEBUTTON_STREAMS_SCHEMA_REGISTRY_URL, default ${DEFAULT-VALUE})")
    String schemaRegistryUrl;

    @Option(names = "--application-id", defaultValue = "${env:BLUEBUTTON_STREAMS_APPLICATION_ID:-bluebutton-streams}",
            description = "Kafka Streams application.id; instances with the same id share the work (default ${DEFAULT-VALUE})")
    String applicationId;

    @Option(names = "--instance-id", defaultValue = "${env:BLUEBUTTON_STREAMS_INSTANCE_ID}",
            description = "Stable name of this instance (env BLUEBUTTON_STREAMS_INSTANCE_ID; e.g. the pod name). With it, "
                    + "a restarted instance takes its old place in the group at once instead of after the session timeout")
    String instanceId;

    @Option(names = "--state-dir", defaultValue = "${env:BLUEBUTTON_STREAMS_STATE_DIR:-state}",
            description = "Directory of the local state stores (default ${DEFAULT-VALUE})")
    Path stateDir;

    @Option(names = "--grace", defaultValue = "${env:BLUEBUTTON_STREAMS_GRACE:-P35D}",
            description = "How long after a month ends its events still count, ISO-8601 (default ${DEFAULT-VALUE})")
    Duration grace;

    @Option(names = "--commit-interval", defaultValue = "${env:BLUEBUTTON_STREAMS_COMMIT_INTERVAL:-PT0.1S}",
            description = "Transaction commit interval: bounds how stale outputs are (default ${DEFAULT-VALUE})")
    Duration commitInterval;

    @Option(names = "--replication-factor", defaultValue = "${env:BLUEBUTTON_STREAMS_REPLICATION_FACTOR:-3}",
            description = "Replication of internal and created topics (default ${DEFAULT-VALUE}; 1 on one local broker)")
    short replicationFactor;

    @Option(names = "--initialize-topics", defaultValue = "${env:BLUEBUTTON_STREAMS_INITIALIZE_TOPICS:-true}", arity = "1",
            description = "Create missing catalogue topics and check existing ones at start (default ${DEFAULT-VALUE})")
    boolean initializeTopics;

    @Option(names = "--register-schemas", defaultValue = "${env:BLUEBUTTON_STREAMS_REGISTER_SCHEMAS:-false}", arity = "1",
            description = "Register the catalogue's schemas at start; production uses register-schemas (default ${DEFAULT-VALUE})")
    boolean registerSchemas;

    @Option(names = "--http-port", defaultValue = "${env:BLUEBUTTON_STREAMS_HTTP_PORT:-8090}",
            description = "Port of the query API, Hub and dashboard (env BLUEBUTTON_STREAMS_HTTP_PORT, default ${DEFAULT-VALUE})")
    int httpPort;

    @Option(names = "--advertised-host", defaultValue = "${env:BLUEBUTTON_STREAMS_ADVERTISED_HOST:-localhost}",
            description = "Host name other instances reach this one's query API at: application.server (default ${DEFAULT-VALUE})")
    String advertisedHost;

    @Option(names = "--staff-key-sha256", defaultValue = "${env:BLUEBUTTON_STREAMS_STAFF_KEY_SHA256}",
            description = "Hex SHA-256 of the staff key's secret part, either case, as ingest's (env BLUEBUTTON_STREAMS_STAFF_KEY_SHA256; required)")
    String staffKeySha256;

    @Option(names = "--peer-secret", defaultValue = "${env:BLUEBUTTON_STREAMS_PEER_SECRET}",
            description = "Secret the instances of this application present to each other's internal routes: the same on every "
                    + "instance, 32 to 256 printable ASCII characters (env BLUEBUTTON_STREAMS_PEER_SECRET; required; never logged)")
    String peerSecret;

    @Option(names = "--retry-after", defaultValue = "${env:BLUEBUTTON_STREAMS_RETRY_AFTER:-PT2S}",
            description = "Retry-After of a 503 while stores migrate between instances (default ${DEFAULT-VALUE})")
    Duration retryAfter;

    private RecordSerdes serdes;
    private Topology topology;

    @Override
    public Integer call() throws InterruptedException {
        KafkaStreams streams = create();
        QueryServer query;
        try {
            query = startQueryServer(streams);
        } catch (RuntimeException e) {
            streams.close(SHUTDOWN_TIMEOUT);
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        // A client that can no longer process must end the process (so it is restarted), not linger.
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                stopped.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                query.close();
            } finally {
                streams.close(SHUTDOWN_TIMEOUT);
                stopped.countDown();
            }
        }, "streams-shutdown"));
        streams.start();
        LOG.info("Streams application {} started (grace {}, commit interval {}); query API on port {}", applicationId, grace, commitInterval,
                query.port());
        stopped.await();
        if (streams.state() == KafkaStreams.State.ERROR) {
            LOG.error("Streams application {} failed; exiting", applicationId);
            query.close();
            streams.close(SHUTDOWN_TIMEOUT);
            return 1;
        }
        return 0;
    }

    /**
     * Prepares topics and schemas as configured and returns the application, not yet started; for
     * programs that run it alongside others (the local run).
     */
    public KafkaStreams create() {
        if (grace.isNegative() || commitInterval.isNegative() || commitInterval.isZero() || replicationFactor < 1
                || httpPort < 1 || httpPort > 65_535 || retryAfter.isNegative()) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--grace must not be negative, --commit-interval must be positive, --replication-factor at least 1, "
                            + "--http-port from 1 to 65535, --retry-after not negative");
        }
        if (staffKeySha256 == null || !QuerySettings.STAFF_KEY_SHA256.matcher(staffKeySha256).matches()) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--staff-key-sha256 (or BLUEBUTTON_STREAMS_STAFF_KEY_SHA256) must be the 64 hex digits of the staff key's SHA-256");
        }
        if (peerSecret == null || !QuerySettings.PEER_SECRET.matcher(peerSecret).matches()) {
            throw new CommandLine.ParameterException(new CommandLine(this),
                    "--peer-secret (or BLUEBUTTON_STREAMS_PEER_SECRET) must be 32 to 256 printable ASCII characters without spaces, "
                            + "the same on every instance");
        }
        SchemaRegistryClient registry = new SchemaRegistryClient(SchemaRegistryClientConfig.of(schemaRegistryUrl));
        prepare(registry);
        serdes = new RecordSerdes(registry);
        topology = new PledgeAnalyticsTopology(serdes, grace, commitInterval, applicationId).topology();
        KafkaStreams streams = new KafkaStreams(topology, streamsConfig());
        streams.setUncaughtExceptionHandler(StreamsApplication::onThreadFailure);
        return streams;
    }

    /**
     * The shared topics the application made by {@link #create()} reads (its own internal topics left
     * out), from the topology's description.
     */
    public Set<String> sourceTopics() {
        Set<String> shared = Topics.all().stream().map(TopicSpec::name).collect(Collectors.toSet());
        return topology.describe().subtopologies().stream()
                .flatMap(subtopology -> subtopology.nodes().stream())
                .filter(TopologyDescription.Source.class::isInstance)
                .flatMap(source -> ((TopologyDescription.Source) source).topicSet().stream())
                .filter(shared::contains)
                .collect(Collectors.toSet());
    }

    /**
     * Starts the query API over the stores of {@code streams} (made by {@link #create()}), on
     * {@code --http-port}; the application may be started before or after.
     */
    public QueryServer startQueryServer(KafkaStreams streams) {
        return QueryServer.start(streams, serdes, querySettings());
    }

    /** The query service's settings from these options (the staff key hash in lower case, as ingest keeps it). */
    public QuerySettings querySettings() {
        return new QuerySettings(applicationId, new HostInfo(advertisedHost, httpPort), staffKeySha256, peerSecret, retryAfter);
    }

    /**
     * A thread failed because the registry was away: replace it after a pause (exactly-once makes
     * the retry safe). Anything else will fail again the same way: stop the client, so the process
     * exits and its supervisor sees it.
     */
    static StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse onThreadFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaRegistryUnavailableException) {
                LOG.warn("Schema registry unavailable; replacing the stream thread in {}", TRANSIENT_RETRY_PAUSE, error);
                try {
                    Thread.sleep(TRANSIENT_RETRY_PAUSE.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            }
        }
        LOG.error("Stream thread failed with an error retrying will not fix; stopping", error);
        return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
    }

    private void prepare(SchemaRegistryClient registry) {
        if (initializeTopics) {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
                new TopicInitializer(admin, replicationFactor, Duration.ofSeconds(30)).ensure(Topics.all());
            }
        }
        if (registerSchemas) {
            new SchemaRegistration(registry).registerAll(SchemaRegistration.subjectsOf(Topics.all()));
        }
    }

    /** The record cache shared by the stores of this instance. */
    static final long STATE_CACHE_BYTES = 64L * 1024 * 1024;

    Properties streamsConfig() {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) replicationFactor);
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toAbsolutePath().toString());
        config.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        // One task reads an organization's four input partitions. No figure depends on the order of
        // records across them (downloads, snapshots and stories are independent; profile changes are
        // reconciled at each flush), so a task processes what it has instead of waiting for every
        // partition to have buffered data.
        config.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, -1L);
        // The record cache coalesces each month's and year's writes between two commits; once it is
        // full, every write evicts and goes to its changelog on its own (the default 10 MiB is full
        // after a few hundred organizations' years).
        config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, STATE_CACHE_BYTES);
        config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, advertisedHost + ":" + httpPort);
        if (instanceId != null && !instanceId.isBlank()) {
            // Static membership; Kafka Streams adds a per-thread suffix.
            config.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), instanceId);
        }
        return config;
    }

    public static void main(String[] args) {
        int exitCode = new CommandLine(new StreamsApplication()).execute(args);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }
}
