package org.bluebutton.analytics.reliability.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.streams.KafkaStreams;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.harness.Pipeline;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.process.ChildProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline the reliability tests attack, one per test JVM: the real local stack (Kafka broker and
 * schema registry as child processes), ingest with its production defaults ({@code ack-timeout} 10 s,
 * {@code max-block} 5 s, {@code Retry-After} 5 s) and one streams instance with its query API, in this
 * process, started by the pipeline harness as the local run starts them. Streams can be stopped and
 * started on its own, and it is <em>supervised</em> as in production: a client that ends in
 * {@code ERROR} is replaced (the process supervisor's restart), and the replacements are counted so a
 * test can report them.
 *
 * <p>It is a static singleton rather than a JUnit extension because the jqwik properties run on their
 * own engine, which does not know Jupiter extensions. It is stopped by a shutdown hook.
 */
public final class ReliabilityPipeline implements PipelineUnderTest {

    private static final Logger LOG = LoggerFactory.getLogger(ReliabilityPipeline.class);
    private static ReliabilityPipeline shared;

    private final Pipeline pipeline;
    private final Path work;
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();
    private final Set<String> personal = ConcurrentHashMap.newKeySet();
    private final AtomicInteger supervisorRestarts = new AtomicInteger();
    private volatile boolean supervise = true;

    private ReliabilityPipeline(LocalStack stack, Path work) {
        this.work = work;
        this.pipeline = Pipeline.on(stack).stateDirectory(work.resolve("streams-state")).instanceId("reliability").start();
        remember(pipeline.staffKey());
        secrets.add(pipeline.peerSecret());
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
    @Override
    public LocalStack stack() {
        return pipeline.stack();
    }

    /** Base URL of ingest. */
    public String ingestUrl() {
        return pipeline.ingestUrl();
    }

    /** Base URL of the query API. */
    @Override
    public String queryUrl() {
        return pipeline.queryUrl();
    }

    /** The staff key (ingest and query API); never printed. */
    @Override
    public String staffKey() {
        return pipeline.staffKey().reveal();
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
        return pipeline.staffKey().secretSha256();
    }

    /**
     * Records a key the log scan must never find: the whole key, its secret part and the secret's
     * SHA-256 (the form ingest stores).
     */
    @Override
    public void remember(ApiKey key) {
        secrets.add(key.reveal());
        secrets.add(key.reveal().split("_", 3)[2]); // bbk_<keyId>_<secret>; the secret may itself hold '_'

        secrets.add(key.secretSha256());
    }

    @Override
    public void rememberPersonal(String value) {
        personal.add(value);
    }

    /** Every piece of personal data sent in this JVM so far (see {@link #rememberPersonal}). */
    public Set<String> personalData() {
        return Set.copyOf(personal);
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
        return pipeline.streamsState();
    }

    /** The streams instance's state directory. */
    public Path stateDirectory() {
        return work.resolve("streams-state");
    }

    /** Stops the streams instance and its query API (not supervised until {@link #startStreams()}). */
    public synchronized void stopStreams() {
        supervise = false;
        pipeline.stopStreams();
    }

    /** Starts a streams instance with its query API on the state directory (supervised again). */
    public synchronized void startStreams() {
        pipeline.startStreams();
        supervise = true;
    }

    private void supervise() {
        while (true) {
            try {
                Thread.sleep(500);
                synchronized (this) {
                    if (supervise && (pipeline.streams() == null || pipeline.streamsState() == KafkaStreams.State.ERROR)) {
                        LOG.warn("Streams client in ERROR: replacing it, as a process supervisor would");
                        supervisorRestarts.incrementAndGet();
                        pipeline.stopStreams();
                        pipeline.startStreams();
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
            supervise = false;
            pipeline.close();
        } finally {
            pipeline.stack().close();
            ChildProcess.deleteRecursively(work);
        }
    }
}
