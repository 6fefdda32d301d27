package org.bluebutton.analytics.reliability.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.ingest.IngestService;
import org.bluebutton.analytics.ingest.config.IngestConfiguration;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.process.ChildProcess;
import org.bluebutton.analytics.streams.StreamsApplication;
import org.bluebutton.analytics.streams.StreamsSettings;
import org.bluebutton.analytics.streams.query.QuerySettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pipeline on a multi-node stack, deployed as on a real cluster: two ingest instances (in this
 * process) and two instances of the streams application, each its own JVM as production runs it, so
 * that a test can SIGKILL one. Both create topics with the stack's replication
 * ({@link LocalStack#replicationFactor()}: 3, {@code min.insync.replicas} 2). The streams instances are
 * supervised as in production: an instance that exits without the test having killed it is started
 * again on its state directory, and those restarts are counted for the report.
 */
public final class ClusterPipeline implements PipelineUnderTest, AutoCloseable {

    /** Instances of each service. */
    public static final int INSTANCES = 2;

    private static final Logger LOG = LoggerFactory.getLogger(ClusterPipeline.class);
    private static final Duration READY_LIMIT = Duration.ofSeconds(300);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final LocalStack stack;
    private final Path work;
    private final ApiKey staffKey = ApiKey.generate(ApiKey.STAFF_PREFIX);
    private final String peerSecret = QuerySettings.newPeerSecret();
    private final String applicationId = "cluster-" + System.nanoTime();
    private final int standbyReplicas;
    private final List<IngestService> ingest = new ArrayList<>();
    private final List<StreamsInstance> streams = new ArrayList<>();
    private final AtomicInteger supervisorRestarts = new AtomicInteger();
    private final Thread supervisor;
    private volatile boolean closed;

    /** One streams instance: its JVM, query port and state directory; {@code down} while a test keeps it stopped. */
    private static final class StreamsInstance {
        final int index;
        final int port = ChildProcess.freePort();
        final Path directory;
        final ChildProcess process;
        volatile boolean down;

        StreamsInstance(int index, Path work) {
            this.index = index;
            this.directory = work.resolve("streams-" + index);
            this.process = new ChildProcess("streams instance " + index, directory, directory.resolve("streams.log"), Duration.ofSeconds(20));
        }
    }

    private ClusterPipeline(LocalStack stack, Path work, int standbyReplicas) {
        this.stack = stack;
        this.work = work;
        this.standbyReplicas = standbyReplicas;
        for (int i = 0; i < INSTANCES; i++) {
            ingest.add(IngestService.start(IngestConfiguration.builder(stack.bootstrapServers(), stack.schemaRegistryUrl(), staffKey.secretSha256())
                    .replicationFactor(stack.replicationFactor()).registerSchemas(i == 0).build(), 0));
        }
        for (int i = 0; i < INSTANCES; i++) {
            StreamsInstance instance = new StreamsInstance(i, work);
            streams.add(instance);
            launch(instance);
        }
        streams.forEach(this::awaitQueryPort);
        this.supervisor = new Thread(this::supervise, "cluster-streams-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
    }

    /**
     * Starts two ingest and two streams instances on {@code stack}, the streams application keeping
     * {@code standbyReplicas} warm copies of each task's state; the stack outlives the pipeline.
     */
    public static ClusterPipeline start(LocalStack stack, int standbyReplicas) {
        Path work;
        try {
            work = Files.createTempDirectory("cluster-pipeline");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new ClusterPipeline(stack, work, standbyReplicas);
        } catch (RuntimeException e) {
            ChildProcess.deleteRecursively(work);
            throw e;
        }
    }

    private void launch(StreamsInstance instance) {
        StreamsSettings settings = StreamsSettings.builder(stack.bootstrapServers(), stack.schemaRegistryUrl(), staffKey.secretSha256(), peerSecret)
                .applicationId(applicationId)
                .instanceId(instanceId(instance))
                .stateDir(instance.directory.resolve("state"))
                .replicationFactor(stack.replicationFactor())
                .initializeTopics(false)
                .standbyReplicas(standbyReplicas)
                .httpPort(instance.port)
                .build();
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable(), "-Xmx384m", "-cp", ChildProcess.absoluteClasspath(),
                StreamsApplication.class.getName()));
        command.addAll(StreamsApplication.arguments(settings));
        instance.process.launch(command);
    }

    private static String instanceId(StreamsInstance instance) {
        return "cluster-streams-" + instance.index;
    }

    private void awaitQueryPort(StreamsInstance instance) {
        long deadline = System.nanoTime() + READY_LIMIT.toNanos();
        while (!ChildProcess.acceptsConnections(instance.port)) {
            if (!instance.process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("streams instance " + instance.index + " did not open its query port\n" + instance.process.diagnosis(40));
            }
            sleep(Duration.ofMillis(200));
        }
    }

    @Override
    public LocalStack stack() {
        return stack;
    }

    /** The query API of the first streams instance a test has not stopped: where the figures are read. */
    @Override
    public String queryUrl() {
        return streams.stream().filter(instance -> !instance.down).findFirst().map(instance -> queryUrl(instance.index))
                .orElseThrow(() -> new IllegalStateException("every streams instance is stopped"));
    }

    /** The query API of streams instance {@code index}. */
    public String queryUrl(int index) {
        return "http://localhost:" + streams.get(index).port;
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
        return applicationId;
    }

    /** A client of ingest instance {@code index}. */
    public IngestClient ingestClient(int index) {
        return new IngestClient(this, ingest.get(index).url());
    }

    /** How often the supervisor restarted a streams instance that had exited on its own. */
    public int supervisorRestarts() {
        return supervisorRestarts.get();
    }

    /**
     * The streams instance whose active task reads {@code topic}-{@code partition} now, from the
     * group's assignment (each instance's static member id starts with its instance id).
     */
    public int ownerOf(String topic, int partition) throws Exception {
        try (Admin admin = Admin.create(stack.adminConfig())) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(applicationId)).all().get(30, TimeUnit.SECONDS).get(applicationId);
            for (MemberDescription member : group.members()) {
                if (member.assignment().topicPartitions().contains(new TopicPartition(topic, partition))) {
                    String id = member.groupInstanceId().orElseThrow();
                    for (StreamsInstance instance : streams) {
                        if (id.startsWith(instanceId(instance) + "-")) {
                            return instance.index;
                        }
                    }
                }
            }
        }
        throw new IllegalStateException("no member of " + applicationId + " reads " + topic + "-" + partition);
    }

    /** SIGKILLs streams instance {@code index} (no clean close, no leave-group) and keeps it down. */
    public void killStreams(int index) {
        StreamsInstance instance = streams.get(index);
        synchronized (this) {
            instance.down = true;
            instance.process.kill();
        }
    }

    /** Starts streams instance {@code index} again on its state directory and waits for its query port. */
    public void restartStreams(int index) {
        StreamsInstance instance = streams.get(index);
        synchronized (this) {
            if (!instance.process.isAlive()) {
                launch(instance);
            }
            instance.down = false;
        }
        awaitQueryPort(instance);
    }

    /**
     * Waits until every streams instance's query API answers {@code orgId}'s figures (a 200): the
     * deployment is steady, every instance caught up and routing.
     */
    public void awaitServing(String orgId, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (int i = 0; i < INSTANCES; i++) {
            while (status(queryUrl(i) + "/v1/organizations/" + orgId + "/metrics") != 200) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("streams instance " + i + " does not answer " + orgId + "'s figures within " + limit
                            + "\n" + streams.get(i).process.diagnosis(40));
                }
                sleep(Duration.ofMillis(300));
            }
        }
    }

    private int status(String url) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + staffKey.reveal()).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** The last lines of streams instance {@code index}'s log, for a failure message. */
    public String diagnosis(int index) {
        return streams.get(index).process.diagnosis(60);
    }

    private void supervise() {
        while (!closed) {
            try {
                Thread.sleep(500);
                synchronized (this) {
                    for (StreamsInstance instance : streams) {
                        if (!closed && !instance.down && !instance.process.isAlive()) {
                            LOG.warn("Streams instance {} exited ({}); starting it again, as a process supervisor would", instance.index,
                                    instance.process.exitDescription());
                            supervisorRestarts.incrementAndGet();
                            launch(instance);
                        }
                    }
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warn("Supervisor could not restart a streams instance; trying again", e);
            }
        }
    }

    /** Stops ingest (flushing in-flight sends), then the streams instances; deletes their directories. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
        }
        supervisor.interrupt();
        try {
            ingest.forEach(IngestService::close);
        } finally {
            try {
                streams.forEach(instance -> instance.process.close());
            } finally {
                ChildProcess.deleteRecursively(work);
            }
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
