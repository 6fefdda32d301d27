package org.bluebutton.analytics.streams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.LongPredicate;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.LocalStackExtension;
import org.bluebutton.analytics.localstack.process.ChildProcess;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthKey;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.event.ActivityChannel;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.registry.SchemaRegistration;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClient;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClientConfig;
import org.bluebutton.analytics.schemas.serde.AvroSerializer;
import org.bluebutton.analytics.schemas.topic.TopicInitializer;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.testing.QueryClient;
import org.bluebutton.analytics.streams.testing.StaffKeys;
import org.bluebutton.analytics.testkit.SampleEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Exactly once through crashes: the streams application runs as a child JVM, is killed with SIGKILL
 * (no clean close) while events flow, and restarts — on its state directory, then on an empty one
 * (state restored from the changelogs). The month's figures must end exact — on the output topic and
 * in the restarted instance's query API: every distinct event once, duplicates never, nothing lost.
 */
@ExtendWith(LocalStackExtension.class)
class StreamsCrashIT {

    private final LocalStack stack;
    private final SchemaRegistryClient registry;
    private final String orgId = "crash-" + UUID.randomUUID().toString().substring(0, 8);
    private final String applicationId = "crash-it-" + UUID.randomUUID();
    private final Path workDirectory;
    private final ChildProcess application;
    private final int httpPort = ChildProcess.freePort();

    StreamsCrashIT(LocalStack stack) throws Exception {
        this.stack = stack;
        this.registry = new SchemaRegistryClient(SchemaRegistryClientConfig.of(stack.schemaRegistryUrl()));
        try (Admin admin = Admin.create(stack.adminConfig())) {
            new TopicInitializer(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
        }
        new SchemaRegistration(registry).registerAll(SchemaRegistration.subjectsOf(Topics.all()));
        this.workDirectory = Files.createTempDirectory("streams-crash");
        this.application = new ChildProcess("streams application", workDirectory, workDirectory.resolve("streams.log"),
                Duration.ofSeconds(30));
    }

    @AfterEach
    void stopApplication() {
        application.close();
        ChildProcess.deleteRecursively(workDirectory);
    }

    @Test
    void killed_and_restarted_instances_count_every_distinct_event_exactly_once() throws Exception {
        OrgMonthKey march = new OrgMonthKey(orgId, 2025, 3);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(stack.producerConfig(),
                new StringSerializer(), new AvroSerializer<>(registry, false))) {
            producer.send(new ProducerRecord<>(Topics.PLEDGES.name(), orgId, SampleEvents.hospitalPledge(orgId).build()));
            start();
            send(producer, 0, 200);
            awaitEvents(march, events -> events > 0);

            send(producer, 200, 400);
            application.kill();
            start();
            send(producer, 0, 100); // already counted before the crash: the restored dedup store must drop them
            awaitEvents(march, events -> events == 400);

            application.kill();
            ChildProcess.deleteRecursively(workDirectory.resolve("state"));
            start();
            send(producer, 100, 450); // 100..399 again after the state was rebuilt from the changelogs, 400..449 new
            OrgMonthlyMetrics end = awaitEvents(march, events -> events == 450);

            assertThat(end.getActivity()).isEqualTo(SampleEvents.activity(0, 450, 0, 0, 450));
            JsonNode year = new QueryClient().awaitStaff("http://localhost:" + httpPort + "/v1/organizations/" + orgId + "/metrics?from=2025&to=2025",
                    json -> json.at("/years/0/activity/events").asLong() == 450);
            assertThat(year.at("/years/0/months/0/activity/downloads").asLong()).as("the query API after the restarts").isEqualTo(450);
        }
    }

    /** Sends events {@code from} (inclusive) to {@code to} (exclusive); every third is sent twice, as a retry would. */
    private void send(KafkaProducer<String, SpecificRecord> producer, int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            DownloadActivity event = SampleEvents.download(orgId)
                    .setEventId(UUID.nameUUIDFromBytes((orgId + i).getBytes()).toString())
                    .setOccurredAt(Instant.parse("2025-03-01T00:00:00Z").plusSeconds(i))
                    .setReceivedAt(Instant.parse("2025-03-02T00:00:00Z"))
                    .setChannel(ActivityChannel.DOWNLOAD).setCount(1).build();
            producer.send(new ProducerRecord<>(Topics.DOWNLOAD_ACTIVITY.name(), orgId, event));
            if (i % 3 == 0) {
                producer.send(new ProducerRecord<>(Topics.DOWNLOAD_ACTIVITY.name(), orgId, event));
            }
        }
        producer.flush();
    }

    private void start() {
        application.launch(List.of(ChildProcess.javaExecutable(), "-Xmx512m", "-cp", ChildProcess.absoluteClasspath(),
                StreamsApplication.class.getName(),
                "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", stack.schemaRegistryUrl(),
                "--application-id", applicationId,
                "--instance-id", "crash-instance",
                "--state-dir", workDirectory.resolve("state").toString(),
                "--replication-factor", "1",
                "--initialize-topics", "false",
                "--http-port", Integer.toString(httpPort),
                "--staff-key-sha256", StaffKeys.SHA256,
                "--peer-secret", StaffKeys.PEER_SECRET));
    }

    /** Reads the month's committed figures until {@code condition} holds for its event count. */
    private OrgMonthlyMetrics awaitEvents(OrgMonthKey month, LongPredicate condition) {
        RecordSerdes serdes = new RecordSerdes(registry);
        List<Long> seen = new ArrayList<>();
        try (KafkaConsumer<OrgMonthKey, OrgMonthlyMetrics> consumer = new KafkaConsumer<>(stack.consumerConfig("crash-" + UUID.randomUUID()),
                serdes.key(OrgMonthKey.class).deserializer(), serdes.value(OrgMonthlyMetrics.class).deserializer())) {
            consumer.subscribe(List.of(Topics.ORG_MONTHLY_METRICS.name()));
            long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
            OrgMonthlyMetrics latest = null;
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<OrgMonthKey, OrgMonthlyMetrics> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key().equals(month)) {
                        latest = record.value();
                        seen.add(latest.getActivity().getEvents());
                    }
                }
                if (latest != null && condition.test(latest.getActivity().getEvents())) {
                    assertThat(seen).as("committed event counts never exceed the distinct events sent").allMatch(n -> n <= 450);
                    return latest;
                }
            }
        }
        throw new AssertionError("month " + month + " never reached the expected figures; committed event counts seen: "
                + seen + "\n" + application.diagnosis(40));
    }
}
