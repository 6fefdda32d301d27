package org.bluebutton.analytics.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.schemas.serde.SchemaRegistrySerdeConfig;
import org.bluebutton.analytics.schemas.serde.SpecificAvroDeserializer;

/** What reached a topic, read back through the registry serde up to the current end offsets. */
public final class TopicContents {

    private TopicContents() {
    }

    /** Every value on {@code topic} whose key is {@code key}, in offset order per partition. */
    @SuppressWarnings("unchecked")
    public static <V extends SpecificRecord> List<V> valuesFor(LocalStack stack, String topic, String key) {
        SpecificAvroDeserializer<SpecificRecord> values = new SpecificAvroDeserializer<>();
        values.configure(Map.of(SchemaRegistrySerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()), false);
        List<V> found = new ArrayList<>();
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(stack.consumerConfig("contents-" + System.nanoTime()),
                new StringDeserializer(), values)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        found.add((V) record.value());
                    }
                }
            }
        }
        return found;
    }

    /** The sum of the end offsets of {@code topic}: grows by one per record written. */
    public static long endOffsetSum(LocalStack stack, String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(stack.consumerConfig("offsets"),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
