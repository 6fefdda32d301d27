package org.bluebutton.analytics.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.bluebutton.analytics.ingest.testing.IngestServer;
import org.bluebutton.analytics.localstack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Ingest's request limits on the real stack, with small limits so that a test can reach them: one
 * organization's flood is refused (429 + Retry-After, counted) while another organization's requests are still
 * accepted; the anonymous routes are limited per client address; and requests beyond the concurrency bound are
 * refused at once (503 + Retry-After) rather than queued. One stack and one instance for the class; each
 * test uses organizations of its own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestLimitsIT {

    private static final int ORGANIZATION_BURST = 10;
    private static final int MAX_CONCURRENT = 3;

    private final LocalStack stack = LocalStack.startTemporary();
    private final IngestServer ingest = IngestServer.start(stack, settings -> settings
            .organizationRateLimit(1, ORGANIZATION_BURST).clientRateLimit(1, 5).maxConcurrentRequests(MAX_CONCURRENT));

    @AfterAll
    void stop() {
        ingest.close();
        stack.close();
    }

    @Test
    void a_flooding_organization_gets_429_with_retry_after_and_another_organization_is_still_accepted() {
        String flooder = ingest.hospitalWithKey("limits-flooder");
        String bystander = ingest.hospitalWithKey("limits-bystander");

        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> refused = null;
        long started = System.nanoTime();
        for (int i = 0; i < ORGANIZATION_BURST + 20; i++) {
            HttpResponse<String> answer = download(flooder, "limits-flooder");
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 429 && refused == null) {
                refused = answer;
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        HttpResponse<String> other = download(bystander, "limits-bystander");

        long admitted = statuses.stream().filter(status -> status == 202).count();
        assertThat(statuses.subList(0, ORGANIZATION_BURST)).as("the burst").containsOnly(202);
        assertThat(statuses).containsOnly(202, 429);
        assertThat(admitted).as("at most the burst plus 1 a second over %.1f s", seconds).isLessThanOrEqualTo(ORGANIZATION_BURST + (long) Math.ceil(seconds));
        assertThat(refused).isNotNull();
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(value -> assertThat(Long.parseLong(value)).isPositive());
        assertThat(refused.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(refused.body()).contains("organization-rate-limited").doesNotContain(flooder);
        assertThat(other.statusCode()).as("another organization's allowance is its own").isEqualTo(202);
        MeterRegistry registry = ingest.context().getBean(MeterRegistry.class);
        assertThat(registry.counter("ingest.requests.rejected", "reason", "organization-rate-limited").count())
                .isEqualTo(statuses.size() - admitted);
    }

    @Test
    void the_anonymous_routes_are_limited_per_client_address() {
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> refused = null;
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> answer = ingest.get("/no-such-route", null);
            statuses.add(answer.statusCode());
            if (answer.statusCode() == 429 && refused == null) {
                refused = answer;
            }
        }

        assertThat(statuses.subList(0, 5)).as("the burst").containsOnly(404);
        assertThat(refused).isNotNull();
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("client-rate-limited");
    }

    @Test
    void requests_beyond_the_concurrency_bound_are_refused_at_once_not_queued() throws Exception {
        String key = ingest.hospitalWithKey("limits-slow");
        String rest = event() + "]";
        byte[] body = ("[" + rest).getBytes(StandardCharsets.UTF_8);
        List<Socket> slow = new ArrayList<>();
        for (int i = 0; i < MAX_CONCURRENT; i++) {
            // A client whose upload arrives slowly: its request holds a slot until the body is complete.
            Socket socket = new Socket("localhost", ingest.port());
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/organizations/limits-slow/download-activity HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n[").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            slow.add(socket);
        }
        awaitInFlight(MAX_CONCURRENT);

        long started = System.nanoTime();
        HttpResponse<String> refused = ingest.get("/v1/organizations/limits-slow", key);
        Duration answeredIn = Duration.ofNanos(System.nanoTime() - started);
        List<String> slowAnswers = new ArrayList<>();
        for (Socket socket : slow) {
            socket.getOutputStream().write(rest.getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            slowAnswers.add(new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine());
            socket.close();
        }

        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("overloaded");
        assertThat(answeredIn).as("refused at once, not queued behind the slow requests").isLessThan(Duration.ofSeconds(2));
        assertThat(slowAnswers).allSatisfy(statusLine -> assertThat(statusLine).startsWith("HTTP/1.1 202"));
        awaitInFlight(0);
        assertThat(ingest.get("/v1/organizations/limits-slow", key).statusCode()).as("slots given back").isEqualTo(200);
    }

    private void awaitInFlight(int expected) throws InterruptedException {
        org.bluebutton.analytics.ingest.limits.ConcurrencyLimit limit =
                ingest.context().getBean(org.bluebutton.analytics.ingest.limits.ConcurrencyLimit.class);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (limit.inFlight() != expected) {
            assertThat(System.nanoTime() < deadline).as("%d slow requests in flight, %d seen", expected, limit.inFlight()).isTrue();
            Thread.sleep(10);
        }
    }

    private HttpResponse<String> download(String key, String orgId) {
        return ingest.post("/v1/organizations/" + orgId + "/download-activity", key, IngestServer.JSON, "[" + event() + "]");
    }

    private static String event() {
        return "{\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"" + Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS)
                + "\",\"channel\":\"DOWNLOAD\",\"count\":1}";
    }

}
