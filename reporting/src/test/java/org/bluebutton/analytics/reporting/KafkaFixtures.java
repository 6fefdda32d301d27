package org.bluebutton.analytics.reporting;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.reporting.snapshot.SourceTopics;
import org.bluebutton.analytics.schemas.aggregate.DataQualityKey;
import org.bluebutton.analytics.schemas.aggregate.DataQualityMetrics;
import org.bluebutton.analytics.schemas.aggregate.EngagementKey;
import org.bluebutton.analytics.schemas.aggregate.EngagementMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthKey;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgYearKey;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.PledgeCountKey;
import org.bluebutton.analytics.schemas.aggregate.PledgeCounts;
import org.bluebutton.analytics.schemas.aggregate.RollupKey;
import org.bluebutton.analytics.schemas.aggregate.RollupMetrics;
import org.bluebutton.analytics.schemas.event.EngagementActivity;
import org.bluebutton.analytics.schemas.event.FeaturedStory;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.registry.SchemaRegistration;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClient;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClientConfig;
import org.bluebutton.analytics.schemas.serde.AvroSerializer;
import org.bluebutton.analytics.schemas.topic.TopicInitializer;
import org.bluebutton.analytics.schemas.topic.Topics;

/**
 * Creates a prefixed set of source topics on the local stack, registers their schemas and produces
 * {@link ReportFixture} to them with the serdes the streams application uses (Avro keys through the
 * registry on aggregate topics, string keys on pledges and engagement activity).
 */
final class KafkaFixtures {

    private KafkaFixtures() {
    }

    static SourceTopics createTopics(LocalStack stack, String prefix) {
        SourceTopics topics = SourceTopics.withPrefix(prefix);
        try (Admin admin = Admin.create(stack.adminConfig())) {
            new TopicInitializer(admin, (short) 1, Duration.ofSeconds(30)).ensure(topics.all());
        }
        new SchemaRegistration(registry(stack)).registerAll(SchemaRegistration.subjectsOf(topics.all()));
        return topics;
    }

    /** Writes staff's marks on stories to the featured-stories topic, keyed as ingest keys them. */
    static void produceStoryMarks(LocalStack stack, SourceTopics topics, FeaturedStory... marks) throws Exception {
        AvroSerializer<SpecificRecord> valueSerializer = new AvroSerializer<>(registry(stack), false);
        valueSerializer.configure(Map.of(), false);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(stack.producerConfig(), new StringSerializer(), valueSerializer)) {
            for (FeaturedStory mark : marks) {
                producer.send(new ProducerRecord<>(topics.featuredStories().name(),
                        Topics.featuredStoryKey(mark.getOrgId().toString(), mark.getEventId().toString()), mark)).get();
            }
        }
    }

    static SchemaRegistryClient registry(LocalStack stack) {
        return new SchemaRegistryClient(SchemaRegistryClientConfig.of(stack.schemaRegistryUrl()));
    }

    /** A producer for topics with Avro keys and values, with {@code extra} settings (e.g. a transactional id). */
    static KafkaProducer<SpecificRecord, SpecificRecord> avroProducer(LocalStack stack, Map<String, Object> extra) {
        SchemaRegistryClient registry = registry(stack);
        AvroSerializer<SpecificRecord> keySerializer = new AvroSerializer<>(registry, false);
        keySerializer.configure(Map.of(), true);
        AvroSerializer<SpecificRecord> valueSerializer = new AvroSerializer<>(registry, false);
        valueSerializer.configure(Map.of(), false);
        Map<String, Object> config = stack.producerConfig();
        config.putAll(extra);
        return new KafkaProducer<>(config, keySerializer, valueSerializer);
    }

    /**
     * Commits, for the consumer group of streams application {@code applicationId}, the end of every
     * partition of the prefixed input topics that exist, less {@code short} records: 0 stands for a
     * streams application that has processed everything, more for one that lags.
     */
    static void commitInputsAtTheirEnd(LocalStack stack, String applicationId, String prefix, long shortBy) throws Exception {
        try (Admin admin = Admin.create(stack.adminConfig())) {
            java.util.Set<String> existing = admin.listTopics().names().get();
            List<String> inputs = java.util.stream.Stream.of(Topics.PLEDGES, Topics.DOWNLOAD_ACTIVITY, Topics.ACCESS_SNAPSHOTS, Topics.ENGAGEMENT_ACTIVITY)
                    .map(t -> prefix + t.name()).filter(existing::contains).toList();
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new java.util.HashMap<>();
            admin.describeTopics(inputs).allTopicNames().get().values().forEach(d -> d.partitions().forEach(p ->
                    latest.put(new org.apache.kafka.common.TopicPartition(d.name(), p.partition()), org.apache.kafka.clients.admin.OffsetSpec.latest())));
            Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.consumer.OffsetAndMetadata> committed = new java.util.HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, info) ->
                    committed.put(partition, new org.apache.kafka.clients.consumer.OffsetAndMetadata(Math.max(0, info.offset() - (info.offset() > 0 ? shortBy : 0)))));
            admin.alterConsumerGroupOffsets(applicationId, committed).all().get();
        }
    }

    /** Produces the fixture to {@code topics} and waits for every acknowledgement. */
    static void produceFixture(LocalStack stack, SourceTopics topics) throws Exception {
        SchemaRegistryClient registry = registry(stack);
        AvroSerializer<SpecificRecord> keySerializer = new AvroSerializer<>(registry, false);
        keySerializer.configure(Map.of(), true);
        AvroSerializer<SpecificRecord> valueSerializer = new AvroSerializer<>(registry, false);
        valueSerializer.configure(Map.of(), false);
        List<Future<?>> sent = new ArrayList<>();
        try (KafkaProducer<String, SpecificRecord> byOrg = new KafkaProducer<>(stack.producerConfig(), new StringSerializer(), valueSerializer);
             KafkaProducer<SpecificRecord, SpecificRecord> byKey = new KafkaProducer<>(stack.producerConfig(), keySerializer, valueSerializer)) {
            ReportFixture.feed(new ReportFixture.Sink() {
                public void pledge(String orgId, Pledge value) { sent.add(byOrg.send(new ProducerRecord<>(topics.pledges().name(), orgId, value))); }
                public void engagementActivity(String orgId, EngagementActivity value) {
                    sent.add(byOrg.send(new ProducerRecord<>(topics.engagementActivity().name(), orgId, value)));
                }
                public void orgMonth(OrgMonthKey key, OrgMonthlyMetrics value) { keyed(topics.orgMonthly().name(), key, value); }
                public void orgYear(OrgYearKey key, OrgYearlyMetrics value) { keyed(topics.orgYearly().name(), key, value); }
                public void rollup(RollupKey key, RollupMetrics value) { keyed(topics.rollups().name(), key, value); }
                public void pledgeCount(PledgeCountKey key, PledgeCounts value) { keyed(topics.pledgeCounts().name(), key, value); }
                public void engagementMetric(EngagementKey key, EngagementMetrics value) { keyed(topics.engagementMetrics().name(), key, value); }
                public void dataQuality(DataQualityKey key, DataQualityMetrics value) { keyed(topics.dataQuality().name(), key, value); }

                private void keyed(String topic, SpecificRecord key, SpecificRecord value) {
                    sent.add(byKey.send(new ProducerRecord<>(topic, key, value)));
                }
            });
            for (Future<?> future : sent) {
                future.get();
            }
        }
    }
}
