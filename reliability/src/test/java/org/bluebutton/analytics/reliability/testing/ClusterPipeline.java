package org.bluebutton.analytics.reliability.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KafkaStreams;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.ingest.IngestService;
import org.bluebutton.analytics.ingest.config.IngestConfiguration;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.process.ChildProcess;
import org.bluebutton.analytics.streams.StreamsService;
import org.bluebutton.analytics.streams.StreamsSettings;
import org.bluebutton.analytics.streams.query.QuerySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline on a multi-node stack, as deployed on a real cluster: ingest with its production
 * defaults and one streams instance with its query API, in this process, both creating topics with
 * the stack's replication ({@link LocalStack#replicationFactor()}: 3, {@code min.insync.replicas} 2)
 * rather than the single-broker 1 the harness's {@code Pipeline} uses. The streams instance is
 * supervised as in production: a client that ends in {@code ERROR} is replaced, and the replacements
 * are counted for the report.
 */
public final class ClusterPipeline implements PipelineUnderTest, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterPipeline.class);
    private static final Duration STREAMS_CLOSE_TIMEOUT = Duration.ofSeconds(15);

    private final LocalStack stack;
    private final Path work;
    private final ApiKey staffKey = ApiKey.generate(ApiKey.STAFF_PREFIX);
    private final StreamsSettings streamsSettings;
    private final IngestService ingest;
    private final AtomicInteger supervisorRestarts = new AtomicInteger();
    private final Thread supervisor;
    private volatile StreamsService streams;
    private volatile boolean closed;

    private ClusterPipeline(LocalStack stack, Path work) {
        this.stack = stack;
        this.work = work;
        this.ingest = IngestService.start(IngestConfiguration.builder(stack.bootstrapServers(), stack.schemaRegistryUrl(), staffKey.secretSha256())
                .replicationFactor(stack.replicationFactor()).registerSchemas(true).build(), 0);
        this.streamsSettings = StreamsSettings.builder(stack.bootstrapServers(), stack.schemaRegistryUrl(), staffKey.secretSha256(),
                        QuerySettings.newPeerSecret())
                .applicationId("cluster-" + System.nanoTime()).instanceId("cluster-1").stateDir(work.resolve("streams-state"))
                .replicationFactor(stack.replicationFactor()).httpPort(ChildProcess.freePort()).build();
        this.streams = StreamsService.start(streamsSettings);
        this.supervisor = new Thread(this::supervise, "cluster-streams-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
    }

    /** Starts ingest and one streams instance on {@code stack}; the stack outlives the pipeline. */
    public static ClusterPipeline start(LocalStack stack) {
        Path work;
        try {
            work = Files.createTempDirectory("cluster-pipeline");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new ClusterPipeline(stack, work);
        } catch (RuntimeException e) {
            ChildProcess.deleteRecursively(work);
            throw e;
        }
    }

    @Override
    public LocalStack stack() {
        return stack;
    }

    @Override
    public String queryUrl() {
        return "http://localhost:" + streamsSettings.httpPort();
    }

    @Override
    public String staffKey() {
        return staffKey.reveal();
    }

    @Override
    public void remember(ApiKey key) {
        // No log scan runs in the cluster suite's JVM: nothing to remember the key for.
    }

    @Override
    public void rememberPersonal(String value) {
        // No log scan runs in the cluster suite's JVM: nothing to remember the value for.
    }

    /** The streams application id: its consumer group and the prefix of its internal topics. */
    public String applicationId() {
        return streamsSettings.applicationId();
    }

    /** A client of this pipeline's ingest. */
    public IngestClient ingestClient() {
        return new IngestClient(this, ingest.url());
    }

    /** How often the supervisor replaced a streams client that had ended in {@code ERROR}. */
    public int supervisorRestarts() {
        return supervisorRestarts.get();
    }

    /** The streams client's state. */
    public KafkaStreams.State streamsState() {
        StreamsService running = streams;
        return running == null ? KafkaStreams.State.NOT_RUNNING : running.streams().state();
    }

    private void supervise() {
        while (!closed) {
            try {
                Thread.sleep(500);
                synchronized (this) {
                    if (!closed && streamsState() == KafkaStreams.State.ERROR) {
                        LOG.warn("Streams client in ERROR: replacing it, as a process supervisor would");
                        supervisorRestarts.incrementAndGet();
                        streams.close(STREAMS_CLOSE_TIMEOUT);
                        streams = StreamsService.start(streamsSettings);
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Supervisor could not replace the streams client; trying again", e);
            }
        }
    }

    /** Stops ingest (flushing in-flight sends), then streams; deletes the state directory. */
    @Override
    public synchronized void close() {
        closed = true;
        supervisor.interrupt();
        try {
            ingest.close();
        } finally {
            try {
                StreamsService running = streams;
                streams = null;
                if (running != null) {
                    running.close(STREAMS_CLOSE_TIMEOUT);
                }
            } finally {
                ChildProcess.deleteRecursively(work);
            }
        }
    }
}
