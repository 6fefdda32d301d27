package org.bluebutton.analytics.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.ingest.testing.IngestServer;
import org.bluebutton.analytics.ingest.testing.IngestServerExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every endpoint against every kind of caller: none, a malformed key, an unknown key, another
 * organization's key, the organization's own key, staff, and a withdrawn organization's key.
 */
@ExtendWith(IngestServerExtension.class)
class AuthorizationMatrixIT {

    private static final AtomicInteger ORGS = new AtomicInteger();
    private final IngestServer ingest;

    AuthorizationMatrixIT(IngestServer ingest) {
        this.ingest = ingest;
    }

    enum CallerKind { NONE, MALFORMED_KEY, UNKNOWN_KEY, OTHER_ORGANIZATION, OWN_ORGANIZATION, STAFF, WITHDRAWN_ORGANIZATION }

    /** An endpoint: method, path under the target organization, content type and body. */
    record Endpoint(String name, String method, String path, String contentType, String body) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static final Endpoint DOWNLOADS = new Endpoint("download activity", "POST", "/download-activity", IngestServer.JSON,
            "[{\"eventId\":\"%uuid\",\"occurredAt\":\"2025-03-01T10:00:00Z\",\"channel\":\"VIEW\",\"count\":1}]");
    private static final Endpoint SNAPSHOTS = new Endpoint("access snapshots", "POST", "/access-snapshots", IngestServer.JSON,
            "[{\"eventId\":\"%uuid\",\"asOf\":\"2025-02-28\",\"patientsWithAccess\":10}]");
    private static final Endpoint ENGAGEMENT = new Endpoint("engagement", "POST", "/engagement-activities", IngestServer.JSON,
            "[{\"eventId\":\"%uuid\",\"occurredOn\":\"2025-03-01\",\"engagementType\":\"EVENT\",\"title\":\"Fair\"}]");
    private static final Endpoint MONTHLY = new Endpoint("monthly stats", "POST", "/monthly-stats", IngestServer.CSV,
            "month,patients_with_access,views,downloads,transmits\n2024-10,5,1,1,1\n");
    private static final Endpoint PROFILE = new Endpoint("profile change", "PATCH", "/profile", IngestServer.JSON,
            "{\"website\":\"https://new.example.org\"}");
    private static final Endpoint READ = new Endpoint("read profile", "GET", "", null, null);
    private static final Endpoint REPLACE = new Endpoint("replace profile", "PUT", "", IngestServer.JSON,
            "{\"name\":\"Renamed\",\"organizationType\":\"DATA_HOLDER\",\"category\":\"LAB\",\"state\":\"NY\"}");
    private static final Endpoint WITHDRAW = new Endpoint("withdraw", "POST", "/withdrawal", null, null);
    private static final Endpoint ISSUE_KEY = new Endpoint("issue key", "POST", "/api-keys", null, null);
    private static final Endpoint CREATE = new Endpoint("create organization", "POST", "CREATE", IngestServer.JSON,
            "{\"orgId\":\"%neworg\",\"name\":\"New\",\"organizationType\":\"DATA_HOLDER\",\"category\":\"LAB\",\"state\":\"NY\"}");

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        for (Endpoint endpoint : List.of(DOWNLOADS, SNAPSHOTS, ENGAGEMENT, MONTHLY)) {
            rows.addAll(row(endpoint, 401, 401, 401, 403, 202, 403, 401));
        }
        for (Endpoint endpoint : List.of(PROFILE, READ)) {
            rows.addAll(row(endpoint, 401, 401, 401, 403, 200, 200, 401));
        }
        rows.addAll(row(REPLACE, 401, 401, 401, 403, 403, 200, 401));
        rows.addAll(row(WITHDRAW, 401, 401, 401, 403, 403, 200, 401));
        rows.addAll(row(ISSUE_KEY, 401, 401, 401, 403, 403, 201, 401));
        rows.addAll(row(CREATE, 401, 401, 401, 403, 403, 201, 401));
        return rows.stream();
    }

    private static List<Arguments> row(Endpoint endpoint, int... statuses) {
        List<Arguments> arguments = new ArrayList<>();
        CallerKind[] kinds = CallerKind.values();
        for (int i = 0; i < kinds.length; i++) {
            arguments.add(Arguments.of(endpoint, kinds[i], statuses[i]));
        }
        return arguments;
    }

    @ParameterizedTest(name = "{0} by {1} -> {2}")
    @MethodSource("matrix")
    void each_caller_gets_exactly_what_it_may(Endpoint endpoint, CallerKind caller, int expected) {
        int n = ORGS.incrementAndGet();
        String own = "authz-own-" + n;
        String ownKey = ingest.hospitalWithKey(own);
        String key = switch (caller) {
            case NONE -> null;
            case MALFORMED_KEY -> "bbk_not-a-key";
            case UNKNOWN_KEY -> ApiKey.generate(ApiKey.ORGANIZATION_PREFIX).reveal();
            case OTHER_ORGANIZATION -> ingest.hospitalWithKey("authz-other-" + n);
            case OWN_ORGANIZATION -> ownKey;
            case STAFF -> ingest.staffKey();
            case WITHDRAWN_ORGANIZATION -> withdrawnKey("authz-gone-" + n);
        };
        String path = endpoint.path().equals("CREATE") ? "/v1/organizations" : "/v1/organizations/" + own + endpoint.path();
        String body = endpoint.body() == null ? null
                : endpoint.body().replace("%uuid", UUID.randomUUID().toString()).replace("%neworg", "authz-new-" + n);

        HttpResponse<String> response = ingest.send(endpoint.method(), path, key, endpoint.contentType(),
                body == null ? null : body.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        }
        if (key != null) {
            assertThat(response.body()).doesNotContain(key);
        }
    }

    private String withdrawnKey(String orgId) {
        String key = ingest.hospitalWithKey(orgId);
        HttpResponse<String> withdrawn = ingest.post("/v1/organizations/" + orgId + "/withdrawal", ingest.staffKey(), null, null);
        assertThat(withdrawn.statusCode()).isEqualTo(200);
        return key;
    }
}
