package org.bluebutton.analytics.ingest.config;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.ingest.activity.AccessSnapshotReader;
import org.bluebutton.analytics.ingest.activity.ActivitySubmission;
import org.bluebutton.analytics.ingest.activity.DownloadActivityReader;
import org.bluebutton.analytics.ingest.activity.EngagementActivityReader;
import org.bluebutton.analytics.ingest.activity.MonthlyStatsReader;
import org.bluebutton.analytics.ingest.auth.Authenticator;
import org.bluebutton.analytics.ingest.auth.Credentials;
import org.bluebutton.analytics.ingest.kafka.CompactedTopicView;
import org.bluebutton.analytics.ingest.pledge.OrganizationAdministration;
import org.bluebutton.analytics.ingest.pledge.Organizations;
import org.bluebutton.analytics.ingest.publish.EventPublisher;
import org.bluebutton.analytics.ingest.signup.PledgeRequests;
import org.bluebutton.analytics.ingest.signup.PledgeReview;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.PledgeRequest;
import org.bluebutton.analytics.schemas.registry.SchemaRegistration;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClient;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClientConfig;
import org.bluebutton.analytics.schemas.serde.AvroSerializer;
import org.bluebutton.analytics.schemas.topic.TopicInitializer;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires the service: Kafka clients, the registry client, the organization and credential views,
 * and the use cases. At start it initializes topics and registers schemas when configured to, then
 * waits for the views to catch up so the first request sees every organization and key.
 */
@Requires(notEnv = ServiceEnvironments.QUERY) // a process that also runs the streams query service keeps the two apart
@Factory
public class IngestBeans {

