package org.bluebutton.analytics.localrun;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Waits until a Kafka Streams application has processed and committed everything its topics hold.
 *
 * <p>The query API reads state stores, which under exactly-once show updates before their
 * transaction commits; the annual report reads the output topics {@code read_committed}. So "the
 * query API shows the truth" does not yet mean "the report will": the transaction that carries the
 * last outputs may still be open. Outputs commit atomically with the offsets of what produced them,
 * so once the group has committed the end of every partition it reads (inputs, repartition and
 * foreign-key topics) and no transaction is open on them, every output is committed.
 *
 * <p>A committed offset can stay one short of the end when the last entry is a transaction marker
 * (the consumer skipped it after its last commit); that offset is read back to tell a marker, which
 * needs no processing, from a record, which does.
 */
public final class CommittedCatchUp {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, Object> clientConfig;
    private final String applicationId;

    /**
     * @param clientConfig connection settings for an admin client and a consumer (bootstrap servers)
     * @param applicationId the Kafka Streams application id: its group and its internal topics' prefix
     */
    public CommittedCatchUp(Map<String, Object> clientConfig, String applicationId) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.applicationId = applicationId;
    }

    /** Returns once everything is processed and committed; false if {@code timeout} passed first. */
    public boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(clientConfig)) {
            while (System.nanoTime() < deadline) {
                if (caughtUp(admin)) {
                    return true;
                }
                Thread.sleep(POLL.toMillis());
            }
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of streams application " + applicationId, e.getCause());
        }
    }

    private boolean caughtUp(Admin admin) throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata().get();
        // Every partition of every topic read, also those without a commit yet.
        Set<String> topics = committed.keySet().stream().map(TopicPartition::topic).collect(Collectors.toCollection(HashSet::new));
        topics.addAll(internalTopicsRead(admin));
        Set<TopicPartition> read = partitionsOf(admin, topics);
        if (read.isEmpty()) {
            return false;
        }
        Map<TopicPartition, Long> ends = ends(admin, read, IsolationLevel.READ_UNCOMMITTED);
        Map<TopicPartition, Long> stable = ends(admin, read, IsolationLevel.READ_COMMITTED);
        List<TopicPartition> oneShort = new ArrayList<>();
        for (TopicPartition partition : read) {
            long end = ends.get(partition);
            if (stable.get(partition) != end) {
                return false; // a transaction is open on it: more may come
            }
            OffsetAndMetadata offset = committed.get(partition);
            long behind = end - (offset == null ? 0 : offset.offset());
            if (behind > 1) {
                return false;
            }
            if (behind == 1) {
                oneShort.add(partition);
            }
        }
        return oneShort.isEmpty() || onlyMarkersAt(oneShort, ends);
    }

    /** Repartition and foreign-key subscription topics: read by the group, perhaps not committed on yet. */
    private Set<String> internalTopicsRead(Admin admin) throws ExecutionException, InterruptedException {
        return admin.listTopics().names().get().stream()
                .filter(name -> name.startsWith(applicationId + "-") && !name.endsWith("-changelog"))
                .collect(Collectors.toSet());
    }

    private static Set<TopicPartition> partitionsOf(Admin admin, Set<String> topics) throws ExecutionException, InterruptedException {
        Set<TopicPartition> partitions = new HashSet<>();
        for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get().values()) {
            topic.partitions().forEach(partition -> partitions.add(new TopicPartition(topic.name(), partition.partition())));
        }
        return partitions;
    }

    private static Map<TopicPartition, Long> ends(Admin admin, Set<TopicPartition> partitions, IsolationLevel isolation)
            throws ExecutionException, InterruptedException {
        Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /** Whether the last entry of each partition is a control record (a consumer returns no record at it). */
    private boolean onlyMarkersAt(List<TopicPartition> partitions, Map<TopicPartition, Long> ends) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            partitions.forEach(partition -> consumer.seek(partition, ends.get(partition) - 1));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() == ends.get(new TopicPartition(record.topic(), record.partition())) - 1) {
                        return false; // a record not yet processed
                    }
                }
                if (partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition))) {
                    return true;
                }
            }
            return false;
        }
    }
}
