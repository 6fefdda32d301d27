package org.bluebutton.analytics.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.bluebutton.analytics.ingest.testing.IngestServer;
import org.bluebutton.analytics.ingest.testing.IngestServerExtension;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.testkit.TopicContents;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input of every kind gets a clear 4xx {@code application/problem+json} answer, never a 5xx,
 * and nothing reaches any topic.
 */
@ExtendWith(IngestServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {

    private static final String ORG = "bad-input";
    private static final String ACTIVITY = "/v1/organizations/" + ORG + "/download-activity";
    private static final String SNAPSHOTS = "/v1/organizations/" + ORG + "/access-snapshots";
    private static final String ENGAGEMENT = "/v1/organizations/" + ORG + "/engagement-activities";
    private static final String CSV_PATH = "/v1/organizations/" + ORG + "/monthly-stats";
    private static final String INVALID = "https://bluebutton-pledge.org/problems/invalid-request";
    private static final String TOO_LARGE = "https://bluebutton-pledge.org/problems/batch-too-large";
    private static final List<String> TOPICS = List.of(Topics.DOWNLOAD_ACTIVITY.name(), Topics.ACCESS_SNAPSHOTS.name(),
            Topics.ENGAGEMENT_ACTIVITY.name(), Topics.PLEDGES.name(), Topics.API_CREDENTIALS.name());

    private final LocalStack stack;
    private final IngestServer ingest;
    private final String orgKey;

    /** One instance for all cases (PER_CLASS): the organization is created once. */
    BadInputIT(LocalStack stack, IngestServer ingest) {
        this.stack = stack;
        this.ingest = ingest;
        this.orgKey = ingest.hospitalWithKey(ORG);
    }

    /** A valid download event with one field replaced by {@code field: json} (or added). */
    private static String download(String field, String json) {
        String base = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"2025-03-01T10:00:00Z\",\"channel\":\"DOWNLOAD\",\"count\":1";
        String replaced = base.replaceAll("\"" + field + "\":(\"[^\"]*\"|[^,}]*)", Matcher.quoteReplacement("\"" + field + "\":" + json));
        return replaced.equals(base) ? base + ",\"" + field + "\":" + json + "}" : replaced + "}";
    }

    private static String engagement(String field, String json) {
        String base = "{\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredOn\":\"2025-03-01\",\"engagementType\":\"EVENT\",\"title\":\"Health fair\"";
        return base + ",\"" + field + "\":" + json + "}";
    }

    static Stream<Arguments> badRequests() {
        String csvHeader = "month,patients_with_access,views,downloads,transmits\n";
        return Stream.of(
                bad("empty body", ACTIVITY, IngestServer.JSON, "", 400, INVALID),
                bad("malformed JSON", ACTIVITY, IngestServer.JSON, "[{\"eventId\":", 400, INVALID),
                bad("object instead of array", ACTIVITY, IngestServer.JSON, download("count", "1"), 400, INVALID),
                bad("empty array", ACTIVITY, IngestServer.JSON, "[]", 400, INVALID),
                bad("unknown channel", ACTIVITY, IngestServer.JSON, "[" + download("channel", "\"FAX\"") + "]", 400, INVALID),
                bad("zero count", ACTIVITY, IngestServer.JSON, "[" + download("count", "0") + "]", 400, INVALID),
                bad("negative count", ACTIVITY, IngestServer.JSON, "[" + download("count", "-5") + "]", 400, INVALID),
                bad("count as a string", ACTIVITY, IngestServer.JSON, "[" + download("count", "\"5\"") + "]", 400, INVALID),
                bad("huge count", ACTIVITY, IngestServer.JSON, "[" + download("count", "99999999999999999999999") + "]", 400, INVALID),
                bad("fractional count", ACTIVITY, IngestServer.JSON, "[" + download("count", "1.5") + "]", 400, INVALID),
                bad("event time in the future", ACTIVITY, IngestServer.JSON, "[" + download("occurredAt", "\"2999-01-01T00:00:00Z\"") + "]", 400, INVALID),
                bad("absurdly old event time", ACTIVITY, IngestServer.JSON, "[" + download("occurredAt", "\"1999-01-01T00:00:00Z\"") + "]", 400, INVALID),
                bad("event time without offset", ACTIVITY, IngestServer.JSON, "[" + download("occurredAt", "\"2025-03-01T10:00:00\"") + "]", 400, INVALID),
                bad("interval ending before it starts", ACTIVITY, IngestServer.JSON, "[" + download("intervalEnd", "\"2025-02-01T00:00:00Z\"") + "]", 400, INVALID),
                bad("missing eventId", ACTIVITY, IngestServer.JSON, "[" + download("eventId", "null") + "]", 400, INVALID),
                bad("eventId not a UUID", ACTIVITY, IngestServer.JSON, "[" + download("eventId", "\"42\"") + "]", 400, INVALID),
                bad("duplicate JSON key", ACTIVITY, IngestServer.JSON, "[{\"count\":1,\"count\":2}]", 400, INVALID),
                bad("unknown field", ACTIVITY, IngestServer.JSON, "[" + download("patientName", "\"Jane\"") + "]", 400, INVALID),
                bad("one valid and one invalid item", ACTIVITY, IngestServer.JSON,
                        "[" + download("count", "1") + "," + download("count", "0") + "]", 400, INVALID),
                bad("NDJSON with a broken line", ACTIVITY, IngestServer.NDJSON, download("count", "1") + "\n{\"eventId\":\n", 400, INVALID),
                bad("deeply nested JSON", ACTIVITY, IngestServer.JSON, "[".repeat(100) + "]".repeat(100), 400, INVALID),
                bad("invalid UTF-8", ACTIVITY, IngestServer.JSON, new byte[] {'[', (byte) 0xC3, (byte) 0x28, ']'}, 400, INVALID),
                bad("wrong content type", ACTIVITY, "text/plain", "[" + download("count", "1") + "]", 415, "about:blank"),
                bad("more items than a batch may hold", ACTIVITY, IngestServer.NDJSON,
                        IntStream.range(0, 10_001).mapToObj(i -> "{}").collect(Collectors.joining("\n")), 413, TOO_LARGE),
                bad("body over 10 MiB", ACTIVITY, IngestServer.JSON, "[\"" + "x".repeat(11 * 1024 * 1024) + "\"]", 413, "about:blank"),
                bad("negative patients with access", SNAPSHOTS, IngestServer.JSON,
                        "[{\"eventId\":\"" + UUID.randomUUID() + "\",\"asOf\":\"2025-02-28\",\"patientsWithAccess\":-1}]", 400, INVALID),
                bad("impossible date", SNAPSHOTS, IngestServer.JSON,
                        "[{\"eventId\":\"" + UUID.randomUUID() + "\",\"asOf\":\"2025-02-30\",\"patientsWithAccess\":1}]", 400, INVALID),
                bad("control character in a title", ENGAGEMENT, IngestServer.JSON, "[" + engagement("story", "\"ok\"").replace("Health fair", "Health\\u0007fair") + "]", 400, INVALID),
                bad("link that is not https", ENGAGEMENT, IngestServer.JSON, "[" + engagement("link", "\"http://example.org\"") + "]", 400, INVALID),
                bad("story over 4000 characters", ENGAGEMENT, IngestServer.JSON, "[" + engagement("story", "\"" + "a".repeat(4001) + "\"") + "]", 400, INVALID),
                bad("CSV with the wrong header", CSV_PATH, IngestServer.CSV, "month,patients\n2024-11,5\n", 400, INVALID),
                bad("CSV for the current month", CSV_PATH, IngestServer.CSV, csvHeader + java.time.YearMonth.now(java.time.ZoneOffset.UTC) + ",1,1,1,1\n", 400, INVALID),
                bad("CSV with a thousands separator", CSV_PATH, IngestServer.CSV, csvHeader + "2024-11,\"1,200\",1,1,1\n", 400, INVALID),
                bad("CSV with a broken quote", CSV_PATH, IngestServer.CSV, csvHeader + "2024-11,\"12,1,1,1\n", 400, INVALID),
                bad("unknown route", "/v1/organizations/" + ORG + "/nonsense", IngestServer.JSON, "[]", 404, "about:blank"));
    }

    /** A valid hospital profile with one field replaced by {@code field: json} (or added). */
    private static String profile(String field, String json) {
        String base = "{\"orgId\":\"new-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"name\":\"Clinic\","
                + "\"organizationType\":\"DATA_HOLDER\",\"category\":\"HOSPITAL\",\"state\":\"MA\"";
        String replaced = base.replaceAll("\"" + field + "\":\"[^\"]*\"", Matcher.quoteReplacement("\"" + field + "\":" + json));
        return replaced.equals(base) ? base + ",\"" + field + "\":" + json + "}" : replaced + "}";
    }

    static Stream<Arguments> badProfiles() {
        String create = "/v1/organizations";
        return Stream.of(
                bad("unknown US state", create, IngestServer.JSON, profile("state", "\"XX\""), 400, INVALID),
                bad("category that does not fit the type", create, IngestServer.JSON, profile("category", "\"EMPLOYER\""), 400, INVALID),
                bad("commitment that does not fit the type", create, IngestServer.JSON, profile("commitments", "[\"CEO_MESSAGE\"]"), 400, INVALID),
                bad("name over 200 characters", create, IngestServer.JSON, profile("name", "\"" + "n".repeat(201) + "\""), 400, INVALID),
                bad("right-to-left override in a name", create, IngestServer.JSON, profile("name", "\"Mercy\\u202Elatipsoh\""), 400, INVALID),
                bad("orgId with capitals", create, IngestServer.JSON, profile("orgId", "\"Mercy\""), 400, INVALID),
                bad("website that is not a URL", create, IngestServer.JSON, profile("website", "\"https://\""), 400, INVALID),
                bad("trailing content after the object", create, IngestServer.JSON, profile("city", "\"Boston\"") + " {}", 400, INVALID),
                bad("commitments null in a profile change", "/v1/organizations/" + ORG + "/profile", IngestServer.JSON,
                        "{\"commitments\":null}", 400, INVALID));
    }

    @ParameterizedTest(name = "{0} -> {4}")
    @MethodSource("badProfiles")
    void a_bad_profile_from_staff_gets_a_problem_and_publishes_nothing(String name, String path, String contentType, byte[] body,
            int status, String type) {
        List<Long> before = TOPICS.stream().map(topic -> TopicContents.endOffsetSum(stack, topic)).toList();
        String method = path.endsWith("/profile") ? "PATCH" : "POST";

        HttpResponse<String> response = ingest.send(method, path, ingest.staffKey(), contentType, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.body()).contains("\"type\":\"" + type + "\"");
        assertThat(TOPICS.stream().map(topic -> TopicContents.endOffsetSum(stack, topic)).toList()).isEqualTo(before);
    }

    private static Arguments bad(String name, String path, String contentType, String body, int status, String type) {
        return bad(name, path, contentType, body.getBytes(StandardCharsets.UTF_8), status, type);
    }

    private static Arguments bad(String name, String path, String contentType, byte[] body, int status, String type) {
        return Arguments.of(name, path, contentType, body, status, type);
    }

    @ParameterizedTest(name = "{0} -> {4}")
    @MethodSource("badRequests")
    void bad_input_gets_a_problem_and_publishes_nothing(String name, String path, String contentType, byte[] body,
            int status, String type) {
        List<Long> before = TOPICS.stream().map(topic -> TopicContents.endOffsetSum(stack, topic)).toList();

        HttpResponse<String> response = ingest.send("POST", path, orgKey, contentType, body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        assertThat(response.body()).contains("\"type\":\"" + type + "\"").contains("\"status\":" + status);
        assertThat(TOPICS.stream().map(topic -> TopicContents.endOffsetSum(stack, topic)).toList()).isEqualTo(before);
    }
}
