package org.bluebutton.analytics.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
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
import org.bluebutton.analytics.streams.IncompatibleStateException;
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
 * deployment answers — the organizations' own figures and the roll-ups behind a repartition topic.
 * An application id that holds an earlier version's state is refused.
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
        String organization = "/v1/organizations/" + orgId + "/metrics?from=2017&to=2017";
        String program = "/v1/program/summary?year=2017"; // a roll-up: behind a repartition topic and a flush
        try (StreamsInstance running = StreamsInstance.start(stack, "replay-old-" + UUID.randomUUID(), "old")) {
            JsonNode servedActivity = client.awaitStaff(running.url() + organization, json -> json.at("/years/0/activity/events").asLong() == EVENTS)
                    .at("/years/0/activity");
            JsonNode servedProgram = client.awaitStaff(running.url() + program,
                    json -> json.at("/activity/downloads").asLong() == servedActivity.at("/downloads").asLong()).at("/activity");

            try (StreamsInstance replaying = StreamsInstance.start(stack, "replay-new-" + UUID.randomUUID(), "new")) {
                List<String> answers = new ArrayList<>();
                Map<String, JsonNode> first = new LinkedHashMap<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (first.size() < 2 && System.nanoTime() < deadline) {
                    for (String path : List.of(organization, program)) {
                        if (!first.containsKey(path)) {
                            QueryClient.Answer answer = client.asStaff(replaying.url() + path);
                            answers.add(path + " " + answer.status() + (answer.status() == 200 ? "" : " " + answer.json().at("/type").asText()));
                            if (answer.status() == 200) {
                                first.put(path, answer.json());
                            }
                        }
                    }
                }

                assertThat(first).as("answers: %s", answers).containsKeys(organization, program);
                assertThat(first.get(organization).at("/years/0/activity")).as("the first organization figures it serves are complete")
                        .isEqualTo(servedActivity);
                assertThat(first.get(program).at("/activity")).as("the first program figures it serves are complete").isEqualTo(servedProgram);
                assertThat(answers).as("it said it was catching up while it replayed").anyMatch(line -> line.endsWith("/catching-up"));
            }
        }
    }

    @Test
    void an_application_id_that_holds_an_earlier_versions_state_is_refused() throws Exception {
        String applicationId = "replay-earlier-" + UUID.randomUUID();
        String earlierChangelog = applicationId + "-download-event-ids-changelog";
        try (Admin admin = Admin.create(stack.adminConfig())) {
            admin.createTopics(List.of(new NewTopic(earlierChangelog, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }

        assertThatThrownBy(() -> StreamsInstance.start(stack, applicationId, "earlier").close())
                .isInstanceOf(IncompatibleStateException.class).hasMessageContaining(earlierChangelog).hasMessageContaining("new application id");
    }

    /** The organization's profile and {@link #EVENTS} distinct download events of March 2017 on the input topics (a year no other test uses). */
    private void sendHistory() {
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(stack.producerConfig(), new StringSerializer(),
                new AvroSerializer<>(new SchemaRegistryClient(SchemaRegistryClientConfig.of(stack.schemaRegistryUrl())), false))) {
            producer.send(new ProducerRecord<>(Topics.PLEDGES.name(), orgId, SampleEvents.hospitalPledge(orgId).build()));
            for (int i = 0; i < EVENTS; i++) {
                Instant at = Instant.parse("2017-03-01T00:00:00Z").plusSeconds(i * 60L);
                producer.send(new ProducerRecord<>(Topics.DOWNLOAD_ACTIVITY.name(), orgId, SampleEvents.download(orgId)
                        .setEventId(UUID.randomUUID().toString()).setOccurredAt(at).setReceivedAt(Instant.parse("2017-04-01T00:00:00Z"))
                        .setChannel(ActivityChannel.DOWNLOAD).setCount(1 + i % 3).build()));
            }
            producer.flush();
        }
    }
}
