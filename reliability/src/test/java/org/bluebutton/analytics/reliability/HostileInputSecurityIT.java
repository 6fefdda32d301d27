package org.bluebutton.analytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;
import org.bluebutton.analytics.reliability.testing.IngestClient;
import org.bluebutton.analytics.reliability.testing.ReliabilityPipeline;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.testkit.TopicContents;

/**
 * Hostile input to ingest's reporting endpoints, generated: malformed, truncated, deeply nested,
 * oversized-field, duplicate-key and mutated JSON; NDJSON with one bad line; random bytes; wrong
 * content types. Whatever arrives, the answer is a 4xx {@code application/problem+json} — never a
 * 5xx, never a 202 — and nothing reaches Kafka: after each property the end offsets of every input
 * topic are what they were before it.
 */
class HostileInputSecurityIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> INPUT_TOPICS = List.of(Topics.PLEDGES.name(), Topics.DOWNLOAD_ACTIVITY.name(),
            Topics.ACCESS_SNAPSHOTS.name(), Topics.ENGAGEMENT_ACTIVITY.name(), Topics.API_CREDENTIALS.name());
    private static String orgId;
    private static String key;

    private final ReliabilityPipeline pipeline = ReliabilityPipeline.shared();
    private final IngestClient client = pipeline.ingestClient();
    private Map<String, Long> offsetsBefore;

    /** The reporting endpoints and a valid item of each, from which the hostile bodies are made. */
    enum Endpoint {
        DOWNLOADS("/download-activity"), SNAPSHOTS("/access-snapshots"), ENGAGEMENT("/engagement-activities");

        final String path;

        Endpoint(String path) {
            this.path = path;
        }

        Map<String, Object> validItem() {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("eventId", UUID.randomUUID().toString());
            switch (this) {
                case DOWNLOADS -> {
                    item.put("occurredAt", Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString());
                    item.put("channel", "VIEW");
                    item.put("count", 3);
                }
                case SNAPSHOTS -> {
                    item.put("asOf", LocalDate.now(ZoneOffset.UTC).minusDays(2).toString());
                    item.put("patientsWithAccess", 10);
                }
                case ENGAGEMENT -> {
                    item.put("occurredOn", LocalDate.now(ZoneOffset.UTC).minusDays(2).toString());
                    item.put("engagementType", "EVENT");
                    item.put("title", "Fair");
                }
            }
            return item;
        }
    }

    /** A request: endpoint, content type, body. */
    record Hostile(Endpoint endpoint, String contentType, byte[] body, String what) {
        @Override
        public String toString() {
            String text = new String(body, StandardCharsets.UTF_8);
            return what + " to " + endpoint + " as " + contentType + ": " + (text.length() > 300 ? text.substring(0, 300) + "…(" + body.length + " bytes)" : text);
        }
    }

    @BeforeProperty
    void rememberOffsets() {
        synchronized (HostileInputSecurityIT.class) {
            if (orgId == null) {
                orgId = "hostile-" + System.nanoTime();
                key = client.hospitalWithKey(orgId);
            }
        }
        offsetsBefore = offsets();
    }

    @AfterProperty
    void nothingWasPublished() {
        assertThat(offsets()).as("end offsets of the input topics after the property").isEqualTo(offsetsBefore);
    }

    @Property(tries = 250)
    void malformed_or_invalid_json_batches_get_a_4xx_problem_and_publish_nothing(@ForAll("malformedJson") Hostile request) {
        assertRefused(request);
    }

    @Property(tries = 80)
    void ndjson_with_one_bad_line_among_good_ones_gets_a_4xx_problem_and_publishes_nothing(@ForAll("badNdjson") Hostile request) {
        assertRefused(request);
    }

    @Property(tries = 80)
    void random_bytes_in_any_accepted_content_type_get_a_4xx_problem(@ForAll("randomBytes") Hostile request) {
        assertRefused(request);
    }

    @Property(tries = 60)
    void a_valid_batch_in_a_wrong_content_type_gets_a_4xx_problem(@ForAll("wrongContentType") Hostile request) {
        assertRefused(request);
    }

    private void assertRefused(Hostile request) {
        IngestClient.Answer answer = client.send("POST", "/v1/organizations/" + orgId + request.endpoint().path, key, request.contentType(),
                request.body());
        assertThat(answer.status()).as("status of %s; body %s", request, answer.body()).isBetween(400, 499);
        assertThat(answer.contentType()).as("content type of %s", request).startsWith("application/problem+json");
    }

    @Provide
    Arbitrary<Hostile> malformedJson() {
        Arbitrary<Endpoint> endpoints = Arbitraries.of(Endpoint.class);
        return Arbitraries.oneOf(
                Combinators.combine(endpoints, Arbitraries.integers().between(1, 5), Arbitraries.integers().between(0, 999))
                        .as((endpoint, size, cut) -> {
                            String whole = batch(endpoint, size, null);
                            String truncated = whole.substring(0, Math.max(1, whole.length() * cut / 1000));
                            return json(endpoint, truncated, "truncated");
                        }),
                Combinators.combine(endpoints, Arbitraries.integers().between(9, 5_000))
                        .as((endpoint, depth) -> json(endpoint, "[".repeat(depth) + "]".repeat(depth), "nested " + depth)),
                Combinators.combine(endpoints, Arbitraries.integers().between(9, 2_000)).as((endpoint, depth) -> {
                    String item = batch(endpoint, 1, null);
                    String nested = "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
                    return json(endpoint, item.substring(0, item.length() - 2) + ",\"extra\":" + nested + "}]", "nested field " + depth);
                }),
                Combinators.combine(endpoints, Arbitraries.integers().between(1, 4), invalidFields())
                        .as((endpoint, size, field) -> json(endpoint, batch(endpoint, size, field), "invalid field " + field.getKey())),
                endpoints.map(endpoint -> {
                    String item = batch(endpoint, 1, null);
                    return json(endpoint, item.substring(0, item.length() - 2) + ",\"eventId\":\"" + UUID.randomUUID() + "\"}]", "duplicate key");
                }),
                Combinators.combine(endpoints, Arbitraries.of("x", "]", "{}", "[]", ",", "\u0000"))
                        .as((endpoint, tail) -> json(endpoint, batch(endpoint, 2, null) + tail, "trailing content")),
                endpoints.map(endpoint -> {
                    String item = batch(endpoint, 1, null);
                    String repeated = item.substring(1, item.length() - 1);
                    return json(endpoint, "[" + repeated + "," + repeated + "]", "repeated eventId");
                }),
                Combinators.combine(endpoints, Arbitraries.strings().ofMaxLength(200))
                        .as((endpoint, text) -> json(endpoint, text, "random text"))
                        .filter(request -> !parses(request.body())),
                Combinators.combine(endpoints, Arbitraries.of("1e999999", "-1e999999", "123456789012345678901234567890123456789", "NaN", "Infinity"))
                        .as((endpoint, number) -> json(endpoint, "[" + number + "]", "huge number")),
                Combinators.combine(endpoints, Arbitraries.integers().between(100_000, 2_000_000))
                        .as((endpoint, length) -> json(endpoint, batch(endpoint, 1, Map.entry("eventId", "a".repeat(length))), "long field " + length)));
    }

    @Provide
    Arbitrary<Hostile> badNdjson() {
        return Combinators.combine(Arbitraries.of(Endpoint.class), Arbitraries.integers().between(1, 20), Arbitraries.integers().between(0, 19),
                Arbitraries.oneOf(invalidFields().map(field -> (Object) field), Arbitraries.of("{", "not json", "[]", "{}", "\u0007", "{\"eventId\":1}")))
                .as((endpoint, lines, badIndex, bad) -> {
                    StringBuilder body = new StringBuilder();
                    for (int i = 0; i < lines; i++) {
                        if (i == badIndex % lines) {
                            body.append(bad instanceof Map.Entry<?, ?> field
                                    ? ndjsonItem(endpoint, (String) field.getKey(), field.getValue()) : bad);
                        } else {
                            body.append(ndjsonItem(endpoint, null, null));
                        }
                        body.append('\n');
                    }
                    return new Hostile(endpoint, IngestClient.NDJSON, body.toString().getBytes(StandardCharsets.UTF_8), "NDJSON bad line " + bad);
                });
    }

    @Provide
    Arbitrary<Hostile> randomBytes() {
        return Combinators.combine(Arbitraries.of(Endpoint.class), Arbitraries.of(IngestClient.JSON, IngestClient.NDJSON),
                        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(4_096))
                .as((endpoint, type, bytes) -> new Hostile(endpoint, type, bytes, "random bytes"))
                .filter(request -> !parses(request.body()) && !new String(request.body(), StandardCharsets.UTF_8).isBlank());
    }

    @Provide
    Arbitrary<Hostile> wrongContentType() {
        return Combinators.combine(Arbitraries.of(Endpoint.class), Arbitraries.of("text/plain", "application/xml", "text/html",
                        "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream", "image/png",
                        "application/jsonx", "text/csv"))
                .as((endpoint, type) -> new Hostile(endpoint, type, batch(endpoint, 1, null).getBytes(StandardCharsets.UTF_8), "wrong type"));
    }

    /** Fields with values ingest must refuse, whatever the endpoint (unknown fields are refused too). */
    private static Arbitrary<Map.Entry<String, Object>> invalidFields() {
        return Arbitraries.oneOf(
                Arbitraries.of(0, -1, Long.MIN_VALUE, 1_000_000_001L, Long.MAX_VALUE, 1.5, "3", true)
                        .map(value -> Map.entry("count", value)),
                Arbitraries.of(-1, Long.MIN_VALUE, 1_000_000_001L, 2.5, "10").map(value -> Map.entry("patientsWithAccess", value)),
                Arbitraries.of("", "2009-12-31T23:59:59Z", "2999-01-01T00:00:00Z", "yesterday", "2025-13-01T00:00:00Z", "2025-03-01T10:00:00")
                        .map(value -> Map.entry("occurredAt", value)),
                Arbitraries.of("", "not-a-uuid", "\u202e" + UUID.randomUUID(), "00000000-0000-0000-0000-00000000000g")
                        .map(value -> Map.entry("eventId", value)),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(30).filter(text -> !List.of("VIEW", "DOWNLOAD", "TRANSMIT", "API").contains(text))
                        .map(value -> Map.entry("channel", value)),
                Arbitraries.strings().withCharRange('\u0000', '\u001f').ofMinLength(1).ofMaxLength(5)
                        .map(control -> Map.entry("title", "Fair" + control)),
                Arbitraries.of("\u202eevil", "line\u2028separator", "x".repeat(201)).map(value -> Map.entry("title", value)),
                Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(12).map(name -> Map.entry("unknown" + name, 1)));
    }

    private static String batch(Endpoint endpoint, int size, Map.Entry<String, Object> bad) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            items.add(endpoint.validItem());
        }
        if (bad != null) {
            items.get(size - 1).put(bad.getKey(), bad.getValue());
        }
        try {
            return JSON.writeValueAsString(items);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String ndjsonItem(Endpoint endpoint, String field, Object value) {
        Map<String, Object> item = endpoint.validItem();
        if (field != null) {
            item.put(field, value);
        }
        try {
            return JSON.writeValueAsString(item);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Hostile json(Endpoint endpoint, String body, String what) {
        return new Hostile(endpoint, IngestClient.JSON, body.getBytes(StandardCharsets.UTF_8), what);
    }

    private static boolean parses(byte[] body) {
        try {
            JSON.readTree(body);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private Map<String, Long> offsets() {
        Map<String, Long> offsets = new LinkedHashMap<>();
        INPUT_TOPICS.forEach(topic -> offsets.put(topic, TopicContents.endOffsetSum(pipeline.stack(), topic)));
        return offsets;
    }
}
