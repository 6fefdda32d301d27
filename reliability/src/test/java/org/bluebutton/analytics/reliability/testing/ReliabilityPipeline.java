package org.bluebutton.analytics.reliability.testing;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KafkaStreams;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.process.ChildProcess;
import org.bluebutton.analytics.streams.StreamsApplication;
import org.bluebutton.analytics.streams.query.QueryServer;
import org.bluebutton.analytics.streams.query.QuerySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The pipeline the reliability tests attack, one per test JVM: the real local stack (Kafka broker and
 * schema registry as child processes), ingest with its production defaults ({@code ack-timeout} 10 s,
 * {@code max-block} 5 s, {@code Retry-After} 5 s) and one streams instance with its query API, in this
 * process, as {@code LocalPipeline} runs them. Unlike {@code LocalPipeline}, streams can be stopped and
 * started on its own, and it is <em>supervised</em> as in production: a client that ends in
 * {@code ERROR} is replaced (the process supervisor's restart), and the replacements are counted so a
 * test can report them.
 *
 * <p>It is a static singleton rather than a JUnit extension because the jqwik properties run on their
 * own engine, which does not know Jupiter extensions. It is stopped by a shutdown hook.
 */
public final class ReliabilityPipeline {

    private static final Logger LOG = LoggerFactory.getLogger(ReliabilityPipeline.class);
    private static final Duration STREAMS_CLOSE_TIMEOUT = Duration.ofSeconds(15);
    private static ReliabilityPipeline shared;

    private final LocalStack stack;
    private final Path work;
    private final ApiKey staffKey = ApiKey.generate(ApiKey.STAFF_PREFIX);
    private final String peerSecret = QuerySettings.newPeerSecret();
    private final int ingestPort = ChildProcess.freePort();
    private final int queryPort = ChildProcess.freePort();
    private final ApplicationContext ingest;
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger supervisorRestarts = new AtomicInteger();
    private volatile KafkaStreams streams;
    private volatile QueryServer query;
    private volatile boolean supervise = true;

    private ReliabilityPipeline(LocalStack stack, Path work) {
        this.stack = stack;
        this.work = work;
        remember(staffKey);
        secrets.add(peerSecret);
        this.ingest = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", ingestPort,
                "bluebutton.ingest.kafka-bootstrap-servers", stack.bootstrapServers(),
                "bluebutton.ingest.schema-registry-url", stack.schemaRegistryUrl(),
                "bluebutton.ingest.staff-key-sha256", staffKey.secretSha256(),
                "bluebutton.ingest.replication-factor", 1,
                "bluebutton.ingest.register-schemas", true)).getApplicationContext();
        openStreams();
        Thread supervisor = new Thread(this::supervise, "reliability-streams-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
    }

    /** The pipeline of this JVM, started on first use (stack first: about 15 s on two cores). */
    public static synchronized ReliabilityPipeline shared() {
        if (shared == null) {
            LogCapture.install();
            LocalStack stack = LocalStack.startTemporary();
            try {
                shared = new ReliabilityPipeline(stack, Files.createTempDirectory("reliability"));
            } catch (Exception e) {
                stack.close();
                throw new IllegalStateException("Could not start the reliability pipeline", e);
            }
            ReliabilityPipeline pipeline = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(pipeline::close, "reliability-pipeline-stop"));
        }
        return shared;
    }

    /** The local stack, whose broker and registry the fault tests stop, pause and resume. */
    public LocalStack stack() {
        return stack;
    }

    /** Base URL of ingest. */
    public String ingestUrl() {
        return "http://localhost:" + ingestPort;
    }

    /** Base URL of the query API. */
    public String queryUrl() {
        return "http://localhost:" + queryPort;
    }

    /** The staff key (ingest and query API); never printed. */
    public String staffKey() {
        return staffKey.reveal();
    }

    /** A client of this pipeline's ingest, as staff or as organizations it creates. */
    public IngestClient ingestClient() {
        return new IngestClient(this, ingestUrl());
    }

    /** A client of another ingest instance on this pipeline's stack (e.g. one a test kills). */
    public IngestClient ingestClient(String ingestUrl) {
        return new IngestClient(this, ingestUrl);
    }

    /** The SHA-256 the staff key's services are configured with (a secret too: the log scan looks for it). */
    public String staffKeySha256() {
        return staffKey.secretSha256();
    }

    /**
     * Records a key the log scan must never find: the whole key, its secret part and the secret's
     * SHA-256 (the form ingest stores).
     */
    public void remember(ApiKey key) {
        secrets.add(key.reveal());
        secrets.add(key.reveal().split("_", 3)[2]); // bbk_<keyId>_<secret>; the secret may itself hold '_'

        secrets.add(key.secretSha256());
    }

    /** Every secret handed out in this JVM so far (see {@link #remember(ApiKey)}). */
    public Set<String> secrets() {
        return Set.copyOf(secrets);
    }

    /** How often the supervisor replaced a streams client that had ended in {@code ERROR}. */
    public int supervisorRestarts() {
        return supervisorRestarts.get();
    }

    /** The current Kafka Streams client's state ({@code NOT_RUNNING} while stopped). */
    public KafkaStreams.State streamsState() {
        KafkaStreams current = streams;
        return current == null ? KafkaStreams.State.NOT_RUNNING : current.state();
    }

    /** The streams instance's state directory. */
    public Path stateDirectory() {
        return work.resolve("streams-state");
    }

    /** Stops the streams instance and its query API (not supervised until {@link #startStreams()}). */
    public synchronized void stopStreams() {
        supervise = false;
        closeStreams();
    }

    /** Starts a streams instance with its query API on the state directory (supervised again). */
    public synchronized void startStreams() {
        openStreams();
        supervise = true;
    }

    private void closeStreams() {
        try {
            if (query != null) {
                query.close();
            }
        } finally {
            if (streams != null) {
                streams.close(STREAMS_CLOSE_TIMEOUT);
            }
            query = null;
            streams = null;
        }
    }

    private void openStreams() {
        StreamsApplication application = new StreamsApplication();
        new CommandLine(application).parseArgs(
                "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", stack.schemaRegistryUrl(),
                "--state-dir", stateDirectory().toAbsolutePath().toString(),
                "--replication-factor", "1",
                "--instance-id", "reliability",
                "--http-port", Integer.toString(queryPort),
                "--staff-key-sha256", staffKey.secretSha256(),
                "--peer-secret", peerSecret);
        KafkaStreams created = application.create();
        query = application.startQueryServer(created);
        created.start();
        streams = created;
    }

    private void supervise() {
        while (true) {
            try {
                Thread.sleep(500);
                synchronized (this) {
                    if (supervise && (streams == null || streams.state() == KafkaStreams.State.ERROR)) {
                        LOG.warn("Streams client in ERROR: replacing it, as a process supervisor would");
                        supervisorRestarts.incrementAndGet();
                        closeStreams();
                        openStreams();
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Supervisor could not replace the streams client; trying again", e);
            }
        }
    }

    private synchronized void close() {
        try {
            ingest.close();
        } finally {
            try {
                stopStreams();
            } finally {
                stack.close();
                ChildProcess.deleteRecursively(work);
            }
        }
    }
}
