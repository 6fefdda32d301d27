package org.bluebutton.analytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.contracts.security.KafkaClientSecurity;
import org.bluebutton.analytics.contracts.security.RegistryClientSecurity;
import org.bluebutton.analytics.contracts.security.StoreFile;
import org.bluebutton.analytics.ingest.IngestService;
import org.bluebutton.analytics.ingest.config.IngestConfiguration;
import org.bluebutton.analytics.localstack.kafka.LocalKafka;
import org.bluebutton.analytics.localstack.kafka.SecuredListener;
import org.bluebutton.analytics.localstack.process.ChildProcess;
import org.bluebutton.analytics.localstack.registry.LocalSchemaRegistry;
import org.bluebutton.analytics.reliability.testing.LogCapture;
import org.bluebutton.analytics.reliability.testing.SecuredClusterAcls;
import org.bluebutton.analytics.schemas.topic.TopicInitializer;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.StreamsService;
import org.bluebutton.analytics.streams.StreamsSettings;
import org.bluebutton.analytics.streams.query.QuerySettings;
import org.bluebutton.analytics.testkit.ServiceHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The pipeline on a broker secured as production runs it: a SASL_SSL listener (SCRAM-SHA-512, a
 * certificate made for this run) and Kafka's ACL authorizer, where ingest, streams and reporting each
 * connect as their own principal with only the ACLs the README lists ({@link SecuredClusterAcls}).
 * One broker, registry, ingest and streams instance for the whole class.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecuredStackSecurityIT {

    private static final String APPLICATION_ID = "bluebutton-streams-secured";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path work;
    private static SecuredListener listener;
    private static LocalKafka kafka;
    private static LocalSchemaRegistry registry;
    private static IngestService ingest;
    private static StreamsService streams;
    private static ApiKey staffKey;
    private static ServiceHttp ingestHttp;

    @BeforeAll
    static void start_a_secured_broker_and_the_services_each_as_its_own_principal() throws Exception {
        LogCapture.install();
        work = Files.createTempDirectory("secured-stack");
        listener = SecuredListener.create(work.resolve("tls"), SecuredClusterAcls.ADMIN,
                List.of(SecuredClusterAcls.INGEST, SecuredClusterAcls.STREAMS, SecuredClusterAcls.REPORTING));
        // Generous start-up limits: a TLS broker and the registry start in 20-40 s on the shared 2-core machine when it is busy.
        kafka = LocalKafka.builder().dataDirectory(work.resolve("kafka")).secured(listener).startupTimeout(Duration.ofMinutes(3)).build();
        registry = LocalSchemaRegistry.builder().workingDirectory(work.resolve("registry")).startupTimeout(Duration.ofMinutes(3)).build();
        CompletableFuture<Void> registryStarted = CompletableFuture.runAsync(registry::start);
        kafka.start();
        registryStarted.join();
        // The operator's part, as the administrator: the catalogue's topics and each service's ACLs.
        try (Admin admin = Admin.create(kafka.adminConfig())) {
            new TopicInitializer(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
            admin.createAcls(SecuredClusterAcls.bindings(APPLICATION_ID)).all().get(30, TimeUnit.SECONDS);
        }
        staffKey = ApiKey.generate(ApiKey.STAFF_PREFIX);
        ingest = IngestService.start(IngestConfiguration.builder(kafka.bootstrapServers(), registry.url(), staffKey.secretSha256())
                // The credential views are confirmed against a TLS broker on a busy shared machine: staleness 10 s
                // (CredentialPropagationIT proves the production default's 2 s on a plaintext broker).
                .replicationFactor(1).initializeTopics(false).registerSchemas(true).credentialsMaxStaleness(Duration.ofSeconds(10)).build(),
                security(SecuredClusterAcls.INGEST),
                RegistryClientSecurity.NONE, 0);
        ingestHttp = new ServiceHttp(ingest.url(), Duration.ofSeconds(30));
        streams = StreamsService.start(StreamsSettings.builder(kafka.bootstrapServers(), registry.url(), staffKey.secretSha256(),
                QuerySettings.newPeerSecret()).applicationId(APPLICATION_ID).stateDir(work.resolve("streams-state")).replicationFactor(1)
                .initializeTopics(false).httpPort(ChildProcess.freePort()).kafkaSecurity(security(SecuredClusterAcls.STREAMS)).build());
    }

    @AfterAll
    static void stop() {
        try {
            if (streams != null) {
                streams.close();
            }
            if (ingest != null) {
                ingest.close();
            }
        } finally {
            if (registry != null) {
                registry.close();
            }
            if (kafka != null) {
                kafka.close();
            }
            ChildProcess.deleteRecursively(work);
        }
    }

    @Test
    void events_through_ingest_come_out_of_the_query_api_exactly() throws Exception {
        String orgId = "secured-" + UUID.randomUUID();
        assertThat(untilNot503(() -> ingestHttp.post("/v1/organizations", staffKey.reveal(), ServiceHttp.JSON, """
                {"orgId":"%s","name":"Secured Hospital","organizationType":"DATA_HOLDER","category":"HOSPITAL","state":"MA",
                 "website":"https://example.org","commitments":["DOWNLOAD_FROM_PORTAL"]}""".formatted(orgId))).statusCode()).isEqualTo(201);
        var issued = untilNot503(() -> ingestHttp.post("/v1/organizations/" + orgId + "/api-keys", staffKey.reveal(), null, null));
        assertThat(issued.statusCode()).isEqualTo(201);
        String key = JSON.readTree(issued.body()).path("apiKey").asText();
        Instant at = Instant.now().minus(1, ChronoUnit.MINUTES);
        String batch = "[{\"eventId\":\"%s\",\"occurredAt\":\"%s\",\"channel\":\"DOWNLOAD\",\"count\":3},"
                + "{\"eventId\":\"%s\",\"occurredAt\":\"%s\",\"channel\":\"DOWNLOAD\",\"count\":4}]";
        String body = batch.formatted(UUID.randomUUID(), at, UUID.randomUUID(), at);

        assertThat(untilNot503(() -> ingestHttp.post("/v1/organizations/" + orgId + "/download-activity", key, ServiceHttp.JSON, body))
                .statusCode()).isEqualTo(202);
        // A retry of the same batch: acknowledged again, counted once.
        assertThat(untilNot503(() -> ingestHttp.post("/v1/organizations/" + orgId + "/download-activity", key, ServiceHttp.JSON, body))
                .statusCode()).isEqualTo(202);

        int year = at.atOffset(ZoneOffset.UTC).getYear();
        ServiceHttp query = new ServiceHttp(streams.queryUrl(), Duration.ofSeconds(10));
        JsonNode figures = await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    var answer = query.get("/v1/organizations/" + orgId + "/metrics?from=" + year + "&to=" + year, staffKey.reveal());
                    return answer.statusCode() == 200 ? JSON.readTree(answer.body()) : null;
                }, json -> json != null && json.at("/years/0/activity/downloads").asLong() >= 7);
        Thread.sleep(1_000); // a second commit interval after the figures showed: nothing more may arrive
        JsonNode settled = JSON.readTree(query.get("/v1/organizations/" + orgId + "/metrics?from=" + year + "&to=" + year,
                staffKey.reveal()).body());

        assertThat(figures.at("/years/0/activity/downloads").asLong()).isEqualTo(7);
        assertThat(settled.at("/years/0/activity/downloads").asLong()).isEqualTo(7);
    }

    @Test
    void the_broker_stamps_a_record_on_an_input_topic_with_its_own_append_time_not_the_writers() throws Exception {
        long forged = Instant.parse("2099-01-01T00:00:00Z").toEpochMilli();
        long before = System.currentTimeMillis();
        org.apache.kafka.clients.producer.RecordMetadata written;
        try (KafkaProducer<String, String> producer = producer(SecuredClusterAcls.INGEST)) {
            written = producer.send(new ProducerRecord<>(Topics.ACCESS_SNAPSHOTS.name(), null, forged, "stamp-" + UUID.randomUUID(),
                    "not an event")).get(10, TimeUnit.SECONDS);
        }

        TopicPartition partition = new TopicPartition(Topics.ACCESS_SNAPSHOTS.name(), written.partition());
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(consumerConfig(SecuredClusterAcls.STREAMS), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            reader.assign(List.of(partition));
            reader.seek(partition, written.offset());
            var record = await().atMost(Duration.ofSeconds(20)).until(() -> reader.poll(Duration.ofMillis(500)).records(partition).stream()
                    .filter(r -> r.offset() == written.offset()).findFirst(), java.util.Optional::isPresent).orElseThrow();

            assertThat(record.timestampType()).isEqualTo(org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME);
            assertThat(record.timestamp()).isBetween(before, System.currentTimeMillis()).isNotEqualTo(forged);
        }
    }

    @Test
    void a_client_that_does_not_speak_tls_gets_no_answer() {
        Map<String, Object> config = new HashMap<>(Map.of("bootstrap.servers", kafka.bootstrapServers(), "default.api.timeout.ms", 3_000,
                "request.timeout.ms", 2_000));

        try (Admin plaintext = Admin.create(config)) {
            assertThatThrownBy(() -> plaintext.listTopics().names().get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
    }

    @Test
    void a_client_with_a_wrong_password_is_refused_at_authentication() {
        Map<String, Object> config = new HashMap<>(listener.clientConfig(SecuredClusterAcls.INGEST));
        config.put("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
                + SecuredClusterAcls.INGEST + "\" password=\"not-the-password\";");
        config.put("bootstrap.servers", kafka.bootstrapServers());
        config.put("default.api.timeout.ms", 5_000);
        config.put("request.timeout.ms", 4_000);

        try (Admin impostor = Admin.create(config)) {
            assertThatThrownBy(() -> impostor.listTopics().names().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }
    }

    @Test
    void the_reporting_principal_cannot_write_an_input_topic() {
        try (KafkaProducer<String, String> producer = producer(SecuredClusterAcls.REPORTING)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.DOWNLOAD_ACTIVITY.name(), "org", "forged")).get(10,
                    TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void the_ingest_principal_cannot_write_an_output_topic_or_join_the_streams_group() {
        try (KafkaProducer<String, String> producer = producer(SecuredClusterAcls.INGEST)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.ORG_YEARLY_METRICS.name(), "org", "forged")).get(10,
                    TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        Map<String, Object> config = consumerConfig(SecuredClusterAcls.INGEST);
        config.put("group.id", APPLICATION_ID);
        try (KafkaConsumer<byte[], byte[]> intruder = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            intruder.subscribe(List.of(Topics.DOWNLOAD_ACTIVITY.name()));

            assertThatThrownBy(() -> intruder.poll(Duration.ofSeconds(10))).isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void the_streams_principal_cannot_write_an_input_topic() {
        try (KafkaProducer<String, String> producer = producer(SecuredClusterAcls.STREAMS)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.API_CREDENTIALS.name(), "org", "forged")).get(10,
                    TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).hasCauseInstanceOf(TopicAuthorizationException.class);
        }
    }

    @Test
    void the_reporting_principal_reads_the_outputs() {
        Map<String, Object> config = consumerConfig(SecuredClusterAcls.REPORTING);
        try (KafkaConsumer<String, byte[]> reader = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = reader.partitionsFor(Topics.ORG_YEARLY_METRICS.name()).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            reader.assign(partitions);
            reader.seekToBeginning(partitions);

            assertThat(partitions).hasSize(Topics.ORG_YEARLY_METRICS.partitions());
            assertThatCode(() -> reader.poll(Duration.ofSeconds(2))).as("reading is authorized").doesNotThrowAnyException();
        }
    }

    @Test
    @Order(Integer.MAX_VALUE) // last: after every connection and request of the class has logged
    void no_sasl_or_store_password_appears_in_any_log_line() throws IOException {
        Set<String> secrets = new java.util.HashSet<>();
        secrets.add(listener.storePassword());
        for (String user : List.of(SecuredClusterAcls.ADMIN, SecuredClusterAcls.INGEST, SecuredClusterAcls.STREAMS, SecuredClusterAcls.REPORTING)) {
            secrets.add(listener.password(user));
        }
        List<String> lines = new ArrayList<>(LogCapture.lines());
        int jvmLines = lines.size();
        lines.addAll(Files.readAllLines(kafka.logFile(), StandardCharsets.ISO_8859_1));

        List<String> leaks = lines.stream().filter(line -> secrets.stream().anyMatch(line::contains)).toList();

        System.out.printf("secured log scan: %d SASL and store passwords searched in %d lines (%d from this JVM): %d found%n",
                secrets.size(), lines.size(), jvmLines, leaks.size());
        assertThat(jvmLines).as("the run logged").isPositive();
        assertThat(lines).as("the services logged their Kafka connection").anyMatch(line -> line.contains("SASL_SSL"));
        assertThat(leaks).as("log lines holding a password").isEmpty();
    }

    /** Sends again after a 503 (Retry-After), as every client of ingest does, up to a minute. */
    private static java.net.http.HttpResponse<String> untilNot503(java.util.function.Supplier<java.net.http.HttpResponse<String>> request) {
        return await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(request::get, answer -> answer.statusCode() != 503);
    }

    private static KafkaClientSecurity security(String user) {
        return KafkaClientSecurity.saslSsl(KafkaClientSecurity.SaslMechanism.SCRAM_SHA_512, user, listener.password(user),
                new StoreFile(listener.truststore(), "PKCS12", listener.storePassword()));
    }

    private static KafkaProducer<String, String> producer(String user) {
        Map<String, Object> config = new HashMap<>(security(user).applyTo(Map.of("bootstrap.servers", kafka.bootstrapServers())));
        config.put("max.block.ms", 10_000);
        config.put("delivery.timeout.ms", 10_000);
        config.put("request.timeout.ms", 5_000);
        // Not idempotent: a principal with no Write anywhere would be refused the producer id (cluster-level) before
        // the topic's own ACL is asked; these producers probe the topic's ACL.
        config.put("enable.idempotence", false);
        config.put("acks", "all");
        return new KafkaProducer<>(config, new StringSerializer(), new StringSerializer());
    }

    private static Map<String, Object> consumerConfig(String user) {
        Map<String, Object> config = new HashMap<>(security(user).applyTo(Map.of("bootstrap.servers", kafka.bootstrapServers())));
        config.put("enable.auto.commit", false);
        config.put("auto.offset.reset", "earliest");
        return config;
    }
}