    private static final Logger LOG = LoggerFactory.getLogger(IngestBeans.class);
    private static final Duration PLEDGE_REQUESTS_MAX_STALENESS = Duration.ofSeconds(10);

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }

    @Singleton
    @Bean(preDestroy = "close")
    Admin admin(IngestConfiguration config) {
        Map<String, Object> settings = new HashMap<>();
        settings.put("bootstrap.servers", config.kafkaBootstrapServers());
        settings.put("request.timeout.ms", (int) config.maxBlock().toMillis());
        settings.put("default.api.timeout.ms", (int) config.ackTimeout().toMillis());
        return Admin.create(settings);
    }

    @Singleton
    SchemaRegistryClient schemaRegistryClient(IngestConfiguration config) {
        return new SchemaRegistryClient(SchemaRegistryClientConfig.of(config.schemaRegistryUrl()));
    }

    /**
     * Topics and schemas must exist before the views and the producer start; hence this bean comes
     * first, eagerly ({@code @Context}), so that a mismatched topic or an incompatible schema fails
     * the start instead of the first request.
     */
    @Context
    PreparedKafka preparedKafka(IngestConfiguration config, Admin admin, SchemaRegistryClient registry) {
        if (config.initializeTopics()) {
            TopicInitializer.Outcome outcome = new TopicInitializer(admin, config.replicationFactor(), config.ackTimeout())
                    .ensure(Topics.all());
            LOG.info("Topics created: {}; already present: {}", outcome.created(), outcome.alreadyPresent().size());
        }
        if (config.registerSchemas()) {
            new SchemaRegistration(registry).registerAll(SchemaRegistration.subjectsOf(Topics.all()));
            LOG.info("Schemas registered");
        }
        return new PreparedKafka();
    }

    /** Marker that topics and schemas are in place. */
    public record PreparedKafka() {
    }

    @Context
    @Bean(preDestroy = "close")
    EventPublisher eventPublisher(IngestConfiguration config, SchemaRegistryClient registry, PreparedKafka prepared) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        settings.put(ProducerConfig.BATCH_SIZE_CONFIG, 131_072);
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) config.maxBlock().toMillis());
        int delivery = (int) config.ackTimeout().toMillis();
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(500, delivery / 2 - 10));
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-" + UUID.randomUUID());
        KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(settings, new StringSerializer(),
                new AvroSerializer<>(registry, false));
        return new EventPublisher(producer, config.ackTimeout());
    }

    @Context
    @Bean(preDestroy = "close")
    CompactedTopicView<Pledge> pledgeView(IngestConfiguration config, SchemaRegistryClient registry, PreparedKafka prepared) {
        CompactedTopicView<Pledge> view = new CompactedTopicView<>(Topics.PLEDGES.name(),
                viewConsumer(config, Topics.PLEDGES.name(), Topics.PLEDGES.valueDeserializer(registry)),
                (previous, current) -> { }, config.credentialsMaxStaleness());
        view.start();
        awaitCaughtUp(Topics.PLEDGES.name(), config, view::awaitCaughtUp);
        return view;
    }

    @Context
    @Bean(preDestroy = "close")
    Credentials credentials(IngestConfiguration config, SchemaRegistryClient registry, PreparedKafka prepared) {
        Credentials credentials = new Credentials(viewConsumer(config, Topics.API_CREDENTIALS.name(),
                Topics.API_CREDENTIALS.valueDeserializer(registry)), config.credentialsMaxStaleness());
        credentials.start();
        awaitCaughtUp(Topics.API_CREDENTIALS.name(), config, credentials::awaitCaughtUp);
        return credentials;
    }

    /** Pledge requests, pending and decided; read whole (they are few) so staff can list them on any instance. */
    @Context
    @Bean(preDestroy = "close")
    CompactedTopicView<PledgeRequest> pledgeRequestView(IngestConfiguration config, SchemaRegistryClient registry,
            PreparedKafka prepared) {
        CompactedTopicView<PledgeRequest> view = new CompactedTopicView<>(Topics.PLEDGE_REQUESTS.name(),
                viewConsumer(config, Topics.PLEDGE_REQUESTS.name(), Topics.PLEDGE_REQUESTS.valueDeserializer(registry)),
                // No key is judged from it: its freshness gates nothing, so it confirms against the broker rarely (every 2 s).
                (previous, current) -> { }, PLEDGE_REQUESTS_MAX_STALENESS);
        view.start();
        awaitCaughtUp(Topics.PLEDGE_REQUESTS.name(), config, view::awaitCaughtUp);
        return view;
    }

    @Singleton
    PledgeRequests pledgeRequests(CompactedTopicView<PledgeRequest> pledgeRequestView, EventPublisher publisher, Clock clock) {
        return new PledgeRequests(pledgeRequestView, publisher, clock);
    }

    @Singleton
    PledgeReview pledgeReview(PledgeRequests pledgeRequests, OrganizationAdministration administration) {
        return new PledgeReview(pledgeRequests, administration);
    }

    @Singleton
    Organizations organizations(CompactedTopicView<Pledge> pledgeView) {
        return new Organizations(pledgeView);
    }

    @Singleton
    Authenticator authenticator(IngestConfiguration config, Credentials credentials, Organizations organizations,
            CompactedTopicView<Pledge> pledgeView) {
        // Withdrawal is in the pledge view, keys in the credential view: a key is judged only while both are current.
        return new Authenticator(config.staffKeySha256(), credentials::byKeyId, organizations::isActive, () -> {
            CompactedTopicView.Freshness keys = credentials.freshness();
            return keys == CompactedTopicView.Freshness.CURRENT ? pledgeView.freshness() : keys;
        }, orgId -> credentials.isUnreadable(orgId) || pledgeView.isUnreadable(orgId));
    }

    @Singleton
    OrganizationAdministration organizationAdministration(Organizations organizations, Credentials credentials,
            EventPublisher publisher, Clock clock) {
        return new OrganizationAdministration(organizations, credentials, publisher, clock);
    }

    @Singleton
    ActivitySubmission activitySubmission(IngestConfiguration config, EventPublisher publisher, Clock clock) {
        var limits = config.limits();
        return new ActivitySubmission(new DownloadActivityReader(limits, clock), new AccessSnapshotReader(limits, clock),
                new EngagementActivityReader(limits, clock), new MonthlyStatsReader(limits, clock), publisher);
    }

    private static <V extends SpecificRecord> KafkaConsumer<String, V> viewConsumer(IngestConfiguration config, String topic,
            Deserializer<V> deserializer) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-view-" + topic + "-" + UUID.randomUUID());
        return new KafkaConsumer<>(settings, new StringDeserializer(), deserializer);
    }

    /** What waits for a view to catch up. */
    @FunctionalInterface
    private interface CatchUp {
        boolean await(Duration timeout) throws InterruptedException;
    }

    private static void awaitCaughtUp(String topic, IngestConfiguration config, CatchUp catchUp) {
        try {
            if (!catchUp.await(config.startupTimeout())) {
                LOG.warn("View of {} did not catch up within {}; health reports DOWN until it does", topic,
                        config.startupTimeout());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
