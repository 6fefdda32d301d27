package org.bluebutton.analytics.reliability.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bluebutton.analytics.reliability.testing.EventFlow.Channel;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.serde.SchemaRegistrySerdeConfig;
import org.bluebutton.analytics.schemas.serde.SpecificAvroDeserializer;
import org.bluebutton.analytics.schemas.topic.Topics;

/**
 * The invariant of the fault tests: an organization's figures in the query API equal what ingest
 * acknowledged to its {@link EventFlow} — nothing lost, nothing counted twice — and the figures of the
 * download-activity topic that explain them (records, distinct ids, duplicates the retries caused).
 */
public final class Aggregates {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Aggregates() {
    }

    /**
     * What a fault test prints and asserts on.
     *
     * @param acknowledgedEvents events of 202-acknowledged batches
     * @param aggregatedEvents   {@code events} of the organization's yearly figures in the query API
     * @param countsMatch        whether the per-channel sums equal the acknowledged ones too
     * @param overCountSeen      the largest excess of aggregated over acknowledged events seen at any poll
     * @param topicRecords       download-activity records of the organization on the topic
     * @param topicDistinctIds   distinct event ids among them
     * @param convergedIn        from the call until the figures were equal (null: never, within the limit)
     */
    public record Figures(long acknowledgedEvents, long aggregatedEvents, boolean countsMatch, long overCountSeen, long topicRecords,
            long topicDistinctIds, Duration convergedIn) {

        /** Events acknowledged but not in the figures. */
        public long lost() {
            return Math.max(0, acknowledgedEvents - aggregatedEvents);
        }

        /** Events in the figures beyond those acknowledged (counted twice, or never acknowledged). */
        public long countedTwice() {
            return Math.max(0, aggregatedEvents - acknowledgedEvents);
        }

        /** Duplicate records on the input topic, which deduplication must have dropped. */
        public long topicDuplicates() {
            return topicRecords - topicDistinctIds;
        }

        /** One line of figures for the test's output. */
        public String describe() {
            return "acknowledged %d events, in aggregates %d (lost %d, counted twice %d, max over-count seen %d), channel sums %s; topic %d records, %d distinct ids (%d duplicates from retries); converged in %s"
                    .formatted(acknowledgedEvents, aggregatedEvents, lost(), countedTwice(), overCountSeen, countsMatch ? "equal" : "DIFFERENT",
                            topicRecords, topicDistinctIds, topicDuplicates(), convergedIn == null ? "never" : convergedIn.toMillis() + " ms");
        }
    }

    /**
     * Polls the query API until {@code orgId}'s figures equal what {@code flow} (stopped) had
     * acknowledged, or {@code limit} passes; then reads the topic.
     */
    public static Figures await(PipelineUnderTest pipeline, String orgId, EventFlow flow, Duration limit) {
        long expectedEvents = flow.acknowledgedEvents();
        Map<Channel, Long> expectedCounts = flow.acknowledgedCounts();
        int[] years = flow.years();
        long started = System.nanoTime();
        long deadline = started + limit.toNanos();
        long aggregated = -1;
        boolean countsMatch = false;
        long overCount = 0;
        Duration converged = null;
        while (System.nanoTime() < deadline) {
            JsonNode metrics = metrics(pipeline, orgId, years[0], years[1]);
            if (metrics != null) {
                long events = 0;
                Map<Channel, Long> counts = new EnumMap<>(Channel.class);
                for (Channel channel : Channel.values()) {
                    counts.put(channel, 0L);
                }
                for (JsonNode year : metrics.path("years")) {
                    JsonNode activity = year.path("activity");
                    events += activity.path("events").asLong();
                    counts.merge(Channel.VIEW, activity.path("views").asLong(), Long::sum);
                    counts.merge(Channel.DOWNLOAD, activity.path("downloads").asLong(), Long::sum);
                    counts.merge(Channel.TRANSMIT, activity.path("transmits").asLong(), Long::sum);
                    counts.merge(Channel.API, activity.path("apiAccesses").asLong(), Long::sum);
                }
                aggregated = events;
                countsMatch = counts.equals(expectedCounts);
                overCount = Math.max(overCount, events - expectedEvents);
                if (events == expectedEvents && countsMatch) {
                    converged = Duration.ofNanos(System.nanoTime() - started);
                    break;
                }
            }
            try {
                Thread.sleep(300);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        List<String> ids = eventIdsOnTopic(pipeline, orgId);
        return new Figures(expectedEvents, aggregated, countsMatch, overCount, ids.size(), new HashSet<>(ids).size(), converged);
    }

    /**
     * The event ids of {@code orgId}'s download-activity records, one per record, read committed up to
     * the current end offsets; records that do not decode (poison written by a test) are skipped.
     */
    static List<String> eventIdsOnTopic(PipelineUnderTest pipeline, String orgId) {
        String topic = Topics.DOWNLOAD_ACTIVITY.name();
        SpecificAvroDeserializer<DownloadActivity> values = new SpecificAvroDeserializer<>();
        values.configure(Map.of(SchemaRegistrySerdeConfig.SCHEMA_REGISTRY_URL, pipeline.stack().schemaRegistryUrl()), false);
        List<String> ids = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(pipeline.stack().consumerConfig("aggregates-" + System.nanoTime()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end within 60 s");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (orgId.equals(record.key())) {
                        try {
                            ids.add(values.deserialize(topic, record.value()).getEventId().toString());
                        } catch (SerializationException poison) {
                            // written by PoisonRecordsReliabilityIT: not an event
                        }
                    }
                }
            }
        }
        return ids;
    }

    /** The organization's figures for the years, or null while the query API cannot answer (503, not yet known). */
    static JsonNode metrics(PipelineUnderTest pipeline, String orgId, int from, int to) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(pipeline.queryUrl() + "/v1/organizations/" + orgId + "/metrics?from=" + from + "&to=" + to))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + pipeline.staffKey()).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
