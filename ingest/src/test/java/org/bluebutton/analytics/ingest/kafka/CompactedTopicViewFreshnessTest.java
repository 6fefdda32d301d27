package org.bluebutton.analytics.ingest.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.bluebutton.analytics.ingest.kafka.CompactedTopicView.Freshness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When a view may be trusted: only while it has been confirmed against the broker's end offsets
 * within the allowed staleness, its consumer runs and no key's latest record was unreadable.
 */
class CompactedTopicViewFreshnessTest {

    private static final String TOPIC = "keys";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);
    private static final Duration STALENESS = Duration.ofMillis(300);

    private final ScriptedConsumer consumer = new ScriptedConsumer();
    private final CompactedTopicView<String> view = new CompactedTopicView<>(TOPIC, consumer, (previous, current) -> { }, STALENESS);
    private long nextOffset;

    @AfterEach
    void close() throws InterruptedException {
        view.close();
    }

    @Test
    void a_view_that_has_read_to_the_end_offsets_is_current() {
        append("clinic", "key-1");

        view.start();

        awaitFreshness(Freshness.CURRENT);
        assertThat(view.get("clinic")).contains("key-1");
    }

    @Test
    void a_view_that_has_not_read_what_was_there_at_start_is_starting() throws InterruptedException {
        consumer.deliver.set(false);
        append("clinic", "key-1");

        view.start();
        Thread.sleep(STALENESS.toMillis());

        assertThat(view.freshness()).isEqualTo(Freshness.STARTING);
    }

    @Test
    void a_view_that_stops_reaching_the_end_offsets_becomes_behind_and_current_again_once_it_reads() {
        view.start();
        awaitFreshness(Freshness.CURRENT);

        consumer.deliver.set(false);
        append("clinic", "rotated");

        awaitFreshness(Freshness.BEHIND);
        assertThat(view.get("clinic")).isEmpty();
        consumer.deliver.set(true);
        awaitFreshness(Freshness.CURRENT);
        assertThat(view.get("clinic")).contains("rotated");
    }

    @Test
    void a_view_whose_broker_does_not_answer_becomes_broker_unreachable_within_the_staleness() {
        view.start();
        awaitFreshness(Freshness.CURRENT);

        consumer.brokerDown.set(true);

        long started = System.nanoTime();
        awaitFreshness(Freshness.BROKER_UNREACHABLE);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(STALENESS.multipliedBy(4));
        consumer.brokerDown.set(false);
        awaitFreshness(Freshness.CURRENT);
    }

    @Test
    void an_unreadable_record_makes_its_key_unreadable_until_a_readable_record_of_it_follows_and_the_view_stays_current() {
        append("clinic", "key-1");
        view.start();
        awaitFreshness(Freshness.CURRENT);

        consumer.unreadable.set(new RecordDeserializationException(RecordDeserializationException.DeserializationExceptionOrigin.VALUE,
                PARTITION, nextOffset, 0L, TimestampType.CREATE_TIME, ByteBuffer.wrap("clinic".getBytes(StandardCharsets.UTF_8)),
                ByteBuffer.wrap(new byte[] {9, 9}), new RecordHeaders(), "unknown magic byte", null));
        consumer.updateEndOffsets(Map.of(PARTITION, ++nextOffset));

        await().atMost(Duration.ofSeconds(5)).until(() -> view.isUnreadable("clinic"));
        assertThat(view.freshness()).as("one record anyone can write must not stop every organization").isEqualTo(Freshness.CURRENT);
        assertThat(view.isUnreadable("lab")).isFalse();
        append("clinic", "key-2");
        await().atMost(Duration.ofSeconds(5)).until(() -> !view.isUnreadable("clinic"));
        assertThat(view.get("clinic")).contains("key-2");
    }

    @Test
    void a_view_whose_consumer_died_is_stopped() {
        view.start();
        awaitFreshness(Freshness.CURRENT);

        consumer.setPollException(new KafkaException("fenced"));

        awaitFreshness(Freshness.STOPPED);
    }

    private void append(String key, String value) {
        consumer.append(new ConsumerRecord<>(TOPIC, 0, nextOffset++, key, value));
        consumer.updateEndOffsets(Map.of(PARTITION, nextOffset));
    }

    private void awaitFreshness(Freshness expected) {
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20)).until(view::freshness, expected::equals);
    }

    /** A consumer whose delivery, broker and next record the test controls. */
    private static final class ScriptedConsumer extends MockConsumer<String, String> {

        final AtomicBoolean deliver = new AtomicBoolean(true);
        final AtomicBoolean brokerDown = new AtomicBoolean(false);
        final AtomicReference<RecordDeserializationException> unreadable = new AtomicReference<>();
        private final List<ConsumerRecord<String, String>> beforeAssignment = new ArrayList<>();

        ScriptedConsumer() {
            super("earliest");
            updatePartitions(TOPIC, List.of(new PartitionInfo(TOPIC, 0, Node.noNode(), new Node[0], new Node[0])));
            updateBeginningOffsets(Map.of(PARTITION, 0L));
            updateEndOffsets(Map.of(PARTITION, 0L));
        }

        /** A record in the topic; one written before the view assigned itself the partition waits for it. */
        synchronized void append(ConsumerRecord<String, String> record) {
            if (assignment().isEmpty()) {
                beforeAssignment.add(record);
            } else {
                addRecord(record);
            }
        }

        @Override
        public synchronized void assign(Collection<TopicPartition> partitions) {
            super.assign(partitions);
            beforeAssignment.forEach(this::addRecord);
            beforeAssignment.clear();
        }

        @Override
        public ConsumerRecords<String, String> poll(Duration timeout) {
            RecordDeserializationException failure = unreadable.getAndSet(null);
            if (failure != null) {
                throw failure;
            }
            if (!deliver.get()) {
                pause(timeout);
                return ConsumerRecords.empty();
            }
            ConsumerRecords<String, String> records = super.poll(timeout);
            if (records.isEmpty()) {
                pause(Duration.ofMillis(10)); // a real poll waits; do not spin
            }
            return records;
        }

        @Override
        public Map<TopicPartition, Long> endOffsets(Collection<TopicPartition> partitions, Duration timeout) {
            if (brokerDown.get()) {
                pause(timeout);
                throw new TimeoutException("no answer");
            }
            return super.endOffsets(partitions);
        }

        private static void pause(Duration duration) {
            try {
                Thread.sleep(Math.min(duration.toMillis(), 50));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
