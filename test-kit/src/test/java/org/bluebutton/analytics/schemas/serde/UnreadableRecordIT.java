package org.bluebutton.analytics.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.LocalStackExtension;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClient;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClientConfig;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryUnavailableException;
import org.bluebutton.analytics.testkit.SampleEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Records that cannot be read fail with an exception naming the topic and what is wrong, so a
 * consumer can set them aside and go on; a registry outage is told apart from bad data.
 */
@ExtendWith(LocalStackExtension.class)
class UnreadableRecordIT {

    private final LocalStack stack;
    private final SchemaRegistryClient registry;
    private final String topic = "unreadable-" + UUID.randomUUID();

    UnreadableRecordIT(LocalStack stack) throws Exception {
        this.stack = stack;
        this.registry = new SchemaRegistryClient(SchemaRegistryClientConfig.of(stack.schemaRegistryUrl()));
        try (Admin admin = Admin.create(stack.adminConfig())) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
    }

    @Test
    void garbage_bytes_are_rejected_as_not_in_the_wire_format() {
        byte[] garbage = "{\"orgId\": \"org-1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThatThrownBy(() -> pledges().deserialize(topic, garbage))
                .isInstanceOf(InvalidWireFormatException.class)
                .hasMessageContaining(topic)
                .hasMessageContaining("magic byte");
    }

    @Test
    void a_record_shorter_than_the_header_is_rejected() {
        assertThatThrownBy(() -> pledges().deserialize(topic, new byte[] {0, 0, 1}))
                .isInstanceOf(InvalidWireFormatException.class)
                .hasMessageContaining("shorter than the 5-byte header");
    }

    @Test
    void an_unknown_schema_id_is_named_in_the_error() {
        byte[] unknownId = ByteBuffer.allocate(9).put((byte) 0).putInt(987_654).putInt(42).array();

        assertThatThrownBy(() -> pledges().deserialize(topic, unknownId))
                .isInstanceOfSatisfying(UnknownSchemaIdException.class, e -> assertThat(e.schemaId()).isEqualTo(987_654))
                .hasMessageContaining("987654")
                .hasMessageContaining(topic);
    }

    @Test
    void a_truncated_payload_with_a_valid_header_is_rejected() {
        byte[] valid = new AvroSerializer<Pledge>(registry, true).serialize(topic, SampleEvents.hospitalPledge("org-1").build());
        byte[] truncated = java.util.Arrays.copyOf(valid, valid.length - 10);

        assertThatThrownBy(() -> pledges().deserialize(topic, truncated))
                .isInstanceOf(AvroPayloadException.class)
                .hasMessageContaining(topic)
                .hasMessageContaining("schema id");
    }

    @Test
    void a_record_of_another_type_is_rejected_as_a_schema_mismatch() {
        byte[] download = new AvroSerializer<DownloadActivity>(registry, true)
                .serialize(topic, SampleEvents.download("org-1").build());

        assertThatThrownBy(() -> pledges().deserialize(topic, download))
                .isInstanceOf(AvroPayloadException.class)
                .hasMessageContaining(topic);
    }

    @Test
    void a_consumer_can_skip_a_poison_record_and_read_the_next_good_one() throws Exception {
        byte[] good = new AvroSerializer<Pledge>(registry, true).serialize(topic, SampleEvents.hospitalPledge("org-good").build());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(stack.producerConfig(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, new byte[] {7, 7, 7})).get();
            producer.send(new ProducerRecord<>(topic, good)).get();
        }
        List<String> readOrgIds = new ArrayList<>();
        List<Long> skippedOffsets = new ArrayList<>();
        try (KafkaConsumer<String, Pledge> consumer = new KafkaConsumer<>(stack.consumerConfig("poison"),
                new StringDeserializer(), pledges())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (readOrgIds.isEmpty() && System.nanoTime() < deadline) {
                try {
                    for (ConsumerRecord<String, Pledge> record : consumer.poll(Duration.ofMillis(200))) {
                        readOrgIds.add(record.value().getOrgId());
                    }
                } catch (RecordDeserializationException e) {
                    assertThat(e.getCause()).isInstanceOf(InvalidWireFormatException.class);
                    skippedOffsets.add(e.offset());
                    consumer.seek(e.topicPartition(), e.offset() + 1);
                }
            }
        }

        assertThat(skippedOffsets).containsExactly(0L);
        assertThat(readOrgIds).containsExactly("org-good");
    }

    @Test
    void a_registry_outage_is_reported_as_unavailable_while_cached_schemas_keep_serving() {
        AvroSerializer<Pledge> serializer = new AvroSerializer<>(registry, true);
        byte[] cachedBefore = serializer.serialize(topic, SampleEvents.hospitalPledge("org-1").build());
        SpecificAvroDeserializer<Pledge> warm = pledges();
        warm.deserialize(topic, cachedBefore);
        SchemaRegistryClient cold = new SchemaRegistryClient(new SchemaRegistryClientConfig(
                java.net.URI.create(stack.schemaRegistryUrl()), null, null, Duration.ofSeconds(1), Duration.ofSeconds(1)));

        stack.registry().pause();
        try {
            assertThat(warm.deserialize(topic, cachedBefore).getOrgId()).isEqualTo("org-1");
            assertThatThrownBy(() -> new SpecificAvroDeserializer<>(Pledge.class, cold).deserialize(topic, cachedBefore))
                    .isInstanceOf(SchemaRegistryUnavailableException.class);
        } finally {
            stack.registry().resume();
        }
    }

    private SpecificAvroDeserializer<Pledge> pledges() {
        SpecificAvroDeserializer<Pledge> deserializer = new SpecificAvroDeserializer<>(Pledge.class, registry);
        deserializer.configure(Map.of(), false);
        return deserializer;
    }
}
