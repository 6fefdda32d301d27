package org.bluebutton.analytics.streams.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.LocalStackExtension;
import org.bluebutton.analytics.schemas.event.ActivityChannel;
import org.bluebutton.analytics.schemas.registry.SchemaRegistration;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClient;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClientConfig;
import org.bluebutton.analytics.schemas.serde.AvroSerializer;
import org.bluebutton.analytics.schemas.topic.TopicInitializer;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.testing.QueryClient;
import org.bluebutton.analytics.streams.testing.StreamsInstance;
import org.bluebutton.analytics.testkit.SampleEvents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Moving a running deployment (README, "Moving a running deployment"): the new version starts under a
 * new application id beside the running one and replays the input topics, which are kept forever.
 * While it replays, its query API must never answer with the part it has replayed so far — only
 * 503 (catching up) or the complete figures — and once caught up it answers what the running
 * deployment answers.
 */
@ExtendWith(LocalStackExtension.class)
class ReplayMigrationIT {

    private static final int EVENTS = 20_000;

    private final LocalStack stack;
    private final String orgId = "replay-" + UUID.randomUUID().toString().substring(0, 8);
    private final QueryClient client = new QueryClient();

    ReplayMigrationIT(LocalStack stack) throws Exception {
        this.stack = stack;
        try (Admin admin = Admin.create(stack.adminConfig())) {
            new TopicInitializer(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
        }
        new SchemaRegistration(new SchemaRegistryClient(SchemaRegistryClientConfig.of(stack.schemaRegistryUrl())))
                .registerAll(SchemaRegistration.subjectsOf(Topics.all()));
    }

    @Test
    void a_new_application_id_serves_nothing_partial_while_it_replays_and_then_what_the_running_one_serves() {
        sendHistory();
        String path = "/v1/organizations/" + orgId + "/metrics?from=2025&to=2025";
        try (StreamsInstance running = StreamsInstance.start(stack, "replay-old-" + UUID.randomUUID(), "old")) {
            long served = client.awaitStaff(running.url() + path, json -> json.at("/years/0/activity/events").asLong() == EVENTS)
                    .at("/years/0/activity/downloads").asLong();

            try (StreamsInstance replaying = StreamsInstance.start(stack, "replay-new-" + UUID.randomUUID(), "new")) {
                List<String> answers = new ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                QueryClient.Answer answer;
                do {
                    answer = client.asStaff(replaying.url() + path);
                    answers.add(answer.status() == 200 ? "200 events=" + answer.json().at("/years/0/activity/events").asLong()
                            : answer.status() + " " + answer.json().at("/type").asText());
                } while (answer.status() != 200 && System.nanoTime() < deadline);

                assertThat(answer.status()).as("answers: %s", answers).isEqualTo(200);
                assertThat(answer.json().at("/years/0/activity/events").asLong()).as("the first figures it serves are complete")
                        .isEqualTo(EVENTS);
                assertThat(answer.json().at("/years/0/activity/downloads").asLong()).isEqualTo(served);
                assertThat(answers).as("it said it was catching up while it replayed")
                        .anyMatch(line -> line.startsWith("503 ") && line.endsWith("/catching-up"));
            }
        }
    }

    /** The organization's profile and {@link #EVENTS} distinct download events of March 2025 on the input topics. */
    private void sendHistory() {
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(stack.producerConfig(), new StringSerializer(),
                new AvroSerializer<>(new SchemaRegistryClient(SchemaRegistryClientConfig.of(stack.schemaRegistryUrl())), false))) {
            producer.send(new ProducerRecord<>(Topics.PLEDGES.name(), orgId, SampleEvents.hospitalPledge(orgId).build()));
            for (int i = 0; i < EVENTS; i++) {
                Instant at = Instant.parse("2025-03-01T00:00:00Z").plusSeconds(i * 60L);
                producer.send(new ProducerRecord<>(Topics.DOWNLOAD_ACTIVITY.name(), orgId, SampleEvents.download(orgId)
                        .setEventId(UUID.randomUUID().toString()).setOccurredAt(at).setReceivedAt(Instant.parse("2025-04-01T00:00:00Z"))
                        .setChannel(ActivityChannel.DOWNLOAD).setCount(1 + i % 3).build()));
            }
            producer.flush();
        }
    }
}
