package org.bluebutton.analytics.localstack.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.Uuid;
import org.bluebutton.analytics.localstack.process.ChildProcess;
import org.bluebutton.analytics.localstack.process.ParentWatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft mode, combined broker and controller) running as a
 * child process of this JVM, for tests and for a local run without Docker.
 *
 * <p>The child JVM uses this JVM's classpath and runs {@link KafkaBrokerMain}. Because it is a
 * separate process, it can be stopped cleanly ({@link #stop()}), killed ({@link #kill()}),
 * frozen as in a network stall ({@link #pause()}/{@link #resume()}) and started again on the
 * same data directory and the same ports ({@link #restart()}), with the data kept.
 *
 * <pre>{@code
 * try (LocalKafka kafka = LocalKafka.builder().build()) {
 *     kafka.start();
 *     String bootstrap = kafka.bootstrapServers(); // "localhost:<port>"
 *     ...
 * }
 * }</pre>
 *
 * <p>The data directory holds {@code server.properties} (rewritten at every start),
 * {@code broker.log} (the child's logging, standard output and standard error, appended across
 * restarts) and {@code kafka-logs/} (the Kafka log and metadata directory).
 *
 * <p>The child never outlives this JVM: a shutdown hook stops it, and the child exits on its own
 * when this process is gone. Pausing uses the {@code kill} command, so it needs a Unix-like OS.
 * Instances are thread-safe.
 */
public final class LocalKafka implements AutoCloseable {

    /** The file, in the data directory, that receives the broker's log. */
    public static final String LOG_FILE_NAME = "broker.log";

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafka.class);

    private static final String PROPERTIES_FILE_NAME = "server.properties";
    private static final String KAFKA_LOGS_DIR_NAME = "kafka-logs";
    private static final String LOGBACK_CONFIG = "org/bluebutton/analytics/localstack/kafka/broker-logback.xml";
    private static final int DEFAULT_NODE_ID = 1;
    private static final int LOG_TAIL_LINES = 30;

    private final Path dataDirectory;
    private final boolean temporaryDirectory;
    private final int brokerPort;
    private final int controllerPort;
    private final int nodeId;
    private final String quorumVoters;
    private final String clusterIdForNewStorage;
    private final int replicationFactor;
    private final String maxHeap;
    private final Duration startupTimeout;
    private final Map<String, String> brokerProperties;
    private final SecuredListener secured;
    private final ChildProcess process;

    private boolean closed;

    private LocalKafka(Builder builder, Path dataDirectory, boolean temporaryDirectory, int brokerPort,
            int controllerPort) {
        this.dataDirectory = dataDirectory;
        this.temporaryDirectory = temporaryDirectory;
        this.brokerPort = brokerPort;
        this.controllerPort = controllerPort;
        this.nodeId = builder.nodeId;
        this.quorumVoters = builder.quorumVoters == null ? nodeId + "@localhost:" + controllerPort : builder.quorumVoters;
        this.clusterIdForNewStorage = builder.clusterId;
        this.replicationFactor = builder.replicationFactor;
        this.maxHeap = builder.maxHeap;
        this.startupTimeout = builder.startupTimeout;
        this.brokerProperties = Map.copyOf(builder.brokerProperties);
        this.secured = builder.secured;
        this.process = new ChildProcess("Kafka broker", dataDirectory, dataDirectory.resolve(LOG_FILE_NAME),
                builder.shutdownTimeout);
    }

    /**
     * Starts describing a broker. Without further settings it gets a new temporary data
     * directory (deleted by {@link #close()}) and two free ports chosen once.
     *
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Launches the broker child process and waits until it serves requests.
     *
     * @throws BrokerStartException if the child exits or is not ready within the startup timeout;
     *         the child is killed in the latter case
     * @throws IllegalStateException if the broker is already running or this object is closed
     */
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("LocalKafka for " + dataDirectory + " is closed");
        }
        if (isRunning()) {
            throw new IllegalStateException("Kafka broker is already running at " + bootstrapServers());
        }
        long startNanos = System.nanoTime();
        String clusterId = clusterId(dataDirectory.resolve(KAFKA_LOGS_DIR_NAME), clusterIdForNewStorage);
        Path propertiesFile = writeServerProperties(clusterId);
        List<String> command = new ArrayList<>();
        command.add(ChildProcess.javaExecutable());
        command.add("-Xmx" + maxHeap);
        command.add("-XX:+ExitOnOutOfMemoryError");
        // C1 only: a broker JVM that starts about a second faster (measured on two cores), at the
        // cost of peak throughput that tests and local runs do not need.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Djava.awt.headless=true");
        command.add("-Dlogback.configurationFile=" + LOGBACK_CONFIG);
        command.add("-D" + ParentWatch.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid());
        command.add("-cp");
        command.add(ChildProcess.absoluteClasspath());
        command.add(KafkaBrokerMain.class.getName());
        command.add(propertiesFile.toString());
        try {
            process.launch(command);
        } catch (UncheckedIOException e) {
            throw new BrokerStartException(describe("could not launch " + command.get(0)), e);
        }
        awaitReady(startNanos, clusterId);
        LOG.info("Kafka broker ready at {} (pid {}, data {}) after {} ms", bootstrapServers(), process.pid(),
                dataDirectory, elapsedMillis(startNanos));
    }

    /**
     * Stops the broker cleanly (SIGTERM, then SIGKILL after the shutdown timeout) and waits for
     * the process to exit. Does nothing if the broker is not running. A paused broker is resumed
     * first.
     */
    public synchronized void stop() {
        if (!process.isAlive()) {
            return;
        }
        long startNanos = System.nanoTime();
        process.stop();
        LOG.info("Kafka broker stopped after {} ms ({})", elapsedMillis(startNanos), process.exitDescription());
    }

    /**
     * Kills the broker abruptly (SIGKILL), as in a crash of the broker process, and waits for it
     * to be gone. What the broker wrote stays in the operating system's cache, so acknowledged
     * records survive (unlike a power loss). Does nothing if the broker is not running.
     */
    public synchronized void kill() {
        process.kill();
    }

    /**
     * Freezes the broker process (SIGSTOP). Its sockets stay open but nothing answers, as in a
     * network stall. Does nothing if it is already paused.
     *
     * @throws IllegalStateException if the broker is not running
     */
    public synchronized void pause() {
        process.pause();
    }

    /**
     * Lets a paused broker process run again (SIGCONT). Does nothing if it is not paused.
     *
     * @throws IllegalStateException if the broker is not running
     */
    public synchronized void resume() {
        process.resume();
    }

    /**
     * Starts the broker again on the same data directory and the same ports, after a
     * {@link #stop()} or a {@link #kill()}; a running broker is stopped cleanly first.
     *
     * @throws BrokerStartException as {@link #start()}
     */
    public synchronized void restart() {
        stop();
        start();
    }

    /**
     * Tells whether the broker process is alive (a paused broker counts as running).
     *
     * @return {@code true} between a successful start and a stop, kill or crash
     */
    public boolean isRunning() {
        return process.isAlive();
    }

    /**
     * The address for {@code bootstrap.servers}; it stays the same across restarts.
     *
     * @return {@code localhost:<broker port>}
     */
    public String bootstrapServers() {
        return "localhost:" + brokerPort;
    }

    /**
     * Settings of an admin client of this broker: the bootstrap servers, and on a secured broker the
     * administrator's SASL_SSL settings.
     *
     * @return a new map
     */
    public Map<String, Object> adminConfig() {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        if (secured != null) {
            config.putAll(secured.clientConfig(secured.admin()));
        }
        return config;
    }

    /**
     * The KRaft node id of this broker (1 unless it is one node of a {@link LocalKafkaCluster}).
     *
     * @return the node id
     */
    public int nodeId() {
        return nodeId;
    }

    /**
     * The directory holding the broker's configuration, log and data.
     *
     * @return the data directory
     */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * The broker's log file: the child's logging, standard output and standard error.
     *
     * @return {@code broker.log} in the data directory
     */
    public Path logFile() {
        return dataDirectory.resolve(LOG_FILE_NAME);
    }

    /**
     * Stops the broker cleanly and, if the data directory is a temporary one created by the
     * builder, deletes it. The object cannot be started again afterwards.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        process.close();
        if (temporaryDirectory) {
            ChildProcess.deleteRecursively(dataDirectory);
        }
    }

    @Override
    public String toString() {
        return "LocalKafka[" + bootstrapServers() + ", controller port " + controllerPort + ", " + dataDirectory + "]";
    }

    // ---------------------------------------------------------------------------------------------

    private Path writeServerProperties(String clusterId) {
        Path kafkaLogs = dataDirectory.resolve(KAFKA_LOGS_DIR_NAME);
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(KafkaBrokerMain.CLUSTER_ID_PROPERTY, clusterId);
        settings.put("process.roles", "broker,controller");
        settings.put("node.id", Integer.toString(nodeId));
        settings.put("controller.quorum.voters", quorumVoters);
        // The clients' listener is PLAINTEXT, or SASL_SSL on a secured broker (same port either way).
        String listener = secured == null ? "PLAINTEXT" : "SASL_SSL";
        settings.put("listeners", listener + "://localhost:" + brokerPort + ",CONTROLLER://localhost:" + controllerPort);
        settings.put("advertised.listeners", listener + "://localhost:" + brokerPort);
        settings.put("listener.security.protocol.map", listener + ":" + listener + ",CONTROLLER:PLAINTEXT");
        settings.put("controller.listener.names", "CONTROLLER");
        settings.put("inter.broker.listener.name", listener);
        if (secured != null) {
            settings.putAll(secured.brokerProperties());
        }
        settings.put("log.dirs", kafkaLogs.toString());
        // Every internal topic has replicationFactor replicas (1 on a single node) and few partitions
        // for a fast start. min.insync.replicas follows the project's rule (TopicInitializer in schemas:
        // all copies but one, at least 1), so that an acks=all write survives the loss of one broker.
        String replicas = Integer.toString(replicationFactor);
        String minInSync = Integer.toString(Math.max(1, replicationFactor - 1));
        settings.put("offsets.topic.replication.factor", replicas);
        settings.put("offsets.topic.num.partitions", "1");
        settings.put("transaction.state.log.replication.factor", replicas);
        settings.put("transaction.state.log.min.isr", minInSync);
        settings.put("transaction.state.log.num.partitions", "1");
        settings.put("share.coordinator.state.topic.replication.factor", replicas);
        settings.put("share.coordinator.state.topic.min.isr", minInSync);
        settings.put("share.coordinator.state.topic.num.partitions", "1");
        settings.put("default.replication.factor", replicas);
        settings.put("min.insync.replicas", minInSync);
        settings.put("num.partitions", "1");
        settings.put("group.initial.rebalance.delay.ms", "0");
        // After a kill, the restarted broker can only register once the controller has expired the
        // session of its previous incarnation: keep that short (defaults: 9 s session, 2 s heartbeat).
        settings.put("broker.session.timeout.ms", "3000");
        settings.put("broker.heartbeat.interval.ms", "500");
        settings.putAll(brokerProperties);

        Path file = dataDirectory.resolve(PROPERTIES_FILE_NAME);
        try {
            Files.createDirectories(dataDirectory);
            Properties properties = new Properties();
            properties.putAll(settings);
            try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                properties.store(writer, "Written by LocalKafka at every start; edits are overwritten");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
        return file;
    }

    /**
     * The cluster id the log directory was formatted with, or for a fresh directory the one given to
     * the builder (shared by the nodes of a cluster), else a new one.
     */
    private static String clusterId(Path kafkaLogs, String forNewStorage) {
        Path metaProperties = kafkaLogs.resolve("meta.properties");
        if (Files.isRegularFile(metaProperties)) {
            Properties meta = new Properties();
            try (var reader = Files.newBufferedReader(metaProperties, StandardCharsets.UTF_8)) {
                meta.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + metaProperties, e);
            }
            String clusterId = meta.getProperty("cluster.id");
            if (clusterId != null && !clusterId.isBlank()) {
                return clusterId;
            }
        }
        return forNewStorage != null ? forNewStorage : Uuid.randomUuid().toString();
    }

    /**
     * Waits until the broker answers as an unfenced member of our cluster: another process
     * listening on the port (an earlier broker, for one) does not count.
     */
    private void awaitReady(long startNanos, String clusterId) {
        long deadline = startNanos + startupTimeout.toNanos();
        Throwable lastFailure = null;
        // Wait for the listener before creating a client, so the client does not log refused connections.
        while (!ChildProcess.acceptsConnections(brokerPort)) {
            checkAlive(lastFailure);
            checkDeadline(deadline, lastFailure);
            sleep(50);
        }
        Properties config = new Properties();
        config.putAll(adminConfig());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "local-kafka-readiness-probe");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "1000");
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "1500");
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MS_CONFIG, "500");
        config.put(AdminClientConfig.SOCKET_CONNECTION_SETUP_TIMEOUT_MAX_MS_CONFIG, "1000");
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, "50");
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "250");
        config.put(AdminClientConfig.RETRY_BACKOFF_MS_CONFIG, "50");
        config.put(AdminClientConfig.RETRY_BACKOFF_MAX_MS_CONFIG, "250");
        try (Admin admin = Admin.create(config)) {
            while (true) {
                checkAlive(lastFailure);
                checkDeadline(deadline, lastFailure);
                try {
                    DescribeClusterResult cluster = admin.describeCluster(new DescribeClusterOptions().timeoutMs(1000));
                    String answeringCluster = cluster.clusterId().get(1500, TimeUnit.MILLISECONDS);
                    Collection<Node> nodes = cluster.nodes().get(1500, TimeUnit.MILLISECONDS);
                    if (clusterId.equals(answeringCluster) && !nodes.isEmpty()) {
                        return;
                    }
                    lastFailure = new IllegalStateException("Cluster " + answeringCluster + " answered on "
                            + bootstrapServers() + " with nodes " + nodes + "; waiting for cluster " + clusterId);
                } catch (ExecutionException e) {
                    lastFailure = e.getCause();
                } catch (TimeoutException e) {
                    lastFailure = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.kill();
                    throw new BrokerStartException(describe("interrupted while waiting for the broker"), e);
                }
                sleep(100);
            }
        }
    }

    private void checkAlive(Throwable lastFailure) {
        if (!process.isAlive()) {
            throw new BrokerStartException(describe("broker process exited (" + process.exitDescription()
                    + ") before it was ready"), lastFailure);
        }
    }

    private void checkDeadline(long deadline, Throwable lastFailure) {
        if (System.nanoTime() - deadline > 0) {
            process.kill();
            throw new BrokerStartException(describe("broker was not ready within " + startupTimeout
                    + "; killed it (" + process.exitDescription() + ")"), lastFailure);
        }
    }

    /** Describes a failure with everything needed to diagnose it. */
    private String describe(String problem) {
        return "Kafka broker failed to start: " + problem
                + "\n  data directory: " + dataDirectory
                + "\n  broker port: " + brokerPort + ", controller port: " + controllerPort
                + process.diagnosis(LOG_TAIL_LINES);
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** Waits between readiness probes; an interrupted start kills the half-started broker. */
    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.kill();
            throw new BrokerStartException(describe("interrupted while waiting for the broker"), e);
        }
    }

    /**
     * Describes a {@link LocalKafka}. All settings are optional.
     */
    public static final class Builder {
        private Path dataDirectory;
        private int brokerPort;
        private int controllerPort;
        private int nodeId = DEFAULT_NODE_ID;
        private String quorumVoters;
        private String clusterId;
        private int replicationFactor = 1;
        private String maxHeap = "512m";
        private Duration startupTimeout = Duration.ofSeconds(60);
        private Duration shutdownTimeout = Duration.ofSeconds(30);
        private final Map<String, String> brokerProperties = new LinkedHashMap<>();
        private SecuredListener secured;

        private Builder() {
        }

        /**
         * Makes the clients' listener SASL_SSL with the users, certificate and ACL authorizer of
         * {@code listener} instead of PLAINTEXT.
         *
         * @param listener the secured listener's certificate and users
         * @return this builder
         */
        public Builder secured(SecuredListener listener) {
            this.secured = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Keeps the broker's data in this directory (created if missing, never deleted). Without
         * it, a new temporary directory is used and deleted by {@link LocalKafka#close()}.
         *
         * @param directory the data directory
         * @return this builder
         */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
            return this;
        }

        /**
         * Uses fixed ports instead of two free ports chosen when the object is built.
         *
         * @param brokerPort the PLAINTEXT port clients connect to
         * @param controllerPort the KRaft controller port
         * @return this builder
         */
        public Builder ports(int brokerPort, int controllerPort) {
            if (brokerPort <= 0 || controllerPort <= 0 || brokerPort == controllerPort) {
                throw new IllegalArgumentException("Need two different positive ports, got " + brokerPort
                        + " and " + controllerPort);
            }
            this.brokerPort = brokerPort;
            this.controllerPort = controllerPort;
            return this;
        }

        /**
         * Makes this broker one node of a multi-node KRaft cluster (see {@link LocalKafkaCluster}):
         * its node id, the static controller quorum of every node ({@code id@host:controllerPort,...},
         * this node among them) and the id of the cluster to format fresh storage with. Without it the
         * broker is node 1 of a cluster of its own.
         *
         * @param nodeId this node's id
         * @param quorumVoters the value of {@code controller.quorum.voters}
         * @param clusterId the cluster id every node formats its storage with
         * @return this builder
         */
        public Builder clusterNode(int nodeId, String quorumVoters, String clusterId) {
            if (nodeId < 0) {
                throw new IllegalArgumentException("Node id must not be negative, got " + nodeId);
            }
            if (Arrays.stream(Objects.requireNonNull(quorumVoters, "quorumVoters").split(","))
                    .noneMatch(voter -> voter.trim().startsWith(nodeId + "@"))) {
                throw new IllegalArgumentException("The quorum voters " + quorumVoters + " do not include node " + nodeId);
            }
            this.nodeId = nodeId;
            this.quorumVoters = quorumVoters;
            this.clusterId = Objects.requireNonNull(clusterId, "clusterId");
            return this;
        }

        /**
         * Sets the replication of Kafka's internal topics (consumer offsets, transaction state, share
         * state) and the broker's default for new topics (default 1, for a single node); their
         * {@code min.insync.replicas} become all copies but one, at least 1.
         *
         * @param replicationFactor replicas per partition, at most the number of nodes
         * @return this builder
         */
        public Builder replicationFactor(int replicationFactor) {
            if (replicationFactor < 1) {
                throw new IllegalArgumentException("Replication factor must be at least 1, got " + replicationFactor);
            }
            this.replicationFactor = replicationFactor;
            return this;
        }

        /**
         * Sets the maximum heap of the broker JVM (default {@code 512m}).
         *
         * @param maxHeap a value for {@code -Xmx}, such as {@code 256m} or {@code 1g}
         * @return this builder
         */
        public Builder maxHeap(String maxHeap) {
            this.maxHeap = ChildProcess.requireHeapSize(maxHeap);
            return this;
        }

        /**
         * Sets how long {@link LocalKafka#start()} waits for the broker (default 60 s).
         *
         * @param timeout the startup timeout
         * @return this builder
         */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = ChildProcess.requirePositive(timeout);
            return this;
        }

        /**
         * Sets how long {@link LocalKafka#stop()} waits for a clean shutdown before it kills the
         * broker (default 30 s).
         *
         * @param timeout the shutdown timeout
         * @return this builder
         */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = ChildProcess.requirePositive(timeout);
            return this;
        }

        /**
         * Adds or overrides a broker setting, such as {@code log.retention.ms}. The listeners,
         * ports, node id and directories are set by {@link LocalKafka}; overriding them is at
         * the caller's risk.
         *
         * @param name the broker setting
         * @param value its value
         * @return this builder
         */
        public Builder brokerProperty(String name, String value) {
            brokerProperties.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
            return this;
        }

        /**
         * Creates the {@link LocalKafka}, without starting it. Creates the temporary data
         * directory and picks the free ports if needed.
         *
         * @return a broker that is not started yet
         */
        public LocalKafka build() {
            boolean temporary = dataDirectory == null;
            Path directory = temporary ? ChildProcess.temporaryDirectory("local-kafka-") : dataDirectory;
            int broker = brokerPort;
            int controller = controllerPort;
            if (broker == 0) {
                broker = ChildProcess.freePort();
                do {
                    controller = ChildProcess.freePort();
                } while (controller == broker);
            }
            return new LocalKafka(this, directory, temporary, broker, controller);
        }
    }
}
