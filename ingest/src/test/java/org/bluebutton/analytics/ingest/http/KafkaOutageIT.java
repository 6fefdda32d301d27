package org.bluebutton.analytics.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.bluebutton.analytics.ingest.testing.IngestServer;
import org.bluebutton.analytics.ingest.testing.IngestServerExtension;
import org.bluebutton.analytics.ingest.testing.TopicContents;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.topic.Topics;
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
    void a_stopped_broker_gives_503_with_retry_after_and_the_retry_after_restart_is_accepted() {
        String key = ingest.hospitalWithKey("outage");
        String eventId = UUID.randomUUID().toString();
        String batch = "[{\"eventId\":\"" + eventId + "\",\"occurredAt\":\"2025-03-01T10:00:00Z\",\"channel\":\"VIEW\",\"count\":7}]";

        stack.kafka().stop();
        HttpResponse<String> during;
        long started = System.nanoTime();
        try {
            during = ingest.post("/v1/organizations/outage/download-activity", key, IngestServer.JSON, batch);
        } finally {
            stack.kafka().start();
        }
        Duration answeredIn = Duration.ofNanos(System.nanoTime() - started);
        HttpResponse<String> after = ingest.post("/v1/organizations/outage/download-activity", key, IngestServer.JSON, batch);

        System.out.printf("KafkaOutageIT: 503 answered in %d ms with the broker down%n", answeredIn.toMillis());
        assertThat(during.statusCode()).isEqualTo(503);
        assertThat(during.headers().firstValue("Retry-After")).contains("5");
        assertThat(during.body()).contains("kafka-unavailable");
        assertThat(after.statusCode()).isEqualTo(202);
        assertThat(TopicContents.<DownloadActivity>valuesFor(stack, Topics.DOWNLOAD_ACTIVITY.name(), "outage"))
                .extracting(DownloadActivity::getEventId).isNotEmpty().containsOnly(eventId);
    }
}
