package org.bluebutton.analytics.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.LocalStackExtension;
import org.bluebutton.analytics.schemas.registry.SchemaRegistration;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClient;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClientConfig;
import org.bluebutton.analytics.schemas.topic.TopicInitializer;
import org.bluebutton.analytics.schemas.topic.TopicSpec;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.testkit.SampleEvents;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every event and aggregate of the catalogue survives Kafka, the registry and the serdes unchanged. */
@ExtendWith(LocalStackExtension.class)
class SerdeRoundTripIT {

    private static SchemaRegistryClient registry;
    private static LocalStack stack;

    @BeforeAll
    static void createTopicsAndRegisterSchemas(LocalStack localStack) {
        stack = localStack;
        registry = new SchemaRegistryClient(SchemaRegistryClientConfig.of(stack.schemaRegistryUrl()));
        try (Admin admin = Admin.create(stack.adminConfig())) {
            new TopicInitializer(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
        }
        new SchemaRegistration(registry).registerAll(SchemaRegistration.subjectsOf(Topics.all()));
    }

    static Stream<Arguments> catalogue() {
        return Stream.of(
                Arguments.of(Topics.PLEDGES, "org-1", SampleEvents.hospitalPledge("org-1").build()),
                Arguments.of(Topics.DOWNLOAD_ACTIVITY, "org-1", SampleEvents.download("org-1").build()),
                Arguments.of(Topics.ACCESS_SNAPSHOTS, "org-1", SampleEvents.accessSnapshot("org-1").build()),
                Arguments.of(Topics.ENGAGEMENT_ACTIVITY, "org-2", SampleEvents.engagement("org-2").build()),
                Arguments.of(Topics.LATE_EVENTS, "org-1", SampleEvents.download("org-1").build()),
                Arguments.of(Topics.DEAD_LETTERS, "org-1", SampleEvents.deadLetter()),
                Arguments.of(Topics.API_CREDENTIALS, "org-1", SampleEvents.apiCredential("org-1")),
                Arguments.of(Topics.ORG_MONTHLY_METRICS, SampleEvents.orgMonthKey("org-1"), SampleEvents.orgMonthly("org-1")),
                Arguments.of(Topics.ORG_YEARLY_METRICS, SampleEvents.orgYearKey("org-1"), SampleEvents.orgYearly("org-1")),
                Arguments.of(Topics.ROLLUP_METRICS, SampleEvents.rollupKey(), SampleEvents.rollup()),
                Arguments.of(Topics.PLEDGE_COUNTS, SampleEvents.pledgeCountKey(), SampleEvents.pledgeCounts()),
                Arguments.of(Topics.ENGAGEMENT_METRICS, SampleEvents.engagementKey("org-2"), SampleEvents.engagementMetrics("org-2")),
                Arguments.of(Topics.DATA_QUALITY_METRICS, SampleEvents.dataQualityKey(), SampleEvents.dataQuality()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void a_record_written_with_the_registered_schema_reads_back_equal(TopicSpec topic, Object key, SpecificRecord value) {
        RecordMetadata written;
        try (KafkaProducer<Object, Object> producer = new KafkaProducer<>(stack.producerConfig(),
                serializer(topic, true), serializer(topic, false))) {
            written = producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
        } catch (Exception e) {
            throw new AssertionError("could not write to " + topic.name(), e);
        }

        ConsumerRecord<Object, Object> read = readAt(topic, written);

        assertThat(read.key()).isEqualTo(key);
        assertThat(read.value()).isEqualTo(value);
    }

    /** Reads the record at exactly the written offset, with deserializers built by reflection as Kafka would. */
    private static ConsumerRecord<Object, Object> readAt(TopicSpec topic, RecordMetadata written) {
        TopicPartition partition = new TopicPartition(written.topic(), written.partition());
        try (KafkaConsumer<Object, Object> consumer = new KafkaConsumer<>(stack.consumerConfig("round-trip"),
                deserializer(topic, true), deserializer(topic, false))) {
            consumer.assign(List.of(partition));
            consumer.seek(partition, written.offset());
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<Object, Object> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == written.offset()) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("record at " + partition + "@" + written.offset() + " was not read back");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Serializer<Object> serializer(TopicSpec topic, boolean isKey) {
        Serializer serializer = isKey && topic.avroKeySchema().isEmpty()
                ? new StringSerializer() : new AvroSerializer<>(registry, false);
        serializer.configure(java.util.Map.of(), isKey);
        return serializer;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Deserializer<Object> deserializer(TopicSpec topic, boolean isKey) {
        Deserializer deserializer = isKey && topic.avroKeySchema().isEmpty()
                ? new StringDeserializer() : new SpecificAvroDeserializer<>();
        deserializer.configure(java.util.Map.of(SchemaRegistrySerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()), isKey);
        return deserializer;
    }
}
