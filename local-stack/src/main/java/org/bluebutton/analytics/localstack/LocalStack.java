package org.bluebutton.analytics.localstack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.bluebutton.analytics.localstack.kafka.LocalKafka;
import org.bluebutton.analytics.localstack.kafka.LocalKafkaCluster;
import org.bluebutton.analytics.localstack.registry.LocalSchemaRegistry;

/**
 * The real infrastructure of the pipeline on one machine without Docker: Kafka in KRaft mode — a
 * single-node broker, or a cluster of N nodes with the catalogue's replication ({@link LocalKafkaCluster})
 * — and a Confluent-compatible schema registry, each server a child process. Tests get one shared
 * instance through {@link LocalStackExtension}; {@link LocalStackMain} runs one for people.
 */
public final class LocalStack implements AutoCloseable {

    private final LocalKafkaCluster kafka;
    private final LocalSchemaRegistry registry;

    private LocalStack(LocalKafkaCluster kafka, LocalSchemaRegistry registry) {
        this.kafka = kafka;
        this.registry = registry;
    }

    /** Starts a stack in temporary directories on free ports; both are removed by {@link #close()}. */
    public static LocalStack startTemporary() {
        return start(LocalKafka.builder().build(), LocalSchemaRegistry.builder().build());
    }

    /**
     * Starts a stack with data under {@code directory} ({@code kafka/}, {@code registry/}) on fixed
     * ports, so that it can be restarted on the same data.
     */
    public static LocalStack startIn(Path directory, int kafkaPort, int controllerPort, int registryPort) {
        return start(
                LocalKafka.builder().dataDirectory(directory.resolve("kafka")).ports(kafkaPort, controllerPort).build(),
                LocalSchemaRegistry.builder().workingDirectory(directory.resolve("registry")).port(registryPort).build());
    }

    /**
     * Starts a stack of {@code kafkaNodes} Kafka nodes (1: the single broker of {@link #startTemporary()})
     * in temporary directories on free ports; removed by {@link #close()}.
     */
    public static LocalStack startTemporary(int kafkaNodes) {
        return start(LocalKafkaCluster.builder(kafkaNodes).build(), LocalSchemaRegistry.builder().build());
    }

    /**
     * Starts a stack of {@code kafkaNodes} Kafka nodes with data under {@code directory}
     * ({@code kafka/node-<id>/}, {@code registry/}) on fixed ports: node {@code i} on
     * {@code kafkaPort + 2(i-1)} and {@code controllerPort + 2(i-1)}. One node is {@link #startIn}.
     */
    public static LocalStack startIn(Path directory, int kafkaNodes, int kafkaPort, int controllerPort, int registryPort) {
        if (kafkaNodes == 1) {
            return startIn(directory, kafkaPort, controllerPort, registryPort);
        }
        return start(LocalKafkaCluster.builder(kafkaNodes).dataDirectory(directory.resolve("kafka")).ports(kafkaPort, controllerPort).build(),
                LocalSchemaRegistry.builder().workingDirectory(directory.resolve("registry")).port(registryPort).build());
    }

    /** Starts both servers at once (each takes seconds) and returns when both are ready. */
    static LocalStack start(LocalKafka kafka, LocalSchemaRegistry registry) {
        return start(LocalKafkaCluster.of(kafka), registry);
    }

    /** Starts Kafka and the registry at once and returns when both are ready. */
    static LocalStack start(LocalKafkaCluster kafka, LocalSchemaRegistry registry) {
        CompletableFuture<Void> registryStarted = CompletableFuture.runAsync(registry::start);
        try {
            kafka.start();
            registryStarted.join();
        } catch (RuntimeException e) {
            RuntimeException failure = e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
            try {
                registryStarted.join();
            } catch (CompletionException registryFailure) {
                if (registryFailure.getCause() != failure) {
                    failure.addSuppressed(registryFailure.getCause()); // both failed: report both
                }
            }
            registry.close();
            kafka.close();
            throw failure;
        }
        return new LocalStack(kafka, registry);
    }

    /**
     * The Kafka broker of a single-node stack, for fault injection (stop, kill, pause, restart).
     *
     * @throws IllegalStateException on a multi-node stack, whose nodes {@link #kafkaCluster()} names
     */
    public LocalKafka kafka() {
        if (kafka.size() != 1) {
            throw new IllegalStateException("This stack runs " + kafka.size() + " Kafka nodes: pick one with kafkaCluster().node(id)");
        }
        return kafka.nodes().get(0);
    }

    /** Every Kafka node (one on a single-node stack), for fault injection on a chosen node. */
    public LocalKafkaCluster kafkaCluster() {
        return kafka;
    }

    /**
     * Replicas per partition the services should create topics with: 1 on a single broker, 3 (the
     * catalogue's production setting) on a cluster of three or more.
     */
    public int replicationFactor() {
        return kafka.replicationFactor();
    }

    /** The schema registry, for fault injection (pause, resume). */
    public LocalSchemaRegistry registry() {
        return registry;
    }

    /** {@code bootstrap.servers}: the broker, or every node of a cluster. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** {@code schema.registry.url} of the registry's Confluent-compatible API. */
    public String schemaRegistryUrl() {
        return registry.url();
    }

    /** Settings of an idempotent {@code acks=all} producer for this broker; add serializers. */
    public Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrapServers());
        config.put("acks", "all");
        config.put("enable.idempotence", true);
        config.put("max.block.ms", 10_000);
        return config;
    }

    /**
     * Settings of a consumer in {@code groupId} that reads committed records from the earliest offset
     * and never commits on its own; add deserializers.
     */
    public Map<String, Object> consumerConfig(String groupId) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrapServers());
        config.put("group.id", groupId);
        config.put("auto.offset.reset", "earliest");
        config.put("isolation.level", "read_committed");
        config.put("enable.auto.commit", false);
        return config;
    }

    /** Settings of an admin client for this broker. */
    public Map<String, Object> adminConfig() {
        return new HashMap<>(Map.of("bootstrap.servers", bootstrapServers()));
    }

    /** Stops both servers; temporary directories are deleted. */
    @Override
    public void close() {
        try {
            registry.close();
        } finally {
            kafka.close();
        }
    }

    @Override
    public String toString() {
        return "LocalStack[kafka=" + bootstrapServers() + ", registry=" + schemaRegistryUrl() + "]";
    }
}
