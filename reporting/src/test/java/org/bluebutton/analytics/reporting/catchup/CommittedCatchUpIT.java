package org.bluebutton.analytics.reporting.catchup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * "Everything read is committed", judged from a group's committed offsets against the topics' ends,
 * on a real broker: an input topic and an internal (transactional) topic of an application id.
 */
@ExtendWith(LocalStackExtension.class)
class CommittedCatchUpIT {

    private static final Duration SHORT = Duration.ofSeconds(3);

    private final LocalStack stack;
    private final String applicationId = "catch-up-" + UUID.randomUUID().toString().substring(0, 8);
    private final TopicPartition input = new TopicPartition("input-of-" + applicationId, 0);
    private final TopicPartition repartition = new TopicPartition(applicationId + "-KSTREAM-AGGREGATE-0000000001-repartition", 0);
    private final CommittedCatchUp catchUp;

    CommittedCatchUpIT(LocalStack stack) throws Exception {
        this.stack = stack;
        this.catchUp = new CommittedCatchUp(stack.adminConfig(), applicationId, Set.of(input.topic()));
        try (Admin admin = Admin.create(stack.adminConfig())) {
            admin.createTopics(List.of(new NewTopic(input.topic(), 1, (short) 1), new NewTopic(repartition.topic(), 1, (short) 1))).all().get();
        }
    }

    @Test
    void a_group_behind_the_end_of_a_topic_it_reads_has_not_caught_up() throws Exception {
        long end = produce(input, false, 3);
        commit(Map.of(input, end - 1));

        CommittedCatchUp.Lag lag = catchUp.await(SHORT);

        assertThat(lag.caughtUp()).isFalse();
        assertThat(lag.behind()).containsExactly(new CommittedCatchUp.PartitionLag(input.topic(), 0, end - 1, end, false));
        assertThat(lag.describe()).isEqualTo("up to 1 records not committed in 1 partitions: " + input.topic() + "-0 committed 2 of 3");
    }

    @Test
    void a_source_topic_that_does_not_exist_holds_nothing_to_process() throws Exception {
        long end = produce(input, false, 1);
        commit(Map.of(input, end));
        CommittedCatchUp withMissingTopic = new CommittedCatchUp(stack.adminConfig(), applicationId, Set.of(input.topic(), "no-such-topic-" + applicationId));

        assertThat(withMissingTopic.await(SHORT).caughtUp()).isTrue();
    }

    @Test
    void a_group_at_the_end_of_every_topic_it_reads_has_caught_up() throws Exception {
        long end = produce(input, false, 3);
        commit(Map.of(input, end));

        assertThat(catchUp.await(SHORT).caughtUp()).isTrue();
    }

    @Test
    void a_committed_offset_one_short_of_a_transaction_marker_counts_as_caught_up() throws Exception {
        long inputEnd = produce(input, false, 1);
        long end = produce(repartition, true, 2);
        commit(Map.of(input, inputEnd, repartition, end - 1));

        assertThat(catchUp.await(SHORT).caughtUp()).as("only the commit marker lies after the committed offset").isTrue();
    }

    @Test
    void a_committed_offset_one_short_of_a_record_has_not_caught_up() throws Exception {
        long inputEnd = produce(input, false, 1);
        long end = produce(repartition, false, 2);
        commit(Map.of(input, inputEnd, repartition, end - 1));

        assertThat(catchUp.await(SHORT).caughtUp()).as("the last record is not processed").isFalse();
    }

    @Test
    void a_source_topic_the_group_never_committed_on_is_still_checked() throws Exception {
        produce(input, false, 2);
        long end = produce(repartition, true, 1);
        commit(Map.of(repartition, end));

        assertThat(catchUp.await(SHORT).caughtUp()).isFalse();
    }

    @Test
    void a_tail_of_an_aborted_transaction_and_markers_needs_no_processing() throws Exception {
        long inputEnd = produce(input, false, 1);
        long committedEnd = produce(repartition, true, 2);
        long end = produceAborted(repartition, 3);
        commit(Map.of(input, inputEnd, repartition, committedEnd - 1));

        assertThat(end - committedEnd).as("aborted records and their marker").isEqualTo(4);
        assertThat(catchUp.await(SHORT).caughtUp()).isTrue();
    }

    @Test
    void an_open_transaction_on_a_topic_read_is_not_caught_up() throws Exception {
        long inputEnd = produce(input, false, 1);
        commit(Map.of(input, inputEnd));
        Map<String, Object> config = stack.producerConfig();
        config.put("transactional.id", applicationId + "-open");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(repartition.topic(), repartition.partition(), "k", "v")).get();

            assertThat(catchUp.await(SHORT).caughtUp()).isFalse();
            producer.abortTransaction();
        }
    }

    @Test
    void an_internal_topic_the_group_never_committed_on_is_still_checked() throws Exception {
        long inputEnd = produce(input, false, 1);
        produce(repartition, true, 1);
        commit(Map.of(input, inputEnd));

        assertThat(catchUp.await(SHORT).caughtUp()).isFalse();
    }

    /** Writes {@code count} records (in one committed transaction when {@code transactional}); returns the end offset. */
    private long produce(TopicPartition partition, boolean transactional, int count) throws Exception {
        Map<String, Object> config = stack.producerConfig();
        if (transactional) {
            config.put("transactional.id", applicationId + "-" + UUID.randomUUID());
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            if (transactional) {
                producer.initTransactions();
                producer.beginTransaction();
            }
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), "k" + i, "v" + i));
            }
            if (transactional) {
                producer.commitTransaction();
            } else {
                producer.flush();
            }
        }
        return awaitEnd(partition, count + (transactional ? 1 : 0));
    }

    /** The marker of a transaction is written after commit or abort returns: waits until the end offset counts it. */
    private long awaitEnd(TopicPartition partition, long expectedEnd) throws Exception {
        try (Admin admin = Admin.create(stack.adminConfig())) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            long end = -1;
            while (end < expectedEnd && System.nanoTime() < deadline) {
                end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
                Thread.sleep(end < expectedEnd ? 50 : 0);
            }
            assertThat(end).as("end offset of %s", partition).isEqualTo(expectedEnd);
            return end;
        }
    }

    /** Writes {@code count} records in a transaction that is aborted; returns the end offset once its marker counts. */
    private long produceAborted(TopicPartition partition, int count) throws Exception {
        long before;
        try (Admin admin = Admin.create(stack.adminConfig())) {
            before = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
        }
        Map<String, Object> config = stack.producerConfig();
        config.put("transactional.id", applicationId + "-aborted-" + UUID.randomUUID());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), "a" + i, "aborted"));
            }
            producer.flush(); // written to the log, then aborted
            producer.abortTransaction();
        }
        return awaitEnd(partition, before + count + 1);
    }

    private void commit(Map<TopicPartition, Long> offsets) throws Exception {
        try (Admin admin = Admin.create(stack.adminConfig())) {
            Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
            offsets.forEach((partition, offset) -> committed.put(partition, new OffsetAndMetadata(offset)));
            admin.alterConsumerGroupOffsets(applicationId, committed).all().get();
        }
    }
}
