package org.bluebutton.analytics.localstack.kafka;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeMetadataQuorumOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;
import org.bluebutton.analytics.localstack.process.ChildProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Kafka cluster of N KRaft nodes on this machine, each a {@link LocalKafka} child process that
 * is broker and controller at once, with its own ports and data directory, and a static controller
 * quorum of all N nodes. Internal topics and the brokers' defaults for new topics get the catalogue's
 * production replication (3, {@code min.insync.replicas} 2; fewer with fewer nodes), so a cluster of
 * three tolerates the loss of any one node without refusing an {@code acks=all} write.
 *
 * <p>A cluster of one node is exactly the single broker of {@link LocalKafka#builder()}. Each node can
 * be stopped, killed, paused and restarted on its own ({@link #node(int)}); {@link #leaderOf} and
 * {@link #activeController()} tell a fault test which node to hit.
 */
public final class LocalKafkaCluster implements AutoCloseable {

    /** Replicas per partition in production (the topic catalogue's default). */
    public static final int PRODUCTION_REPLICATION_FACTOR = 3;

    private static final Logger LOG = LoggerFactory.getLogger(LocalKafkaCluster.class);

    private final List<LocalKafka> nodes;
    private final int replicationFactor;
    private final Duration startupTimeout;

    private LocalKafkaCluster(List<LocalKafka> nodes, int replicationFactor, Duration startupTimeout) {
        this.nodes = List.copyOf(nodes);
        this.replicationFactor = replicationFactor;
        this.startupTimeout = startupTimeout;
    }

    /**
     * Starts describing a cluster: {@code nodes} nodes in a new temporary directory on free ports,
     * unless the builder is told otherwise.
     *
     * @param nodes the number of KRaft nodes, at least 1
     * @return a builder with the defaults
     */
    public static Builder builder(int nodes) {
        return new Builder(nodes);
    }

    /** A cluster of one existing broker (what a single-node stack runs); it is started and closed with the cluster. */
    public static LocalKafkaCluster of(LocalKafka single) {
        return new LocalKafkaCluster(List.of(single), 1, Duration.ofSeconds(60));
    }

    /**
     * Starts every node at once (a node only becomes ready once a majority of the quorum runs) and
     * waits until every broker is registered with the controller.
     *
     * @throws BrokerStartException if a node does not start; every node is stopped then
     */
    public void start() {
        if (nodes.size() == 1) {
            nodes.get(0).start(); // the single broker, started as it always was
            return;
        }
        long startNanos = System.nanoTime();
        List<CompletableFuture<Void>> starts = nodes.stream().map(node -> CompletableFuture.runAsync(node::start)).toList();
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
            awaitBrokers(nodes.size(), startupTimeout);
        } catch (RuntimeException e) {
            RuntimeException failure = e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
            nodes.forEach(LocalKafka::stop);
            throw failure;
        }
        LOG.info("Kafka cluster of {} nodes ready at {} after {} ms", nodes.size(), bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    /**
     * Waits until the controller reports {@code count} registered brokers (for instance after a
     * node's restart, before the next fault).
     *
     * @throws BrokerStartException if that does not happen within {@code timeout}
     */
    public void awaitBrokers(int count, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception lastFailure = null;
        try (Admin admin = admin()) {
            while (System.nanoTime() < deadline) {
                try {
                    int registered = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes()
                            .get(3, TimeUnit.SECONDS).size();
                    if (registered >= count) {
                        return;
                    }
                    lastFailure = new IllegalStateException(registered + " of " + count + " brokers registered");
                } catch (ExecutionException | TimeoutException e) {
                    lastFailure = e;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new BrokerStartException("Interrupted while waiting for " + count + " brokers at " + bootstrapServers(), e);
                }
                sleep(100);
            }
        }
        throw new BrokerStartException("Fewer than " + count + " brokers registered at " + bootstrapServers() + " within " + timeout,
                lastFailure);
    }

    /**
     * The node that leads {@code partition} of {@code topic} now.
     *
     * @throws IllegalStateException if the partition has no leader or the cluster does not answer
     */
    public LocalKafka leaderOf(String topic, int partition) {
        try (Admin admin = admin()) {
            TopicDescription description = admin.describeTopics(List.of(topic), new DescribeTopicsOptions().timeoutMs(10_000))
                    .allTopicNames().get(15, TimeUnit.SECONDS).get(topic);
            TopicPartitionInfo info = description.partitions().get(partition);
            if (info.leader() == null || info.leader().isEmpty()) {
                throw new IllegalStateException(topic + "-" + partition + " has no leader now");
            }
            return node(info.leader().id());
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot describe " + topic + " at " + bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing " + topic, e);
        }
    }

    /**
     * The node that is the active controller (the leader of the metadata quorum) now.
     *
     * @throws IllegalStateException if the quorum does not answer
     */
    public LocalKafka activeController() {
        try (Admin admin = admin()) {
            int leader = admin.describeMetadataQuorum(new DescribeMetadataQuorumOptions().timeoutMs(10_000)).quorumInfo()
                    .get(15, TimeUnit.SECONDS).leaderId();
            return node(leader);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot describe the metadata quorum at " + bootstrapServers(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing the metadata quorum", e);
        }
    }

    /**
     * The node with this id.
     *
     * @throws IllegalArgumentException if there is none
     */
    public LocalKafka node(int nodeId) {
        return nodes.stream().filter(node -> node.nodeId() == nodeId).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No node " + nodeId + " in " + this));
    }

    /** Every node, in node-id order. */
    public List<LocalKafka> nodes() {
        return nodes;
    }

    /** The number of nodes. */
    public int size() {
        return nodes.size();
    }

    /** Replicas per partition of internal topics and of new topics by default: 3, or the node count if smaller. */
    public int replicationFactor() {
        return replicationFactor;
    }

    /** {@code min.insync.replicas} of those topics: all copies but one, at least 1. */
    public int minInSyncReplicas() {
        return Math.max(1, replicationFactor - 1);
    }

    /** {@code bootstrap.servers}: every node, so clients find the cluster whichever node is down. */
    public String bootstrapServers() {
        return nodes.stream().map(LocalKafka::bootstrapServers).collect(Collectors.joining(","));
    }

    /** Stops every node cleanly and deletes temporary data directories. */
    @Override
    public void close() {
        // In parallel: a node stopping alone while the others are gone waits for a quorum it cannot reach.
        CompletableFuture.allOf(nodes.stream().map(node -> CompletableFuture.runAsync(node::close)).toArray(CompletableFuture[]::new)).join();
    }

    @Override
    public String toString() {
        return "LocalKafkaCluster[" + nodes.size() + " nodes, " + bootstrapServers() + "]";
    }

    private Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "local-kafka-cluster-probe",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 250));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BrokerStartException("Interrupted while waiting for the cluster", e);
        }
    }

    /** Describes a {@link LocalKafkaCluster}. */
    public static final class Builder {
        private final int size;
        private Path dataDirectory;
        private int firstBrokerPort;
        private int firstControllerPort;
        private String maxHeap = "512m";
        private Duration startupTimeout = Duration.ofSeconds(90);

        private Builder(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("A cluster needs at least one node, got " + size);
            }
            this.size = size;
        }

        /** Keeps node {@code i}'s data in {@code directory/node-i} (never deleted); default: temporary directories. */
        public Builder dataDirectory(Path directory) {
            this.dataDirectory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
            return this;
        }

        /**
         * Fixed ports: node {@code i} (1-based) listens for clients on {@code firstBrokerPort + 2(i-1)} and
         * for the quorum on {@code firstControllerPort + 2(i-1)} (9092/9093, 9094/9095, 9096/9097 for
         * the defaults of a person's run). Default: free ports chosen at {@link #build()}.
         */
        public Builder ports(int firstBrokerPort, int firstControllerPort) {
            Set<Integer> ports = new HashSet<>();
            for (int i = 0; i < size; i++) {
                int broker = firstBrokerPort + 2 * i;
                int controller = firstControllerPort + 2 * i;
                if (broker <= 0 || controller <= 0 || broker > 65_535 || controller > 65_535 || !ports.add(broker) || !ports.add(controller)) {
                    throw new IllegalArgumentException("Ports from " + firstBrokerPort + " and " + firstControllerPort + " in steps of 2 collide or "
                            + "leave the port range for " + size + " nodes");
                }
            }
            this.firstBrokerPort = firstBrokerPort;
            this.firstControllerPort = firstControllerPort;
            return this;
        }

        /** The maximum heap of each node's JVM (default {@code 512m}). */
        public Builder maxHeap(String maxHeap) {
            this.maxHeap = ChildProcess.requireHeapSize(maxHeap);
            return this;
        }

        /** How long {@link LocalKafkaCluster#start()} waits for every broker (default 90 s). */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = ChildProcess.requirePositive(timeout);
            return this;
        }

        /** Creates the nodes without starting them. */
        public LocalKafkaCluster build() {
            if (size == 1) {
                // Exactly the single broker every other test runs on.
                LocalKafka.Builder single = LocalKafka.builder().maxHeap(maxHeap).startupTimeout(startupTimeout);
                if (dataDirectory != null) {
                    single.dataDirectory(dataDirectory.resolve("node-1"));
                }
                if (firstBrokerPort != 0) {
                    single.ports(firstBrokerPort, firstControllerPort);
                }
                return new LocalKafkaCluster(List.of(single.build()), 1, startupTimeout);
            }
            int[] brokerPorts = new int[size];
            int[] controllerPorts = new int[size];
            Set<Integer> taken = new HashSet<>();
            for (int i = 0; i < size; i++) {
                brokerPorts[i] = firstBrokerPort != 0 ? firstBrokerPort + 2 * i : freePortOtherThan(taken);
                controllerPorts[i] = firstBrokerPort != 0 ? firstControllerPort + 2 * i : freePortOtherThan(taken);
                taken.add(brokerPorts[i]);
                taken.add(controllerPorts[i]);
            }
            List<String> voters = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                voters.add((i + 1) + "@localhost:" + controllerPorts[i]);
            }
            String quorumVoters = String.join(",", voters);
            String clusterId = Uuid.randomUuid().toString();
            int replication = Math.min(PRODUCTION_REPLICATION_FACTOR, size);
            Path temporaryRoot = dataDirectory == null ? null : dataDirectory;
            List<LocalKafka> nodes = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                LocalKafka.Builder node = LocalKafka.builder().clusterNode(i + 1, quorumVoters, clusterId).replicationFactor(replication)
                        .ports(brokerPorts[i], controllerPorts[i]).maxHeap(maxHeap).startupTimeout(startupTimeout);
                if (temporaryRoot != null) {
                    node.dataDirectory(temporaryRoot.resolve("node-" + (i + 1)));
                }
                nodes.add(node.build());
            }
            return new LocalKafkaCluster(nodes, replication, startupTimeout);
        }

        private static int freePortOtherThan(Set<Integer> taken) {
            int port;
            do {
                port = ChildProcess.freePort();
            } while (taken.contains(port));
            return port;
        }
    }
}
