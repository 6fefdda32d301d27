package org.bluebutton.analytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.bluebutton.analytics.reliability.testing.Aggregates;
import org.bluebutton.analytics.reliability.testing.EventFlow;
import org.bluebutton.analytics.reliability.testing.IngestClient;
import org.bluebutton.analytics.reliability.testing.ReliabilityPipeline;
import org.bluebutton.analytics.schemas.quality.DeadLetter;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.testkit.TopicContents;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Poison on every topic the streams application reads, on the real broker with the running
 * application (the TopologyTestDriver specifications cover single topics): random bytes and a
 * registry-framed record naming a schema id the registry does not have become dead letters naming the
 * source record and a reason, and the same partition goes on processing: the organization's next
 * event is counted.
 */
@Order(10)
class PoisonRecordsReliabilityIT {

    private static final List<String> INPUT_TOPICS = List.of(Topics.PLEDGES.name(), Topics.DOWNLOAD_ACTIVITY.name(),
            Topics.ACCESS_SNAPSHOTS.name(), Topics.ENGAGEMENT_ACTIVITY.name());
    private final ReliabilityPipeline pipeline = ReliabilityPipeline.shared();
    private final IngestClient client = pipeline.ingestClient();

    /** A poison record as written: where it landed and what it held. */
    record Poison(String kind, String topic, int partition, long offset, byte[] value) {
    }

    @Test
    void garbage_and_unknown_schema_ids_on_every_input_topic_become_dead_letters_with_a_reason_and_processing_continues() throws Exception {
        String orgId = "poison-" + System.nanoTime();
        String key = client.hospitalWithKey(orgId);
        String bystanderId = "poison-bystander-" + System.nanoTime();
        String bystander = client.hospitalWithKey(bystanderId);
        Random random = new Random(8);
        List<Poison> written = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(pipeline.stack().producerConfig(), new StringSerializer(),
                new ByteArraySerializer())) {
            for (String topic : INPUT_TOPICS) {
                byte[] garbage = new byte[64];
                random.nextBytes(garbage);
                garbage[0] = 42; // not the wire format's magic byte 0
                byte[] unknownId = ByteBuffer.allocate(13).put((byte) 0).putInt(2_000_000_000).put("avro?ok".getBytes()).array();
                for (Poison poison : List.of(new Poison("garbage", topic, 0, 0, garbage), new Poison("unknown schema id", topic, 0, 0, unknownId))) {
                    RecordMetadata sent = producer.send(new ProducerRecord<>(topic, orgId, poison.value())).get();
                    written.add(new Poison(poison.kind(), topic, sent.partition(), sent.offset(), poison.value()));
                }
            }
        }
        // Ingest cannot read the organization's latest pledge record any more (a withdrawal may be in it), so it refuses
        // that organization's key — that organization's only — until staff write a readable record over it.
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .until(() -> client.post("/v1/organizations/" + orgId + "/download-activity", key, IngestClient.JSON, "[]").status() == 503);
        int bystanderStatus = client.post("/v1/organizations/" + bystanderId + "/download-activity", bystander, IngestClient.JSON, "[]").status();
        assertThat(bystanderStatus).as("another organization's key is still judged").isNotIn(401, 503);
        assertThat(client.changeProfileAsStaff(orgId, "{\"website\":\"https://reliability.example.org/portal\"}").status()).as("staff correct the profile").isEqualTo(200);
        // The same organization, hence the same partitions, goes on: its next batch is counted.
        EventFlow flow = new EventFlow(client, orgId, key, 10, Duration.ofMillis(100), 4L);
        Thread.sleep(1_000);
        flow.close();
        Aggregates.Figures after = Aggregates.await(pipeline, orgId, flow, Duration.ofSeconds(60));

        List<DeadLetter> letters = new ArrayList<>();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            letters.clear();
            letters.addAll(TopicContents.<DeadLetter>valuesFor(pipeline.stack(), Topics.DEAD_LETTERS.name(), orgId));
            return letters.size() >= written.size();
        });
        for (Poison poison : written) {
            DeadLetter letter = letters.stream()
                    .filter(l -> l.getSourceTopic().toString().equals(poison.topic()) && l.getSourcePartition() == poison.partition()
                            && l.getSourceOffset() == poison.offset())
                    .findFirst().orElseThrow(() -> new AssertionError("no dead letter for the " + poison.kind() + " record on " + poison.topic()));
            System.out.printf("poison: %s on %s -> dead letter, %s: %s%n", poison.kind(), poison.topic(), letter.getErrorType(), letter.getReason());
            assertThat(letter.getReason().toString()).as("reason of " + poison.kind() + " on " + poison.topic()).isNotBlank();
            assertThat(bytes(letter.getValue())).as("original bytes kept").isEqualTo(poison.value());
        }
        assertThat(letters).as("one dead letter per poison record, no more").hasSize(written.size());
        System.out.printf("poison: then %s%n", after.describe());
        assertThat(after.aggregatedEvents()).as("the partition went on: later events counted").isEqualTo(after.acknowledgedEvents()).isPositive();
        assertThat(pipeline.streamsState().isRunningOrRebalancing()).as("streams still running").isTrue();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer copy = buffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }
}
