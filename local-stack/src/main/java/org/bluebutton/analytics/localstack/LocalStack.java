package org.bluebutton.analytics.localstack;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.bluebutton.analytics.localstack.kafka.LocalKafka;
import org.bluebutton.analytics.localstack.registry.LocalSchemaRegistry;

/**
 * The real infrastructure of the pipeline on one machine without Docker: a single-node Kafka broker
 * (KRaft) and a Confluent-compatible schema registry, each a child process. Tests get one shared
 * instance through {@link LocalStackExtension}; {@link LocalStackMain} runs one for people.
 */
public final class LocalStack implements AutoCloseable {

    private final LocalKafka kafka;
    private final LocalSchemaRegistry registry;

    private LocalStack(LocalKafka kafka, LocalSchemaRegistry registry) {
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

    /** Starts both servers at once (each takes seconds) and returns when both are ready. */
    static LocalStack start(LocalKafka kafka, LocalSchemaRegistry registry) {
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

    /** The Kafka broker, for fault injection (stop, kill, pause, restart). */
    public LocalKafka kafka() {
        return kafka;
    }

    /** The schema registry, for fault injection (pause, resume). */
    public LocalSchemaRegistry registry() {
        return registry;
    }

    /** {@code bootstrap.servers} of the broker. */
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
