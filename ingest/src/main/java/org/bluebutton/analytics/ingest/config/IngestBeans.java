package org.bluebutton.analytics.ingest.config;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
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
import org.bluebutton.analytics.contracts.ratelimit.ClientRateLimiter;
import org.bluebutton.analytics.contracts.security.KafkaClientSecurity;
import org.bluebutton.analytics.contracts.security.RegistryClientSecurity;
import org.bluebutton.analytics.ingest.activity.AccessSnapshotReader;
import org.bluebutton.analytics.ingest.activity.ActivitySubmission;
import org.bluebutton.analytics.ingest.activity.DownloadActivityReader;
import org.bluebutton.analytics.ingest.activity.EngagementActivityReader;
import org.bluebutton.analytics.ingest.activity.MonthlyStatsReader;
import org.bluebutton.analytics.ingest.audit.AuditLog;
import org.bluebutton.analytics.ingest.auth.Authenticator;
import org.bluebutton.analytics.ingest.auth.Credentials;
import org.bluebutton.analytics.ingest.auth.StaffAccounts;
import org.bluebutton.analytics.ingest.kafka.CompactedTopicView;
import org.bluebutton.analytics.ingest.limits.ConcurrencyLimit;
import org.bluebutton.analytics.ingest.limits.RequestRateLimiter;
import org.bluebutton.analytics.ingest.pledge.OrganizationAdministration;
import org.bluebutton.analytics.ingest.pledge.Organizations;
import org.bluebutton.analytics.ingest.publish.EventPublisher;
import org.bluebutton.analytics.ingest.publish.TransactionalPublisher;
import org.bluebutton.analytics.ingest.signup.PledgeRequests;
import org.bluebutton.analytics.ingest.signup.PledgeReview;
import org.bluebutton.analytics.ingest.staff.StaffAdministration;
import org.bluebutton.analytics.ingest.story.FeaturedStories;
import org.bluebutton.analytics.schemas.audit.StaffAuditRecord;
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

    /**
     * TLS/SASL of every Kafka client of this instance, from the {@code BLUEBUTTON_KAFKA_*} variables
     * (as Micronaut properties: {@code bluebutton.kafka.security.protocol} and so on, see
     * {@link #propertyName}). Invalid settings stop the start, naming the variable.
     */
    @Singleton
    KafkaClientSecurity kafkaSecurity(Environment environment) {
        KafkaClientSecurity security = KafkaClientSecurity.fromVariables(variable -> property(environment, variable));
        LOG.info("Kafka connection: {}", security);
        return security;
    }

    /** Basic auth and trusted CAs for the registry, from {@code SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO} and its TLS variables. */
    @Singleton
    RegistryClientSecurity registrySecurity(Environment environment) {
        return RegistryClientSecurity.fromVariables(variable -> property(environment, variable));
    }

    /**
     * The Micronaut property of a connection variable: lower case, dots for underscores. Micronaut
     * reads the environment variable under this name too, so a deployment sets the variable and a
     * program starting ingest in its own process ({@code IngestService}) sets the property.
     */
    public static String propertyName(String variable) {
        return variable.toLowerCase(Locale.ROOT).replace('_', '.');
    }

    private static String property(Environment environment, String variable) {
        return environment.getProperty(propertyName(variable), String.class).orElse(null);
    }

    @Singleton
    @Bean(preDestroy = "close")
    Admin admin(IngestConfiguration config, KafkaClientSecurity security) {
        Map<String, Object> settings = new HashMap<>(security.clientConfig());
        settings.put("bootstrap.servers", config.kafkaBootstrapServers());
        settings.put("request.timeout.ms", (int) config.maxBlock().toMillis());
        settings.put("default.api.timeout.ms", (int) config.ackTimeout().toMillis());
        return Admin.create(settings);
    }

    @Singleton
    SchemaRegistryClient schemaRegistryClient(IngestConfiguration config, RegistryClientSecurity security) {
        return new SchemaRegistryClient(new SchemaRegistryClientConfig(URI.create(config.schemaRegistryUrl()), security.basicAuthUserInfo(),
                security.sslContext(), SchemaRegistryClientConfig.DEFAULT_CONNECT_TIMEOUT, SchemaRegistryClientConfig.DEFAULT_REQUEST_TIMEOUT));
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
    EventPublisher eventPublisher(IngestConfiguration config, KafkaClientSecurity security, SchemaRegistryClient registry,
            PreparedKafka prepared) {
        Map<String, Object> settings = new HashMap<>(security.clientConfig());
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
    CompactedTopicView<Pledge> pledgeView(IngestConfiguration config, KafkaClientSecurity security, SchemaRegistryClient registry,
            PreparedKafka prepared) {
        CompactedTopicView<Pledge> view = new CompactedTopicView<>(Topics.PLEDGES.name(),
                viewConsumer(config, security, Topics.PLEDGES.name(), Topics.PLEDGES.valueDeserializer(registry)),
                (previous, current) -> { }, config.credentialsMaxStaleness());
        view.start();
        awaitCaughtUp(Topics.PLEDGES.name(), config, view::awaitCaughtUp);
        return view;
    }

    @Context
    @Bean(preDestroy = "close")
    Credentials credentials(IngestConfiguration config, KafkaClientSecurity security, SchemaRegistryClient registry,
            PreparedKafka prepared) {
        Credentials credentials = new Credentials(viewConsumer(config, security, Topics.API_CREDENTIALS.name(),
                Topics.API_CREDENTIALS.valueDeserializer(registry)), config.credentialsMaxStaleness());
        credentials.start();
        awaitCaughtUp(Topics.API_CREDENTIALS.name(), config, credentials::awaitCaughtUp);
        return credentials;
    }

    @Context
    @Bean(preDestroy = "close")
    StaffAccounts staffAccounts(IngestConfiguration config, KafkaClientSecurity security, SchemaRegistryClient registry,
            PreparedKafka prepared) {
        StaffAccounts accounts = new StaffAccounts(viewConsumer(config, security, Topics.STAFF_ACCOUNTS.name(),
                Topics.STAFF_ACCOUNTS.valueDeserializer(registry)), config.credentialsMaxStaleness());
        accounts.start();
        awaitCaughtUp(Topics.STAFF_ACCOUNTS.name(), config, accounts::awaitCaughtUp);
        return accounts;
    }

    /**
     * Staff changes and their audit records, one transaction each. The transactional id is unique per
     * process: instances never fence each other, and a crashed instance's open transaction is aborted by
     * the broker after {@code transaction.timeout.ms} — kept short (the ack timeout, at least 5 s), as
     * read_committed readers of those partitions wait for it until then.
     */
    @Context
    @Bean(preDestroy = "close")
    TransactionalPublisher transactionalPublisher(IngestConfiguration config, KafkaClientSecurity security, SchemaRegistryClient registry,
            PreparedKafka prepared) {
        TransactionalPublisher publisher = new TransactionalPublisher(() -> {
            Map<String, Object> settings = new HashMap<>(security.clientConfig());
            settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers());
            settings.put(ProducerConfig.ACKS_CONFIG, "all");
            settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            settings.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "ingest-staff-changes-" + UUID.randomUUID());
            settings.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) Math.max(5_000, config.ackTimeout().toMillis()));
            // Starting and committing a transaction block up to max.block.ms: staff changes are rare and may wait as
            // long as a publish may (the ack timeout) rather than fail on a busy coordinator.
            settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) config.ackTimeout().toMillis());
            int delivery = (int) config.ackTimeout().toMillis();
            settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, delivery);
            settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(500, delivery / 2 - 10));
            settings.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-staff-changes-" + UUID.randomUUID());
            return new KafkaProducer<>(settings, new StringSerializer(), new AvroSerializer<>(registry, false));
        });
        publisher.prepare();
        return publisher;
    }

    @Singleton
    @Bean(preDestroy = "close")
    AuditLog auditLog(IngestConfiguration config, KafkaClientSecurity security, SchemaRegistryClient registry, PreparedKafka prepared) {
        Map<String, Object> settings = new HashMap<>(security.clientConfig());
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers());
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-audit-reader-" + UUID.randomUUID());
        KafkaConsumer<String, StaffAuditRecord> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                Topics.STAFF_AUDIT.valueDeserializer(registry));
        return new AuditLog(consumer, config.ackTimeout());
    }

    @Singleton
    StaffAdministration staffAdministration(StaffAccounts accounts, TransactionalPublisher publisher, Clock clock) {
        return new StaffAdministration(accounts, publisher, clock);
    }

    @Singleton
    RequestRateLimiter organizationRateLimiter(IngestConfiguration config) {
        return new RequestRateLimiter(config.organizationRateLimit());
    }

    @Singleton
    ClientRateLimiter clientRateLimiter(IngestConfiguration config) {
        return new ClientRateLimiter(config.clientRateLimit());
    }

    @Singleton
    ConcurrencyLimit concurrencyLimit(IngestConfiguration config) {
        return new ConcurrencyLimit(config.maxConcurrentRequests());
    }

    /** Pledge requests, pending and decided; read whole (they are few) so staff can list them on any instance. */
    @Context
    @Bean(preDestroy = "close")
    CompactedTopicView<PledgeRequest> pledgeRequestView(IngestConfiguration config, KafkaClientSecurity security,
            SchemaRegistryClient registry, PreparedKafka prepared) {
        CompactedTopicView<PledgeRequest> view = new CompactedTopicView<>(Topics.PLEDGE_REQUESTS.name(),
                viewConsumer(config, security, Topics.PLEDGE_REQUESTS.name(), Topics.PLEDGE_REQUESTS.valueDeserializer(registry)),
                // No key is judged from it: its freshness gates nothing, so it confirms against the broker rarely (every 2 s).
                (previous, current) -> { }, PLEDGE_REQUESTS_MAX_STALENESS);
        view.start();
        awaitCaughtUp(Topics.PLEDGE_REQUESTS.name(), config, view::awaitCaughtUp);
        return view;
    }

    @Singleton
    PledgeRequests pledgeRequests(CompactedTopicView<PledgeRequest> pledgeRequestView, EventPublisher publisher,
            TransactionalPublisher staffChanges, Clock clock) {
        return new PledgeRequests(pledgeRequestView, publisher, staffChanges, clock);
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
            CompactedTopicView<Pledge> pledgeView, StaffAccounts staffAccounts) {
        // Withdrawal is in the pledge view, keys in the credential and staff views: a key is judged only while all are current.
        return new Authenticator(config.staffKeySha256(), staffAccounts::byKeyId, staffAccounts::isUnreadable, credentials::byKeyId,
                organizations::isActive, () -> {
                    CompactedTopicView.Freshness keys = credentials.freshness();
                    if (keys != CompactedTopicView.Freshness.CURRENT) {
                        return keys;
                    }
                    CompactedTopicView.Freshness staff = staffAccounts.freshness();
                    return staff != CompactedTopicView.Freshness.CURRENT ? staff : pledgeView.freshness();
                }, orgId -> credentials.isUnreadable(orgId) || pledgeView.isUnreadable(orgId));
    }

    @Singleton
    OrganizationAdministration organizationAdministration(Organizations organizations, Credentials credentials,
            TransactionalPublisher publisher, Clock clock) {
        return new OrganizationAdministration(organizations, credentials, publisher, clock);
    }

    @Singleton
    FeaturedStories featuredStories(OrganizationAdministration administration, TransactionalPublisher publisher, Clock clock) {
        return new FeaturedStories(administration, publisher, clock);
    }

    @Singleton
    ActivitySubmission activitySubmission(IngestConfiguration config, EventPublisher publisher, Clock clock) {
        var limits = config.limits();
        return new ActivitySubmission(new DownloadActivityReader(limits, clock), new AccessSnapshotReader(limits, clock),
                new EngagementActivityReader(limits, clock), new MonthlyStatsReader(limits, clock), publisher);
    }

    private static <V extends SpecificRecord> KafkaConsumer<String, V> viewConsumer(IngestConfiguration config,
            KafkaClientSecurity security, String topic, Deserializer<V> deserializer) {
        Map<String, Object> settings = new HashMap<>(security.clientConfig());
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
