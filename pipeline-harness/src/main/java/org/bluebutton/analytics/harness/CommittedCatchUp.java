package org.bluebutton.analytics.harness;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
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
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Waits until a Kafka Streams application has processed and committed everything its topics hold.
 *
 * <p>The query API reads state stores, which under exactly-once show updates before their
 * transaction commits; the annual report reads the output topics {@code read_committed}. So "the
 * query API shows the truth" does not yet mean "the report will": the transaction that carries the
 * last outputs may still be open. Outputs commit atomically with the offsets of what produced them,
 * so once the group's committed offsets leave no unread record in any partition it reads (its source
 * topics, and its repartition and foreign-key topics) and no transaction is open there, every output
 * is committed.
 *
 * <p>A committed offset can stay short of the end with nothing left to process: the entries after it
 * are transaction markers (or aborted records) the consumer skipped after its last commit. Those
 * partitions are read back {@code read_committed} from the committed offset: caught up when no record
 * comes back before the end.
 */
public final class CommittedCatchUp {

    private static final Duration POLL = Duration.ofMillis(200);

    private final Map<String, Object> clientConfig;
    private final String applicationId;
    private final Set<String> sourceTopics;

    /**
     * @param clientConfig connection settings for an admin client and a consumer (bootstrap servers)
     * @param applicationId the Kafka Streams application id: its group and its internal topics' prefix
     * @param sourceTopics the topics the application reads, so that one it has not committed on yet counts too
     */
    public CommittedCatchUp(Map<String, Object> clientConfig, String applicationId, Set<String> sourceTopics) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.applicationId = applicationId;
        this.sourceTopics = Set.copyOf(sourceTopics);
    }

    /** Returns once everything is processed and committed; false if {@code timeout} passed first. */
    public boolean await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(clientConfig)) {
            while (System.nanoTime() < deadline) {
                if (caughtUp(admin, deadline)) {
                    return true;
                }
                Thread.sleep(POLL.toMillis());
            }
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of streams application " + applicationId, e.getCause());
        } catch (TimeoutException e) {
            return false;
        }
    }

    private boolean caughtUp(Admin admin, long deadline) throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = within(admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata(), deadline);
        Set<String> topics = new HashSet<>(sourceTopics);
        committed.keySet().forEach(partition -> topics.add(partition.topic()));
        topics.addAll(internalTopicsRead(admin, deadline));
        Set<TopicPartition> read = partitionsOf(admin, topics, deadline);
        Map<TopicPartition, Long> ends = ends(admin, read, IsolationLevel.READ_UNCOMMITTED, deadline);
        Map<TopicPartition, Long> stable = ends(admin, read, IsolationLevel.READ_COMMITTED, deadline);
        Map<TopicPartition, Long> behind = new HashMap<>();
        for (TopicPartition partition : read) {
            long end = ends.get(partition);
            if (stable.get(partition) != end) {
                return false; // a transaction is open on it: more may come
            }
            OffsetAndMetadata offset = committed.get(partition);
            long position = offset == null ? 0 : offset.offset();
            if (position < end) {
                behind.put(partition, position);
            }
        }
        return behind.isEmpty() || noRecordsBetween(behind, ends, deadline);
    }

    /** Repartition and foreign-key subscription topics ({@code <application id>-...-repartition|-topic}). */
    private Set<String> internalTopicsRead(Admin admin, long deadline) throws ExecutionException, InterruptedException, TimeoutException {
        return within(admin.listTopics().names(), deadline).stream()
                .filter(name -> name.startsWith(applicationId + "-") && (name.endsWith("-repartition") || name.endsWith("-topic")))
                .collect(Collectors.toSet());
    }

    private static Set<TopicPartition> partitionsOf(Admin admin, Set<String> topics, long deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<TopicPartition> partitions = new HashSet<>();
        for (TopicDescription topic : within(admin.describeTopics(topics).allTopicNames(), deadline).values()) {
            topic.partitions().forEach(partition -> partitions.add(new TopicPartition(topic.name(), partition.partition())));
        }
        return partitions;
    }

    private static Map<TopicPartition, Long> ends(Admin admin, Set<TopicPartition> partitions, IsolationLevel isolation, long deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        within(admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all(), deadline)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /** Whether no committed record lies between each partition's committed offset and its end. */
    private boolean noRecordsBetween(Map<TopicPartition, Long> from, Map<TopicPartition, Long> ends, long deadline) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        return false; // a record the group has not committed past
                    }
                }
                if (from.keySet().stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition))) {
                    return true;
                }
            }
            return false;
        }
    }

    private static <T> T within(KafkaFuture<T> future, long deadline) throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }
}
