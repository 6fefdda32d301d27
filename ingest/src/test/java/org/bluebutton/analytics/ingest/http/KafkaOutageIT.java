package org.bluebutton.analytics.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.bluebutton.analytics.ingest.testing.IngestServer;
import org.bluebutton.analytics.ingest.testing.IngestServerExtension;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.testkit.TopicContents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** With the broker down, ingest answers 503 with Retry-After in bounded time, never 202; then recovers. */
@ExtendWith(IngestServerExtension.class)
class KafkaOutageIT {

    private final LocalStack stack;
    private final IngestServer ingest;

    KafkaOutageIT(LocalStack stack, IngestServer ingest) {
        this.stack = stack;
        this.ingest = ingest;
    }

    @Test
    void a_stopped_broker_gives_503_with_retry_after_in_bounded_time_and_the_retry_after_restart_is_accepted() {
        String key = ingest.hospitalWithKey("outage");
        List<String> eventIds = IntStream.range(0, 20).mapToObj(i -> UUID.randomUUID().toString()).toList();
        String batch = eventIds.stream()
                .map(id -> "{\"eventId\":\"" + id + "\",\"occurredAt\":\"2025-03-01T10:00:00Z\",\"channel\":\"VIEW\",\"count\":7}")
                .collect(Collectors.joining(",", "[", "]"));

        stack.kafka().stop();
        HttpResponse<String> during;
        HttpResponse<String> healthDuring;
        long started = System.nanoTime();
        try {
            // The first write to this topic from this server: no cached metadata, every send would block.
            during = ingest.post("/v1/organizations/outage/download-activity", key, IngestServer.JSON, batch);
            healthDuring = ingest.get("/health", null);
        } finally {
            stack.kafka().start();
        }
        Duration answeredIn = Duration.ofNanos(System.nanoTime() - started);
        // As a client told Retry-After would: try again once ingest reports Kafka reachable.
        Awaitility.await("ingest healthy after the broker restart").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> ingest.get("/health", null).statusCode() == 200);
        HttpResponse<String> after = ingest.post("/v1/organizations/outage/download-activity", key, IngestServer.JSON, batch);

        System.out.printf("KafkaOutageIT: 503 for %d events answered in %d ms with the broker down%n", eventIds.size(), answeredIn.toMillis());
        assertThat(during.statusCode()).isEqualTo(503);
        assertThat(during.headers().firstValue("Retry-After")).contains("5");
        assertThat(during.body()).contains("kafka-unavailable");
        // ack-timeout 6 s plus at most one max-block of 3 s, and the health check, not 20 x max-block
        assertThat(answeredIn).isLessThan(Duration.ofSeconds(20));
        assertThat(healthDuring.statusCode()).isEqualTo(503);
        assertThat(after.statusCode()).isEqualTo(202);
        assertThat(TopicContents.<DownloadActivity>valuesFor(stack, Topics.DOWNLOAD_ACTIVITY.name(), "outage"))
                .extracting(DownloadActivity::getEventId).containsAll(eventIds).allMatch(eventIds::contains);
    }
}
