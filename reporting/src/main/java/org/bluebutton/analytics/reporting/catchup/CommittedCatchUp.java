package org.bluebutton.analytics.reporting.catchup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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
 * Whether a Kafka Streams application has processed and committed everything its topics hold: the
 * one rule the report command, the local run and the benchmarks use before they trust the output
 * topics.
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
    /** Time one check may take past the caller's deadline, so that even a zero timeout gets one answer. */
    private static final Duration CHECK_TIME = Duration.ofSeconds(5);

    private final Map<String, Object> clientConfig;
    private final String applicationId;
    private final Set<String> sourceTopics;

    /**
     * @param clientConfig connection settings for an admin client and a consumer (bootstrap servers)
     * @param applicationId the Kafka Streams application id: its group and its internal topics' prefix
     * @param sourceTopics the topics the application reads, so that one it has not committed on yet
     *     counts too (a topic that does not exist holds nothing to read)
     */
    public CommittedCatchUp(Map<String, Object> clientConfig, String applicationId, Set<String> sourceTopics) {
        this.clientConfig = Map.copyOf(clientConfig);
        this.applicationId = applicationId;
        this.sourceTopics = Set.copyOf(sourceTopics);
    }

    /** The application id whose group is checked. */
    public String applicationId() {
        return applicationId;
    }

    /**
     * Checks until everything is processed and committed or {@code timeout} passed, at least once.
     *
     * @return the last answer: {@link Lag#caughtUp()} when nothing is left; otherwise what was behind,
     *     or why Kafka could not tell ({@link Lag#unanswered()})
     */
    public Lag await(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Lag last = Lag.unanswered("no answer in time");
        try (Admin admin = Admin.create(clientConfig)) {
            do {
                try {
                    last = check(admin, deadline);
                } catch (TimeoutException e) {
                    return last.behind().isEmpty() ? Lag.unanswered("no answer in time while checking the streams application's offsets") : last;
                }
                if (last.caughtUp()) {
                    return last;
                }
                Thread.sleep(POLL.toMillis());
            } while (System.nanoTime() < deadline);
            return last;
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot read the offsets of streams application " + applicationId, e.getCause());
        }
    }

    private Lag check(Admin admin, long deadline) throws ExecutionException, InterruptedException, TimeoutException {
        // A moment of grace after the deadline: a check that started before it may finish.
        long callDeadline = Math.max(deadline, System.nanoTime() + CHECK_TIME.toNanos());
        Map<TopicPartition, OffsetAndMetadata> committed = within(admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata(),
                callDeadline);
        Set<String> existing = within(admin.listTopics().names(), callDeadline);
        Set<String> topics = new HashSet<>(sourceTopics);
        committed.keySet().forEach(partition -> topics.add(partition.topic()));
        existing.stream().filter(this::isInternalTopicRead).forEach(topics::add);
        topics.retainAll(existing);
        Set<TopicPartition> read = partitionsOf(admin, topics, callDeadline);
        Map<TopicPartition, Long> ends = ends(admin, read, IsolationLevel.READ_UNCOMMITTED, callDeadline);
        Map<TopicPartition, Long> stable = ends(admin, read, IsolationLevel.READ_COMMITTED, callDeadline);
        List<PartitionLag> open = new ArrayList<>();
        Map<TopicPartition, Long> behind = new HashMap<>();
        for (TopicPartition partition : read) {
            long end = ends.get(partition);
            OffsetAndMetadata offset = committed.get(partition);
            long position = offset == null ? 0 : offset.offset();
            if (stable.get(partition) != end) {
                open.add(new PartitionLag(partition.topic(), partition.partition(), position, end, true)); // more may come
            } else if (position < end) {
                behind.put(partition, position);
            }
        }
        List<PartitionLag> lagging = new ArrayList<>(open);
        if (!behind.isEmpty()) {
            for (TopicPartition partition : recordsAfterCommitted(behind, ends, callDeadline)) {
                lagging.add(new PartitionLag(partition.topic(), partition.partition(), behind.get(partition), ends.get(partition), false));
            }
        }
        lagging.sort(Comparator.comparing(PartitionLag::topic).thenComparingInt(PartitionLag::partition));
        return new Lag(lagging, null);
    }

    /** Repartition and foreign-key subscription topics ({@code <application id>-...-repartition|-topic}). */
    private boolean isInternalTopicRead(String name) {
        return name.startsWith(applicationId + "-") && (name.endsWith("-repartition") || name.endsWith("-topic"));
    }

    private static Set<TopicPartition> partitionsOf(Admin admin, Set<String> topics, long deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<TopicPartition> partitions = new HashSet<>();
        if (topics.isEmpty()) {
            return partitions;
        }
        for (TopicDescription topic : within(admin.describeTopics(topics).allTopicNames(), deadline).values()) {
            topic.partitions().forEach(partition -> partitions.add(new TopicPartition(topic.name(), partition.partition())));
        }
        return partitions;
    }

    private static Map<TopicPartition, Long> ends(Admin admin, Set<TopicPartition> partitions, IsolationLevel isolation, long deadline)
            throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, Long> ends = new HashMap<>();
        if (partitions.isEmpty()) {
            return ends;
        }
        Map<TopicPartition, OffsetSpec> latest = partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
        within(admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all(), deadline)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /**
     * The partitions among {@code from} that hold a committed record between the committed offset
     * and the end (the others hold only markers or aborted records); all of them if time runs out.
     */
    private Set<TopicPartition> recordsAfterCommitted(Map<TopicPartition, Long> from, Map<TopicPartition, Long> ends, long deadline) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        Set<TopicPartition> withRecords = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() < ends.get(partition)) {
                        withRecords.add(partition); // a record the group has not committed past
                    }
                }
                if (from.keySet().stream().allMatch(partition -> withRecords.contains(partition) || consumer.position(partition) >= ends.get(partition))) {
                    return withRecords;
                }
            }
            return from.keySet();
        }
    }

    private static <T> T within(KafkaFuture<T> future, long deadline) throws ExecutionException, InterruptedException, TimeoutException {
        return future.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    /**
     * One partition the application has not finished.
     *
     * @param topic the topic
     * @param partition the partition
     * @param committed the group's committed offset (0 when it never committed there)
     * @param end the partition's end offset
     * @param openTransaction a transaction is open on it: more records may come
     */
    public record PartitionLag(String topic, int partition, long committed, long end, boolean openTransaction) {

        /** Records (and markers) between the committed offset and the end: at most this many records are unprocessed. */
        public long upTo() {
            return end - committed;
        }

        @Override
        public String toString() {
            return topic + "-" + partition + " committed " + committed + " of " + end + (openTransaction ? " (a transaction is open)" : "");
        }
    }

    /**
     * The answer of a check.
     *
     * @param behind the partitions not yet processed and committed, by topic and partition
     * @param unanswered why Kafka gave no answer, or null when it did
     */
    public record Lag(List<PartitionLag> behind, String unanswered) {

        public Lag {
            behind = List.copyOf(behind);
        }

        static Lag unanswered(String reason) {
            return new Lag(List.of(), reason);
        }

        /** Everything read is processed and committed. */
        public boolean caughtUp() {
            return behind.isEmpty() && unanswered == null;
        }

        /** At most this many records are not processed yet (markers included). */
        public long recordsBehind() {
            return behind.stream().mapToLong(PartitionLag::upTo).sum();
        }

        /** For people: the partitions behind (the first few) or why there is no answer. */
        public String describe() {
            if (unanswered != null) {
                return unanswered;
            }
            if (behind.isEmpty()) {
                return "caught up";
            }
            String first = behind.stream().limit(5).map(PartitionLag::toString).collect(Collectors.joining(", "));
            return "up to " + recordsBehind() + " records not committed in " + behind.size() + " partitions: " + first
                    + (behind.size() > 5 ? ", ..." : "");
        }
    }
}
