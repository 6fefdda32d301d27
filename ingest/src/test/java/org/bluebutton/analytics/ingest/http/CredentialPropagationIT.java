package org.bluebutton.analytics.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bluebutton.analytics.ingest.testing.IngestServer;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two running instances of ingest behind one deployment: a key rotated or revoked through one stops
 * working on the other within 2 s, and an instance that cannot show its view of the keys is current
 * refuses to judge keys (503 + Retry-After) instead of answering from what it had — for every key when
 * the view is behind, for one organization's keys when only that organization's latest record could
 * not be read. The class has a stack of its own: it writes an unreadable record to the credentials
 * topic, which other classes read whole.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CredentialPropagationIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(2);

    private final LocalStack stack = LocalStack.startTemporary();
    private final IngestServer first = IngestServer.start(stack);
    private final IngestServer second = first.anotherInstance();

    @AfterAll
    void stop() {
        second.close();
        first.close();
        stack.close();
    }

    @Test
    void a_key_rotated_on_one_instance_is_refused_by_the_other_within_2_s() {
        String oldKey = first.hospitalWithKey("propagation-rotated");
        awaitStatus(second, "propagation-rotated", oldKey, 200, Duration.ofSeconds(10));

        long rotatedAt = System.nanoTime();
        String newKey = first.issueKey("propagation-rotated");
        Duration refusedAfter = awaitStatus(second, "propagation-rotated", oldKey, 401, PROPAGATION.multipliedBy(3));

        System.out.printf("CredentialPropagationIT: rotated key refused by the other instance %d ms after the rotation was answered%n",
                refusedAfter.toMillis());
        assertThat(refusedAfter).isLessThan(PROPAGATION);
        assertThat(Duration.ofNanos(System.nanoTime() - rotatedAt)).isPositive();
        assertThat(profile(second, "propagation-rotated", newKey).statusCode()).isEqualTo(200);
    }

    @Test
    void a_withdrawal_on_one_instance_revokes_the_key_on_the_other_within_2_s() {
        String key = first.hospitalWithKey("propagation-withdrawn");
        awaitStatus(second, "propagation-withdrawn", key, 200, Duration.ofSeconds(10));

        HttpResponse<String> withdrawn = first.post("/v1/organizations/propagation-withdrawn/withdrawal", first.staffKey(), null, null);
        Duration refusedAfter = awaitStatus(second, "propagation-withdrawn", key, 401, PROPAGATION.multipliedBy(3));

        assertThat(withdrawn.statusCode()).isEqualTo(200);
        assertThat(refusedAfter).isLessThan(PROPAGATION);
    }

    @Test
    void while_an_organizations_credential_record_is_unreadable_its_key_gets_503_everywhere_and_other_organizations_keys_still_work() {
        String key = first.hospitalWithKey("propagation-poison");
        String bystander = first.hospitalWithKey("propagation-bystander");
        awaitStatus(second, "propagation-poison", key, 200, Duration.ofSeconds(10));
        awaitStatus(second, "propagation-bystander", bystander, 200, Duration.ofSeconds(10));

        write("propagation-poison", new byte[] {7, 7, 7}); // not the registry's wire format: its key may be rotated or revoked in it

        awaitStatus(first, "propagation-poison", key, 503, Duration.ofSeconds(10));
        awaitStatus(second, "propagation-poison", key, 503, Duration.ofSeconds(10));
        HttpResponse<String> refused = profile(second, "propagation-poison", key);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(refused.body()).contains("credentials-not-current").doesNotContain(key);
        assertThat(profile(first, "propagation-bystander", bystander).statusCode()).as("one unreadable record must not stop the others")
                .isEqualTo(200);
        assertThat(profile(second, "propagation-bystander", bystander).statusCode()).isEqualTo(200);
        assertThat(second.get("/health", null).statusCode()).isEqualTo(200);

        String newKey = first.issueKey("propagation-poison"); // staff act on it: a readable record supersedes the unreadable one

        awaitStatus(second, "propagation-poison", newKey, 200, Duration.ofSeconds(10));
        awaitStatus(second, "propagation-poison", key, 401, Duration.ofSeconds(10));
    }

    private void write(String key, byte[] value) {
        Map<String, Object> settings = new HashMap<>(stack.producerConfig());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.API_CREDENTIALS.name(), key, value));
            producer.flush();
        }
    }

    private static HttpResponse<String> profile(IngestServer instance, String orgId, String key) {
        return instance.get("/v1/organizations/" + orgId, key);
    }

    /** How long until {@code instance} answers {@code status} to the organization's profile read with {@code key}. */
    private static Duration awaitStatus(IngestServer instance, String orgId, String key, int status, Duration atMost) {
        long started = System.nanoTime();
        while (true) {
            HttpResponse<String> answer = profile(instance, orgId, key);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            if (answer.statusCode() == status) {
                return elapsed;
            }
            assertThat(elapsed).as("waiting for %d, last answer %d %s", status, answer.statusCode(), answer.body()).isLessThan(atMost);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
