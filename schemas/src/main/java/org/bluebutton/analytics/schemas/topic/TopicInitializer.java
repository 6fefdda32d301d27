package org.bluebutton.analytics.schemas.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the broker's topics match the catalogue: creates the missing ones, accepts the ones that
 * match and throws {@link TopicMismatchException} for one whose partitions, cleanup policy or
 * retention differ. Safe to run on every start and from several instances at once.
 *
 * <p>One difference it repairs instead: an input topic created by an earlier version without
 * {@code message.timestamp.type=LogAppendTime} gets it set in place ({@link #IN_PLACE}). Records
 * already on the topic keep the time their producer gave; only records appended afterwards carry the
 * broker's admission time (see the README, "Admission time").
 */
public final class TopicInitializer {

    private final Admin admin;
    private final short replicationFactor;
    private final Duration timeout;

    /**
     * @param admin a connected admin client (not closed by this class)
     * @param replicationFactor replication of created topics: 1 on a single local broker, 3 in production
     * @param timeout how long each broker request may take
     */
    public TopicInitializer(Admin admin, short replicationFactor, Duration timeout) {
        this.admin = admin;
        this.replicationFactor = replicationFactor;
        this.timeout = timeout;
    }

    private static final Logger LOG = LoggerFactory.getLogger(TopicInitializer.class);

    /** Topic settings that are changed on an existing topic when they differ, instead of failing the start. */
    static final Set<String> IN_PLACE = Set.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG);

    /** What {@link #ensure} did. */
    public record Outcome(List<String> created, List<String> alreadyPresent) {
    }

    /** Creates missing topics and verifies existing ones against {@code specs}. */
    public Outcome ensure(Collection<? extends TopicSpec<?, ?>> specs) {
        Set<String> existing = call("list topics", admin.listTopics().names());
        List<TopicSpec<?, ?>> missing = specs.stream().<TopicSpec<?, ?>>map(s -> s).filter(s -> !existing.contains(s.name())).toList();
        List<String> created = new ArrayList<>();
        for (TopicSpec<?, ?> spec : missing) {
            if (create(spec)) {
                created.add(spec.name());
            }
        }
        List<TopicSpec<?, ?>> present = specs.stream().<TopicSpec<?, ?>>map(s -> s).filter(s -> !created.contains(s.name())).toList();
        verify(present);
        return new Outcome(List.copyOf(created), present.stream().map(TopicSpec::name).toList());
    }

    private boolean create(TopicSpec<?, ?> spec) {
        NewTopic topic = new NewTopic(spec.name(), spec.partitions(), replicationFactor).configs(creationConfigs(spec));
        try {
            admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false; // another instance created it meanwhile; verify() checks it like any other
            }
            throw new TopicInitializationException("Could not create topic '" + spec.name() + "'", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicInitializationException("Interrupted while creating topic '" + spec.name() + "'", e);
        } catch (TimeoutException e) {
            throw new TopicInitializationException("Timed out after " + timeout + " creating topic '" + spec.name() + "'", e);
        }
    }

    /**
     * The {@code min.insync.replicas} for topics with {@code replicationFactor} copies, the project's
     * topics and Kafka Streams' internal ones alike: all copies but one, so an {@code acks=all} write
     * survives the loss of a broker and one broker may be down for maintenance; 1 on a single broker.
     */
    public static int minInSyncReplicas(int replicationFactor) {
        return Math.max(1, replicationFactor - 1);
    }

    private Map<String, String> creationConfigs(TopicSpec<?, ?> spec) {
        Map<String, String> configs = new LinkedHashMap<>(spec.configs());
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInSyncReplicas(replicationFactor)));
        return configs;
    }

    private void verify(List<TopicSpec<?, ?>> specs) {
        if (specs.isEmpty()) {
            return;
        }
        List<String> names = specs.stream().map(TopicSpec::name).toList();
        // Retried: a topic created a moment ago (by this or another instance) may not yet be in the
        // metadata of the broker that answers (UnknownTopicOrPartitionException, a retriable error).
        Map<String, TopicDescription> descriptions = callRetrying("describe topics " + names,
                () -> admin.describeTopics(names).allTopicNames());
        List<ConfigResource> resources = names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
        Map<ConfigResource, Config> configs = callRetrying("describe configs of " + names, () -> admin.describeConfigs(resources).all());
        Map<ConfigResource, Collection<AlterConfigOp>> repairs = new LinkedHashMap<>();
        for (TopicSpec<?, ?> spec : specs) {
            int partitions = descriptions.get(spec.name()).partitions().size();
            if (partitions != spec.partitions()) {
                throw new TopicMismatchException(spec.name(), "partitions",
                        Integer.toString(spec.partitions()), Integer.toString(partitions));
            }
            Config actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
            spec.configs().forEach((key, expected) -> {
                ConfigEntry entry = actual.get(key);
                String value = entry == null ? null : entry.value();
                if (!normalized(expected).equals(normalized(value))) {
                    if (!IN_PLACE.contains(key)) {
                        throw new TopicMismatchException(spec.name(), key, expected, value);
                    }
                    repairs.computeIfAbsent(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()), r -> new ArrayList<>())
                            .add(new AlterConfigOp(new ConfigEntry(key, expected), AlterConfigOp.OpType.SET));
                }
            });
        }
        if (!repairs.isEmpty()) {
            call("set " + IN_PLACE + " on " + repairs.keySet(), admin.incrementalAlterConfigs(repairs).all());
            LOG.info("Topics set to the catalogue's {} in place: {}", IN_PLACE,
                    repairs.keySet().stream().map(ConfigResource::name).toList());
        }
    }

    private static Set<String> normalized(String commaSeparated) {
        if (commaSeparated == null) {
            return Set.of();
        }
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).collect(Collectors.toSet());
    }

    /** {@link #call}, asked again while the answer is a retriable error, until the timeout. */
    private <T> T callRetrying(String what, Supplier<KafkaFuture<T>> request) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return call(what, request.get());
            } catch (TopicInitializationException e) {
                if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TopicInitializationException("Interrupted while trying to " + what, e);
            }
        }
    }

    private <T> T call(String what, KafkaFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new TopicInitializationException("Could not " + what, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicInitializationException("Interrupted while trying to " + what, e);
        } catch (TimeoutException e) {
            throw new TopicInitializationException("Timed out after " + timeout + " trying to " + what, e);
        }
    }
}
