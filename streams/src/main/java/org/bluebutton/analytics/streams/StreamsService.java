package org.bluebutton.analytics.streams;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.config.TopicConfig;
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
import org.bluebutton.analytics.streams.query.QueryServer;
import org.bluebutton.analytics.streams.query.QuerySettings;
import org.bluebutton.analytics.streams.query.store.CatchUpGate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running streams instance: {@link PledgeAnalyticsTopology} with {@code exactly_once_v2} and the
 * query API over its stores ({@link QueryServer}), started from {@link StreamsSettings}. The one way
 * to start the service: the command line ({@link StreamsApplication}) and every program that runs it
 * in its own process use it.
 */
public final class StreamsService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsService.class);
    private static final Duration TRANSIENT_RETRY_PAUSE = Duration.ofSeconds(5);
    /**
     * How long closing may take (commit or abort the open transaction, flush the stores, leave the
     * group); a supervisor must allow at least this before it kills the process.
     */
    public static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration DEFAULT_CLOSE_TIMEOUT = SHUTDOWN_TIMEOUT;
    /** The record cache shared by the stores of this instance. */
    static final long STATE_CACHE_BYTES = 64L * 1024 * 1024;
    /** How long an admin call (end offsets, topic checks) may take in all, retries included: see {@link #adminConfig}. */
    static final int ADMIN_API_TIMEOUT_MS = 10_000;
    /** How long one admin request may wait for its answer; at most {@link #ADMIN_API_TIMEOUT_MS}, as the admin client requires. */
    static final int ADMIN_REQUEST_TIMEOUT_MS = 5_000;
    private static final Map<String, Object> ADMIN_BOUNDS = Map.of(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, ADMIN_REQUEST_TIMEOUT_MS,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ADMIN_API_TIMEOUT_MS);

    private final StreamsSettings settings;
    private final KafkaStreams streams;
    private final Topology topology;
    private final QueryServer query;
    private final CatchUpGate catchUp;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private StreamsService(StreamsSettings settings, KafkaStreams streams, Topology topology, QueryServer query, CatchUpGate catchUp) {
        this.settings = settings;
        this.streams = streams;
        this.topology = topology;
        this.query = query;
        this.catchUp = catchUp;
    }

    /**
     * Prepares topics and schemas as configured, builds the application and starts its query API
     * (which answers 503 until the application runs); processing starts with {@link #startProcessing()}.
     */
    public static StreamsService create(StreamsSettings settings) {
        SchemaRegistryClient registry = new SchemaRegistryClient(new SchemaRegistryClientConfig(URI.create(settings.schemaRegistryUrl()),
                settings.registrySecurity().basicAuthUserInfo(), settings.registrySecurity().sslContext(),
                SchemaRegistryClientConfig.DEFAULT_CONNECT_TIMEOUT, SchemaRegistryClientConfig.DEFAULT_REQUEST_TIMEOUT));
        prepare(settings, registry);
        RecordSerdes serdes = new RecordSerdes(registry);
        Topology topology = new PledgeAnalyticsTopology(serdes, settings.grace(), settings.commitInterval(), settings.applicationId()).topology();
        KafkaStreams streams = new KafkaStreams(topology, streamsConfig(settings));
        streams.setUncaughtExceptionHandler(StreamsService::onThreadFailure);
        CatchUpGate catchUp = new CatchUpGate(adminConfig(settings), settings.applicationId(),
                sourceTopics(topology), settle(settings.commitInterval()));
        QueryServer query;
        try {
            query = QueryServer.start(streams, serdes, new QuerySettings(settings.applicationId(),
                    new HostInfo(settings.advertisedHost(), settings.httpPort()), settings.staffKeySha256(), settings.peerSecret(),
                    settings.retryAfter(), settings.hubRefresh(), settings.publicRateLimit(), settings.ingestUrl()), settings.kafkaClientConfig(), catchUp);
        } catch (RuntimeException e) {
            streams.close(DEFAULT_CLOSE_TIMEOUT);
            throw e;
        }
        StreamsService service = new StreamsService(settings, streams, topology, query, catchUp);
        // A client that can no longer process must end the process (so it is restarted), not linger.
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                service.stopped.countDown();
            }
        });
        return service;
    }

    /** {@link #create} and {@link #startProcessing()}. */
    public static StreamsService start(StreamsSettings settings) {
        StreamsService service = create(settings);
        try {
            service.startProcessing();
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    /** Starts the Kafka Streams application (once). */
    public void startProcessing() {
        catchUp.start(); // notes where the input ends before anything is processed
        streams.start();
        LOG.info("Streams application {} started (grace {}, commit interval {}); query API on port {}", settings.applicationId(),
                settings.grace(), settings.commitInterval(), query.port());
    }

    /**
     * Blocks until the application stopped or failed; returns the process exit code: 1 if it failed
     * (a supervisor should restart it), else 0.
     */
    public int awaitTermination() throws InterruptedException {
        stopped.await();
        if (streams.state() == KafkaStreams.State.ERROR) {
            LOG.error("Streams application {} failed; exiting", settings.applicationId());
            close();
            return 1;
        }
        return 0;
    }

    /** The settings this instance runs with. */
    public StreamsSettings settings() {
        return settings;
    }

    /** The Kafka Streams client (its state, its stores). */
    public KafkaStreams streams() {
        return streams;
    }

    /** The port the query API serves on. */
    public int queryPort() {
        return query.port();
    }

    /** Base URL of this instance's query API, Hub and dashboard. */
    public String queryUrl() {
        return "http://" + settings.advertisedHost() + ":" + query.port();
    }

    /**
     * The shared topics the application reads (its own internal topics left out), from the
     * topology's description: what a check that it has caught up watches.
     */
    public Set<String> sourceTopics() {
        return sourceTopics(topology);
    }

    private static Set<String> sourceTopics(Topology topology) {
        Set<String> shared = Topics.all().stream().map(TopicSpec::name).collect(Collectors.toSet());
        return topology.describe().subtopologies().stream()
                .flatMap(subtopology -> subtopology.nodes().stream())
                .filter(TopologyDescription.Source.class::isInstance)
                .flatMap(source -> ((TopologyDescription.Source) source).topicSet().stream())
                .filter(shared::contains)
                .collect(Collectors.toSet());
    }

    /** Stops the query API, then the application (waiting up to 30 s). */
    @Override
    public void close() {
        close(DEFAULT_CLOSE_TIMEOUT);
    }

    /** Stops the query API, then the application, waiting up to {@code timeout} for it. */
    public void close(Duration timeout) {
        try {
            catchUp.close();
            query.close();
        } finally {
            streams.close(timeout);
            stopped.countDown();
        }
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

    /**
     * How long after the sources a flush and a commit certainly follow: the flush runs once per commit
     * interval, and its changes are committed by the next commit (a margin for a busy thread).
     */
    static Duration settle(Duration commitInterval) {
        return commitInterval.multipliedBy(3).plusSeconds(1);
    }

    private static void prepare(StreamsSettings settings, SchemaRegistryClient registry) {
        try (Admin admin = Admin.create(settings.kafkaClientConfig())) {
            StateLayout.check(admin, settings.applicationId());
            if (settings.initializeTopics()) {
                new TopicInitializer(admin, settings.replicationFactor(), Duration.ofSeconds(30)).ensure(Topics.all());
            }
        }
        if (settings.registerSchemas()) {
            new SchemaRegistration(registry).registerAll(SchemaRegistration.subjectsOf(Topics.all()));
        }
    }

    /**
     * The admin clients' settings (Kafka Streams' own, which finds the changelogs' end offsets before a
     * restore, and the catch-up gate's). Kafka 4.1's admin client caches partition leaders and keeps
     * sending a partition's ListOffsets to a cached leader that has left the cluster until the call's
     * {@code default.api.timeout.ms} (60 s by default) runs out (KAFKA-20673); only the failed call
     * clears the entry. On the three-node cluster a SIGKILLed leader held every task's restore for 60 to
     * 120 s that way. Bounding each call to {@value #ADMIN_API_TIMEOUT_MS} ms turns that into one
     * short retry; a healthy cluster answers these calls in milliseconds.
     */
    static Map<String, Object> adminConfig(StreamsSettings settings) {
        Map<String, Object> config = new HashMap<>(settings.kafkaClientConfig());
        config.putAll(ADMIN_BOUNDS);
        return config;
    }

    static Properties streamsConfig(StreamsSettings settings) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        // bootstrap.servers and TLS/SASL: Kafka Streams hands these to its consumers, producers and admin client.
        config.putAll(settings.kafkaClientConfig());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitInterval().toMillis());
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) settings.replicationFactor());
        // Changelog and repartition topics hold the state exactly-once depends on: the same durability rule as the project's topics.
        config.put(StreamsConfig.topicPrefix(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG),
                Integer.toString(TopicInitializer.minInSyncReplicas(settings.replicationFactor())));
        config.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toAbsolutePath().toString());
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
        config.put(StreamsConfig.APPLICATION_SERVER_CONFIG, settings.advertisedHost() + ":" + settings.httpPort());
        config.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, settings.standbyReplicas());
        ADMIN_BOUNDS.forEach((key, value) -> config.put(StreamsConfig.adminClientPrefix(key), value));
        if (settings.instanceId() != null) {
            // Static membership; Kafka Streams adds a per-thread suffix.
            config.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG), settings.instanceId());
        }
        return config;
    }
}
