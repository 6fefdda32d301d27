package org.bluebutton.analytics.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.ingest.IngestService;
import org.bluebutton.analytics.ingest.config.IngestConfiguration;
import org.bluebutton.analytics.ingest.testing.IngestServer;
import org.bluebutton.analytics.ingest.testing.IngestServerExtension;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.process.ChildProcess;
import org.bluebutton.analytics.testkit.ServiceHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The work a request may cause is bounded before it is done: a caller without a valid key is
 * answered from the headers, before its body is read; and the worst bodies of up to 10 MiB a
 * client with a valid key can send leave an instance with a 256 MiB heap healthy.
 */
@ExtendWith(IngestServerExtension.class)
class BoundedWorkIT {

    private static final int MAX_BODY = 10 * 1024 * 1024 - 1024;
    private static final String ACTIVITY = "/download-activity";

    private final IngestServer ingest;
    private final LocalStack stack;

    BoundedWorkIT(IngestServer ingest, LocalStack stack) {
        this.ingest = ingest;
        this.stack = stack;
    }

    @Test
    void a_request_without_a_key_is_refused_before_its_body_arrives() throws IOException {
        String answer = headersThenWait("/v1/organizations/bounded-anyone" + ACTIVITY, null);

        assertThat(answer).startsWith("HTTP/1.1 401").contains("application/problem+json");
    }

    @Test
    void a_request_with_an_unknown_key_is_refused_before_its_body_arrives() throws IOException {
        String answer = headersThenWait("/v1/organizations/bounded-anyone" + ACTIVITY, ApiKey.generate(ApiKey.ORGANIZATION_PREFIX).reveal());

        assertThat(answer).startsWith("HTTP/1.1 401");
    }

    @Test
    void a_request_with_another_organizations_key_is_refused_before_its_body_arrives() throws IOException {
        String otherKey = ingest.hospitalWithKey("bounded-other");
        ingest.hospitalWithKey("bounded-target");

        String answer = headersThenWait("/v1/organizations/bounded-target" + ACTIVITY, otherKey);

        assertThat(answer).startsWith("HTTP/1.1 403");
    }

    /**
     * Sends the headers of a 10 MiB upload and one byte of it, then waits for an answer without
     * sending the rest: only a server that decides from the headers answers.
     */
    private String headersThenWait(String path, String key) throws IOException {
        try (Socket socket = new Socket("localhost", ingest.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: " + MAX_BODY
                    + "\r\n" + (key == null ? "" : "Authorization: Bearer " + key + "\r\n") + "\r\n[").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[4096];
            int read = in.read(buffer);
            assertThat(read).as("an answer before the body was sent").isPositive();
            return new String(buffer, 0, read, StandardCharsets.UTF_8);
        }
    }

