package org.bluebutton.analytics.streams.figures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.LocalStackExtension;
import org.bluebutton.analytics.schemas.aggregate.AccessFigures;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthKey;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgYearKey;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;
import org.bluebutton.analytics.schemas.event.ActivityChannel;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.quality.DeadLetter;
import org.bluebutton.analytics.schemas.registry.SchemaRegistration;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClient;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClientConfig;
import org.bluebutton.analytics.schemas.serde.AvroSerializer;
import org.bluebutton.analytics.schemas.topic.TopicInitializer;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.PledgeAnalyticsTopology;
import org.bluebutton.analytics.streams.RecordSerdes;
import org.bluebutton.analytics.testkit.SampleEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The whole topology on the real broker and registry, exactly once: months, years and dead letters. */
@ExtendWith(LocalStackExtension.class)
class OrganizationFiguresPipelineIT {

    private final LocalStack stack;
    private final SchemaRegistryClient registry;
    private final String orgId = "pipeline-" + UUID.randomUUID().toString().substring(0, 8);

    OrganizationFiguresPipelineIT(LocalStack stack) {
        this.stack = stack;
        this.registry = new SchemaRegistryClient(SchemaRegistryClientConfig.of(stack.schemaRegistryUrl()));
        try (Admin admin = Admin.create(stack.adminConfig())) {
            new TopicInitializer(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
        }
        new SchemaRegistration(registry).registerAll(SchemaRegistration.subjectsOf(Topics.all()));
    }

    @Test
    void events_in_give_exact_monthly_metrics_out_with_duplicates_and_poison_records_set_aside() throws Exception {
        DownloadActivity retried = download("2025-03-02T10:00:00Z", ActivityChannel.DOWNLOAD, 4);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(stack.producerConfig(),
                new StringSerializer(), new AvroSerializer<>(registry, false));
             KafkaProducer<String, byte[]> raw = new KafkaProducer<>(stack.producerConfig(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.DOWNLOAD_ACTIVITY.name(), orgId, retried)).get();
            raw.send(new ProducerRecord<>(Topics.DOWNLOAD_ACTIVITY.name(), orgId, "garbage".getBytes())).get();
            producer.send(new ProducerRecord<>(Topics.DOWNLOAD_ACTIVITY.name(), orgId, retried)).get();
            producer.send(new ProducerRecord<>(Topics.DOWNLOAD_ACTIVITY.name(), orgId, download("2025-03-09T00:00:00Z", ActivityChannel.VIEW, 30))).get();
            producer.send(new ProducerRecord<>(Topics.ACCESS_SNAPSHOTS.name(), orgId, SampleEvents.accessSnapshot(orgId)
                    .setAsOf(LocalDate.parse("2025-03-31")).setPatientsWithAccess(5_000).build())).get();
        }

        long garbageOffset;
        try (KafkaProducer<String, byte[]> raw = new KafkaProducer<>(stack.producerConfig(), new StringSerializer(), new ByteArraySerializer())) {
            garbageOffset = raw.send(new ProducerRecord<>(Topics.DOWNLOAD_ACTIVITY.name(), orgId, "more garbage".getBytes())).get().offset();
        }

        KafkaStreams streams = new KafkaStreams(
                new PledgeAnalyticsTopology(new RecordSerdes(registry), Duration.ofDays(35), "pipeline-it").topology(), config());
        try {
            streams.start();
            OrgMonthKey march = new OrgMonthKey(orgId, 2025, 3);
            OrgMonthlyMetrics expected = new OrgMonthlyMetrics(orgId, 2025, 3, SampleEvents.activity(30, 4, 0, 0, 2),
                    new AccessFigures(LocalDate.parse("2025-03-31"), 5_000L, 180_000L, null));

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(latestOutput().get(march)).isEqualTo(expected));
            ReadOnlyKeyValueStore<OrgMonthKey, OrgMonthlyMetrics> store = streams.store(StoreQueryParameters.fromNameAndType(
                    OrganizationFiguresTopology.MONTHS_STORE, QueryableStoreTypes.keyValueStore()));
            assertThat(store.get(march)).isEqualTo(expected);
            // The year and the dead letters are other outputs, committed on their own: each is awaited before it is asserted.
            OrgYearlyMetrics year = await().atMost(Duration.ofSeconds(60)).until(this::latestYear, latest -> latest != null
                    && latest.getActivity().getEvents() >= expected.getActivity().getEvents() && latest.getMonthsWithSnapshot() >= 1);
            assertThat(year).isEqualTo(new OrgYearlyMetrics(orgId, 2025, expected.getActivity(), expected.getAccess(), 1, 1));
            List<Long> deadLetters = await().atMost(Duration.ofSeconds(60)).until(this::deadLetterOffsets, offsets -> offsets.contains(garbageOffset));
            assertThat(deadLetters).contains(garbageOffset);
        } finally {
            streams.close(Duration.ofSeconds(30));
        }
    }

    private OrgYearlyMetrics latestYear() {
        RecordSerdes serdes = new RecordSerdes(registry);
        OrgYearlyMetrics latest = null;
        try (KafkaConsumer<OrgYearKey, OrgYearlyMetrics> consumer = new KafkaConsumer<>(stack.consumerConfig("pipeline-" + UUID.randomUUID()),
                serdes.key(OrgYearKey.class).deserializer(), serdes.value(OrgYearlyMetrics.class).deserializer())) {
            consumer.subscribe(List.of(Topics.ORG_YEARLY_METRICS.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<OrgYearKey, OrgYearlyMetrics> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().getOrgId().equals(orgId)) {
                        latest = record.value();
                    }
                }
            }
        }
        return latest;
    }

    /** Source offsets (on download-activity) of this organization's dead letters. */
    private List<Long> deadLetterOffsets() {
        RecordSerdes serdes = new RecordSerdes(registry);
        List<Long> offsets = new ArrayList<>();
        try (KafkaConsumer<String, DeadLetter> consumer = new KafkaConsumer<>(stack.consumerConfig("pipeline-" + UUID.randomUUID()),
                new StringDeserializer(), serdes.value(DeadLetter.class).deserializer())) {
            consumer.subscribe(List.of(Topics.DEAD_LETTERS.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, DeadLetter> record : consumer.poll(Duration.ofMillis(200))) {
                    if (orgId.equals(record.key())) {
                        offsets.add(record.value().getSourceOffset());
                    }
                }
            }
        }
        return offsets;
    }

    private Map<OrgMonthKey, OrgMonthlyMetrics> latestOutput() {
        RecordSerdes serdes = new RecordSerdes(registry);
        Map<OrgMonthKey, OrgMonthlyMetrics> latest = new HashMap<>();
        try (KafkaConsumer<OrgMonthKey, OrgMonthlyMetrics> consumer = new KafkaConsumer<>(stack.consumerConfig("pipeline-" + UUID.randomUUID()),
                serdes.key(OrgMonthKey.class).deserializer(), serdes.value(OrgMonthlyMetrics.class).deserializer())) {
            consumer.subscribe(List.of(Topics.ORG_MONTHLY_METRICS.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<OrgMonthKey, OrgMonthlyMetrics> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().getOrgId().equals(orgId)) {
                        latest.put(record.key(), record.value());
                    }
                }
            }
        }
        return latest;
    }

    private Properties config() throws Exception {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "pipeline-it-" + UUID.randomUUID());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
        config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("pipeline-it").toString());
        config.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        return config;
    }

    private DownloadActivity download(String occurredAt, ActivityChannel channel, long count) {
        return SampleEvents.download(orgId).setOccurredAt(Instant.parse(occurredAt)).setReceivedAt(Instant.parse(occurredAt)).setChannel(channel).setCount(count).build();
    }
}
