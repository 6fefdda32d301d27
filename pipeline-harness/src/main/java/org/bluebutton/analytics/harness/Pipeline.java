package org.bluebutton.analytics.harness;

import java.nio.file.Path;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.ingest.IngestService;
import org.bluebutton.analytics.ingest.config.IngestConfiguration;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.process.ChildProcess;
import org.bluebutton.analytics.streams.StreamsService;
import org.bluebutton.analytics.streams.StreamsSettings;
import org.bluebutton.analytics.streams.query.QuerySettings;

/**
 * The services of the pipeline on a local stack, in this process: ingest (topics created, schemas
 * registered) and a streams instance with its query API, sharing a staff key and a peer secret drawn
 * for this pipeline. The one way the local run, the reliability suite and the benchmarks start the
 * services. Streams can be stopped and started again on its own (the same query port and state
 * directory unless the settings say otherwise). Closing stops ingest (flushing in-flight sends),
 * then streams, then the stack if the pipeline owns it.
 */
public final class Pipeline implements AutoCloseable {

    /** Short enough that the whole shutdown fits in the stack children's 30 s wait. */
    private static final Duration STREAMS_CLOSE_TIMEOUT = Duration.ofSeconds(15);
    /** The streams application's id unless told otherwise: its consumer group and the prefix of its internal topics. */
    public static final String DEFAULT_APPLICATION_ID = StreamsSettings.DEFAULT_APPLICATION_ID;

    private final LocalStack stack;
    private final boolean ownsStack;
    private final ApiKey staffKey = ApiKey.generate(ApiKey.STAFF_PREFIX);
    private final String peerSecret = QuerySettings.newPeerSecret();
    private final int queryPort;
    private final Path stateDirectory;
    private final String applicationId;
    private final String instanceId;
    private final IngestService ingest;
    private volatile StreamsService streams;

    private Pipeline(Builder builder) {
        this.stack = builder.stack;
        this.ownsStack = builder.ownsStack;
        this.queryPort = builder.queryPort == 0 ? ChildProcess.freePort() : builder.queryPort;
        this.stateDirectory = builder.stateDirectory;
        this.applicationId = builder.applicationId;
        this.instanceId = builder.instanceId;
        this.ingest = IngestService.start(IngestConfiguration.builder(stack.bootstrapServers(), stack.schemaRegistryUrl(), staffKey.secretSha256())
                .replicationFactor(1).registerSchemas(true).build(), builder.ingestPort);
    }

    /** A pipeline on {@code stack}; the stack outlives it unless {@link Builder#ownsStack()}. */
    public static Builder on(LocalStack stack) {
        return new Builder(stack);
    }

    /** A pipeline on a new temporary stack (its own broker and registry), closed with the pipeline. */
    public static Builder onTemporaryStack() {
        return new Builder(LocalStack.startTemporary()).ownsStack();
    }

    /** The broker and registry. */
    public LocalStack stack() {
        return stack;
    }

    /** The staff key of this pipeline (ingest and the query API); never logged. */
    public ApiKey staffKey() {
        return staffKey;
    }

    /** The secret the streams instances of this pipeline present to each other. */
    public String peerSecret() {
        return peerSecret;
    }

    /** The running ingest. */
    public IngestService ingest() {
        return ingest;
    }

    /** Base URL of ingest. */
    public String ingestUrl() {
        return ingest.url();
    }

    /** Base URL of the query API, Hub and dashboard. */
    public String queryUrl() {
        return "http://localhost:" + queryPort;
    }

    /**
     * Settings of this pipeline's streams instance (its stack, keys, query port, state directory,
     * application and instance id, replication 1, this pipeline's ingest for the Hub's and the dashboard's
     * links), to change before {@link #startStreams(StreamsSettings)}.
     */
    public StreamsSettings.Builder streamsSettings() {
        return StreamsSettings.builder(stack.bootstrapServers(), stack.schemaRegistryUrl(), staffKey.secretSha256(), peerSecret)
                .applicationId(applicationId).instanceId(instanceId).stateDir(stateDirectory).replicationFactor(1).httpPort(queryPort)
                .ingestUrl(ingestUrl());
    }

    /** Starts the streams instance with {@link #streamsSettings()}. */
    public StreamsService startStreams() {
        return startStreams(streamsSettings().build());
    }

    /** Starts the streams instance with {@code settings}; one at a time. */
    public synchronized StreamsService startStreams(StreamsSettings settings) {
        if (streams != null) {
            throw new IllegalStateException("streams is running; stop it first");
        }
        streams = StreamsService.start(settings);
        return streams;
    }

    /** Stops the streams instance and its query API, if running. */
    public synchronized void stopStreams() {
        StreamsService running = streams;
        streams = null;
        if (running != null) {
            running.close(STREAMS_CLOSE_TIMEOUT);
        }
    }

    /** The running streams instance, or null while stopped. */
    public StreamsService streams() {
        return streams;
    }

    /** The Kafka Streams client's state ({@code NOT_RUNNING} while stopped). */
    public KafkaStreams.State streamsState() {
        StreamsService running = streams;
        return running == null ? KafkaStreams.State.NOT_RUNNING : running.streams().state();
    }

    /** The running streams instance's application id: its consumer group, whose commits the report checks. */
    public String streamsApplicationId() {
        StreamsService running = streams;
        if (running == null) {
            throw new IllegalStateException("streams is not running");
        }
        return running.settings().applicationId();
    }

    @Override
    public void close() {
        try {
            ingest.close();
        } finally {
            try {
                stopStreams();
            } finally {
                if (ownsStack) {
                    stack.close();
                }
            }
        }
    }

    /** How to start a {@link Pipeline}. */
    public static final class Builder {

        private final LocalStack stack;
        private boolean ownsStack;
        private int ingestPort;
        private int queryPort;
        private Path stateDirectory = Path.of(StreamsSettings.DEFAULT_STATE_DIR);
        private String applicationId = DEFAULT_APPLICATION_ID;
        private String instanceId;
        private boolean startStreams = true;

        private Builder(LocalStack stack) {
            this.stack = stack;
        }

        /** Ports of ingest and the query API (0, the default: free ones). */
        public Builder ports(int ingest, int query) {
            this.ingestPort = ingest;
            this.queryPort = query;
            return this;
        }

        /** Where streams keeps its state stores. */
        public Builder stateDirectory(Path directory) {
            this.stateDirectory = directory;
            return this;
        }

        /** The streams application id (default {@value Pipeline#DEFAULT_APPLICATION_ID}). */
        public Builder applicationId(String id) {
            this.applicationId = id;
            return this;
        }

        /** A stable instance id, so that a restarted streams instance rejoins at once (static membership). */
        public Builder instanceId(String id) {
            this.instanceId = id;
            return this;
        }

        /** Start ingest only; streams later, with {@link Pipeline#startStreams(StreamsSettings)}. */
        public Builder withoutStreams() {
            this.startStreams = false;
            return this;
        }

        /** Closing the pipeline closes the stack too. */
        public Builder ownsStack() {
            this.ownsStack = true;
            return this;
        }

        /** Starts ingest, then (unless {@link #withoutStreams()}) streams; on failure stops what started. */
        public Pipeline start() {
            Pipeline pipeline;
            try {
                pipeline = new Pipeline(this);
            } catch (RuntimeException e) {
                if (ownsStack) {
                    stack.close();
                }
                throw e;
            }
            if (startStreams) {
                try {
                    pipeline.startStreams();
                } catch (RuntimeException e) {
                    pipeline.close();
                    throw e;
                }
            }
            return pipeline;
        }
    }
}