    @Test
    void the_worst_10_mib_bodies_leave_an_instance_with_a_256_mib_heap_healthy() throws Exception {
        ApiKey staff = ApiKey.generate(ApiKey.STAFF_PREFIX);
        int port = ChildProcess.freePort();
        Path work = Files.createTempDirectory("ingest-bounded");
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable(), "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-cp",
                ChildProcess.absoluteClasspath()));
        command.addAll(IngestService.processArguments(IngestConfiguration.builder(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                staff.secretSha256()).replicationFactor(1).build(), port));
        ChildProcess process = new ChildProcess("ingest at -Xmx256m", work, work.resolve("ingest.log"), Duration.ofSeconds(20));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String url = "http://localhost:" + port;
        try {
            process.launch(command);
            awaitHealthy(http, url, process);
            ServiceHttp service = new ServiceHttp(url, Duration.ofSeconds(120));
            String key = service.organizationWithKey(staff.reveal(), "bounded-heap", "Bounded heap", "DATA_HOLDER", "HOSPITAL",
                    "[\"DOWNLOAD_FROM_PORTAL\"]");
            String path = url + "/v1/organizations/bounded-heap";

            long started = System.nanoTime();
            ExecutorService clients = Executors.newFixedThreadPool(4);
            try {
                for (Map.Entry<String, Body> hostile : worstBodies().entrySet()) {
                    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
                    for (int client = 0; client < 4; client++) {
                        answers.add(clients.submit(() -> http.send(HttpRequest.newBuilder(URI.create(path + hostile.getValue().route()))
                                .timeout(Duration.ofSeconds(120)).header("Authorization", "Bearer " + key)
                                .header("Content-Type", hostile.getValue().contentType())
                                .POST(HttpRequest.BodyPublishers.ofByteArray(hostile.getValue().bytes())).build(),
                                HttpResponse.BodyHandlers.ofString())));
                    }
                    for (Future<HttpResponse<String>> answer : answers) {
                        HttpResponse<String> response = answer.get();
                        assertThat(response.statusCode()).as("%s: %s", hostile.getKey(), abbreviate(response.body())).isBetween(400, 499);
                        assertThat(response.headers().firstValue("Content-Type")).as(hostile.getKey()).get().asString()
                                .startsWith("application/problem+json");
                        assertThat(response.body().length()).as("answer size of " + hostile.getKey()).isLessThan(64 * 1024);
                    }
                    assertThat(process.isAlive()).as("alive after " + hostile.getKey() + "\n" + process.diagnosis(20)).isTrue();
                }
            } finally {
                clients.shutdownNow();
            }
            System.out.printf("BoundedWorkIT: %d kinds of worst body x 4 concurrent clients answered in %d ms at -Xmx256m%n",
                    worstBodies().size(), Duration.ofNanos(System.nanoTime() - started).toMillis());

            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> valid = service.post("/v1/organizations/bounded-heap" + ACTIVITY, key, ServiceHttp.JSON,
                    "[{\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"2025-03-01T10:00:00Z\",\"channel\":\"VIEW\",\"count\":1}]");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(valid.statusCode()).as(valid.body()).isEqualTo(202);
            assertThat(Files.readString(work.resolve("ingest.log"))).doesNotContain("OutOfMemoryError");
        } finally {
            process.close();
            ChildProcess.deleteRecursively(work);
        }
    }

    /** A body for a route, with its content type. */
    private record Body(String route, String contentType, byte[] bytes) {
    }

    /** The bodies that cost the most per byte, each close to the 10 MiB a request may carry. */
    private static Map<String, Body> worstBodies() {
        Map<String, Body> bodies = new LinkedHashMap<>();
        bodies.put("an array of millions of empty objects", json(repeatToSize("[", "{},", "{}]")));
        bodies.put("an array of millions of numbers", json(repeatToSize("[", "1,", "1]")));
        bodies.put("an array of millions of empty strings", json(repeatToSize("[", "\"\",", "\"\"]")));
        bodies.put("one item with hundreds of thousands of unknown fields", json(fields(MAX_BODY)));
        bodies.put("10,000 items, each with as many unknown fields as allowed", json(unknownFieldsPerItem()));
        bodies.put("10,000 NDJSON lines of 1 KiB strings in the wrong fields", ndjson(longStrings()));
        bodies.put("arrays nested as deep as allowed, repeated", json(repeatToSize("[", "[[[[[[1]]]]]],", "1]")));
        bodies.put("millions of CSV rows", new Body("/monthly-stats", ServiceHttp.CSV,
                repeatToSize("month,patients_with_access,views,downloads,transmits\n", "2024-10,5,1,1,1\n", "")));
        return bodies;
    }

    private static Body json(byte[] bytes) {
        return new Body(ACTIVITY, ServiceHttp.JSON, bytes);
    }

    private static Body ndjson(byte[] bytes) {
        return new Body(ACTIVITY, ServiceHttp.NDJSON, bytes);
    }

    private static byte[] repeatToSize(String head, String unit, String tail) {
        StringBuilder body = new StringBuilder(MAX_BODY).append(head);
        while (body.length() + unit.length() + tail.length() <= MAX_BODY) {
            body.append(unit);
        }
        return body.append(tail).toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] fields(int size) {
        StringBuilder body = new StringBuilder(size).append("[{");
        for (int i = 0; body.length() < size - 32; i++) {
            body.append("\"f").append(i).append("\":0,");
        }
        return body.append("\"last\":0}]").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] unknownFieldsPerItem() {
        StringBuilder item = new StringBuilder("{");
        for (int i = 0; i < 31; i++) {
            item.append("\"unknown").append(i).append("\":").append(i).append(',');
        }
        item.append("\"last\":0}");
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < 10_000; i++) {
            body.append(i == 0 ? "" : ",").append(item);
        }
        return body.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] longStrings() {
        String line = "{\"eventId\":\"" + "e".repeat(500) + "\",\"channel\":\"" + "c".repeat(500) + "\"}\n";
        return line.repeat(10_000).getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }

    private static void awaitHealthy(HttpClient http, String url, ChildProcess process) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            assertThat(process.isAlive()).as(process.diagnosis(30)).isTrue();
            try {
                if (http.send(HttpRequest.newBuilder(URI.create(url + "/health")).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("ingest at -Xmx256m not healthy within 90 s\n" + process.diagnosis(30));
    }
}
