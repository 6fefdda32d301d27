package org.bluebutton.analytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.reliability.testing.IngestClient;
import org.bluebutton.analytics.reliability.testing.ReliabilityPipeline;
import org.bluebutton.analytics.testkit.ServiceHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One table: every ingest endpoint and every query API route against every kind of caller — none, a
 * malformed key, a well-formed staff key that is not the staff key, another organization's key, the
 * organization's own key, staff, a key rotated out by a newer one, and a revoked key (organization
 * withdrawn), and the named staff accounts (an analyst, an administrator, a staff key rotated out and a revoked
 * staff account) — on the deployed pipeline; an organization's key reads its own figures from the query API and
 * nobody else's. Refusals are {@code application/problem+json} and no answer
 * repeats the caller's key. (ingest's own {@code AuthorizationMatrixIT} checks ingest alone; this table
 * adds the query API, the wrong staff key and the rotated key.)
 */
@Order(30)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationSecurityIT {

    private static final AtomicInteger ORGS = new AtomicInteger();
    private static final int YEAR = LocalDate.now(ZoneOffset.UTC).getYear();
    private final ReliabilityPipeline pipeline = ReliabilityPipeline.shared();
    private final IngestClient client = pipeline.ingestClient();
    private String queryOrg;
    private String analystKey;
    private String namedAdministratorKey;
    private String rotatedStaffKey;
    private String revokedStaffKey;

    /**
     * The first eight are given in each row; the staff accounts' columns follow from them (see {@link #row}): an
     * analyst gets what staff get on reads and 403 on changes, a rotated-out or revoked staff key what a wrong
     * staff key gets.
     */
    enum Caller { NONE, MALFORMED_KEY, WRONG_STAFF_KEY, OTHER_ORGANIZATION, OWN_ORGANIZATION, STAFF, ROTATED_KEY, REVOKED_KEY,
        ANALYST, NAMED_ADMINISTRATOR, ROTATED_STAFF_KEY, REVOKED_STAFF_KEY }

    enum Service { INGEST, QUERY }

    /** A route: service, method, path ({@code {org}} is the caller's own organization), content type and body. */
    record Route(String name, Service service, String method, String path, String contentType, String body) {
        @Override
        public String toString() {
            return service + " " + name;
        }
    }

    private static final String DOWNLOAD = "[{\"eventId\":\"%uuid\",\"occurredAt\":\"%now\",\"channel\":\"VIEW\",\"count\":1}]";

    static Stream<Arguments> table() {
        List<Arguments> rows = new ArrayList<>();
        //                                                                          NONE MALF WSTF OTHR OWN  STAF ROT  REV
        Route[] reporting = {
            new Route("download activity", Service.INGEST, "POST", "/v1/organizations/{org}/download-activity", IngestClient.JSON, DOWNLOAD),
            new Route("download activity NDJSON", Service.INGEST, "POST", "/v1/organizations/{org}/download-activity", IngestClient.NDJSON,
                    "{\"eventId\":\"%uuid\",\"occurredAt\":\"%now\",\"channel\":\"API\",\"count\":2}\n"),
            new Route("access snapshots", Service.INGEST, "POST", "/v1/organizations/{org}/access-snapshots", IngestClient.JSON,
                    "[{\"eventId\":\"%uuid\",\"asOf\":\"2025-02-28\",\"patientsWithAccess\":10}]"),
            new Route("engagement", Service.INGEST, "POST", "/v1/organizations/{org}/engagement-activities", IngestClient.JSON,
                    "[{\"eventId\":\"%uuid\",\"occurredOn\":\"2025-03-01\",\"engagementType\":\"EVENT\",\"title\":\"Fair\"}]"),
            new Route("monthly stats", Service.INGEST, "POST", "/v1/organizations/{org}/monthly-stats", IngestClient.CSV,
                    "month,patients_with_access,views,downloads,transmits\n2024-10,5,1,1,1\n")};
        for (Route route : reporting) {
            rows.addAll(row(route, 401, 401, 401, 403, 202, 403, 401, 401));
        }
        rows.addAll(row(new Route("profile change", Service.INGEST, "PATCH", "/v1/organizations/{org}/profile", IngestClient.JSON,
                "{\"website\":\"https://new.example.org\"}"), 401, 401, 401, 403, 200, 200, 401, 401));
        rows.addAll(row(new Route("read profile", Service.INGEST, "GET", "/v1/organizations/{org}", null, null), 401, 401, 401, 403, 200, 200, 401, 401));
        rows.addAll(row(new Route("replace profile", Service.INGEST, "PUT", "/v1/organizations/{org}", IngestClient.JSON,
                "{\"name\":\"Renamed\",\"organizationType\":\"DATA_HOLDER\",\"category\":\"LAB\",\"state\":\"NY\",\"commitments\":[]}"),
                401, 401, 401, 403, 403, 200, 401, 401));
        rows.addAll(row(new Route("withdraw", Service.INGEST, "POST", "/v1/organizations/{org}/withdrawal", null, null), 401, 401, 401, 403, 403, 200, 401, 401));
        rows.addAll(row(new Route("issue key", Service.INGEST, "POST", "/v1/organizations/{org}/api-keys", null, null), 401, 401, 401, 403, 403, 201, 401, 401));
        rows.addAll(row(new Route("mark a story for the report", Service.INGEST, "PUT", "/v1/stories/{org}/3f2b8c1e-7a4d-4e59-9a0c-2d6f1b8e4c7a/featured",
                IngestClient.JSON, "{\"featured\":true}"), 401, 401, 401, 403, 403, 200, 401, 401));
        rows.addAll(row(new Route("create organization", Service.INGEST, "POST", "/v1/organizations", IngestClient.JSON,
                "{\"orgId\":\"%neworg\",\"name\":\"New\",\"organizationType\":\"DATA_HOLDER\",\"category\":\"LAB\",\"state\":\"NY\",\"commitments\":[]}"),
                401, 401, 401, 403, 403, 201, 401, 401));
        // Staff accounts and the audit trail: administrators only, the analyst's read of them included ({staff} is a fresh analyst account).
        rows.addAll(adminOnly(new Route("list staff accounts", Service.INGEST, "GET", "/v1/staff-accounts", null, null), 200));
        rows.addAll(adminOnly(new Route("issue staff account", Service.INGEST, "POST", "/v1/staff-accounts", IngestClient.JSON,
                "{\"name\":\"%newstaff\",\"role\":\"ANALYST\"}"), 201));
        rows.addAll(adminOnly(new Route("rotate staff key", Service.INGEST, "POST", "/v1/staff-accounts/{staff}/key", null, null), 201));
        rows.addAll(adminOnly(new Route("revoke staff account", Service.INGEST, "POST", "/v1/staff-accounts/{staff}/revocation", null, null), 200));
        rows.addAll(adminOnly(new Route("audit trail", Service.INGEST, "GET", "/v1/audit?limit=5", null, null), 200));
        // Taking the pledge: anyone may send a request and read the sign-up page (whatever key comes along, it is not
        // looked at); ingest's staff pages and their static files are served to anyone (they do nothing without the
        // staff key, which their calls carry). Listing and reading requests: any staff account; approving and declining: administrators.
        rows.addAll(row(new Route("pledge request", Service.INGEST, "POST", "/v1/pledge-requests", IngestClient.JSON,
                "{\"name\":\"Authz Clinic\",\"organizationType\":\"DATA_HOLDER\",\"category\":\"PROVIDER\",\"state\":\"MA\","
                        + "\"commitments\":[\"DOWNLOAD_FROM_PORTAL\"],\"contactEmail\":\"authz@clinic.example\"}"),
                new int[] {202, 202, 202, 202, 202, 202, 202, 202}, 202)); // public: an analyst's key is not looked at either
        for (String path : List.of("/pledge", "/staff", "/assets/site.css", "/assets/staff.js")) {
            rows.addAll(row(new Route(path, Service.INGEST, "GET", path, null, null), 200, 200, 200, 200, 200, 200, 200, 200));
        }
        rows.addAll(row(new Route("list pledge requests", Service.INGEST, "GET", "/v1/pledge-requests?status=all", null, null),
                401, 401, 401, 403, 403, 200, 401, 401));
        rows.addAll(row(new Route("read pledge request", Service.INGEST, "GET", "/v1/pledge-requests/{request}", null, null),
                401, 401, 401, 403, 403, 200, 401, 401));
        rows.addAll(row(new Route("approve pledge request", Service.INGEST, "POST", "/v1/pledge-requests/{request}/approval", IngestClient.JSON,
                "{\"orgId\":\"%neworg\"}"), 401, 401, 401, 403, 403, 201, 401, 401));
        rows.addAll(row(new Route("decline pledge request", Service.INGEST, "POST", "/v1/pledge-requests/{request}/decline", IngestClient.JSON,
                "{\"reason\":\"Authorization table\"}"), 401, 401, 401, 403, 403, 200, 401, 401));
        // The query API's staff routes: a valid organization key is known there (as in ingest) but refused (403);
        // rotated and revoked keys are not credentials (401).
        for (String path : List.of("/v1/program/summary?year=" + YEAR, "/v1/program/summary?from=" + YEAR + "-01&to=" + YEAR + "-02",
                "/v1/program/years", "/v1/organizations/{query-org}/metrics", "/v1/breakdowns/category?year=" + YEAR,
                "/v1/breakdowns/state?year=" + YEAR + "&month=1", "/v1/organizations?page=0&size=5", "/v1/pledge-counts?granularity=year",
                "/v1/data-quality?year=" + YEAR, "/v1/commitments", "/v1/exports/program-months?year=" + YEAR,
                "/v1/exports/categories?year=" + YEAR, "/v1/exports/states?year=" + YEAR, "/v1/exports/data-quality?year=" + YEAR,
                "/v1/exports/not-reporting?year=" + YEAR, "/v1/exports/pledge-counts", "/v1/exports/organizations?q=authz",
                "/v1/exports/commitments", "/v1/exports/organizations/{query-org}/months")) {
            rows.addAll(row(new Route(path, Service.QUERY, "GET", path, null, null), 401, 401, 401, 403, 403, 200, 401, 401));
        }
        // A data holder reads its own figures with its own key, and nobody else's.
        rows.addAll(row(new Route("own figures", Service.QUERY, "GET", "/v1/organizations/{org}/metrics", null, null),
                401, 401, 401, 403, 200, 200, 401, 401));
        rows.addAll(row(new Route("own months as CSV", Service.QUERY, "GET", "/v1/exports/organizations/{org}/months", null, null),
                401, 401, 401, 403, 200, 200, 401, 401));
        rows.addAll(row(new Route("own data quality", Service.QUERY, "GET", "/v1/organizations/{org}/data-quality?year=" + YEAR, null, null),
                401, 401, 401, 403, 200, 200, 401, 401));
        rows.addAll(row(new Route("own Hub appearance", Service.QUERY, "GET", "/v1/organizations/{org}/hub-appearance", null, null),
                401, 401, 401, 403, 200, 200, 401, 401));
        // Any valid key may ask whom it stands for.
        rows.addAll(row(new Route("who am I", Service.QUERY, "GET", "/v1/me", null, null), 401, 401, 401, 200, 200, 200, 401, 401));
        // The public Hub (pages and JSON), the dashboard's pages and the pages' own script and style files (no data in
        // them): anyone, whatever key comes with the request.
        for (String path : List.of("/hub/v1/data-holders", "/hub/v1/organizations?q=mercy", "/hub", "/hub?state=MA&capability=download",
                "/hub/help", "/dashboard", "/data-holder", "/hub/hub.css", "/dashboard/dashboard.js", "/dashboard/dashboard.css",
                "/dashboard/data-holder.js", "/dashboard/data-holder.css")) {
            rows.addAll(row(new Route(path, Service.QUERY, "GET", path, null, null), 200, 200, 200, 200, 200, 200, 200, 200));
        }
        // Internal routes take the peer header only, never a bearer key, not even staff's.
        rows.addAll(row(new Route("internal store entries", Service.QUERY, "GET", "/internal/v1/stores/organizations/entries", null, null),
                401, 401, 401, 401, 401, 401, 401, 401));
        rows.addAll(row(new Route("internal store keys", Service.QUERY, "POST", "/internal/v1/stores/organizations/entries", IngestClient.JSON,
                "{\"entries\":[]}"), 401, 401, 401, 401, 401, 401, 401, 401));
        rows.addAll(row(new Route("internal store range", Service.QUERY, "POST", "/internal/v1/stores/org-month-metrics/range", IngestClient.JSON,
                "{\"entries\":[]}"), 401, 401, 401, 401, 401, 401, 401, 401));
        return rows.stream();
    }

    /** A route's expected status per caller: the eight given, then the staff accounts' columns derived from them. */
    private static List<Arguments> row(Route route, int... statuses) {
        int staff = statuses[Caller.STAFF.ordinal()];
        boolean change = !route.method().equals("GET") && staff < 300; // the analyst reads what staff read and changes nothing
        return row(route, statuses, change ? 403 : staff);
    }

    /** An administrators-only route: analysts get 403, organizations 403, invalid keys 401. */
    private static List<Arguments> adminOnly(Route route, int success) {
        return row(route, new int[] {401, 401, 401, 403, 403, success, 401, 401}, 403);
    }

    private static List<Arguments> row(Route route, int[] statuses, int analyst) {
        List<Arguments> arguments = new ArrayList<>();
        Caller[] callers = Caller.values();
        for (int i = 0; i < statuses.length; i++) {
            arguments.add(Arguments.of(route, callers[i], statuses[i]));
        }
        arguments.add(Arguments.of(route, Caller.ANALYST, analyst));
        arguments.add(Arguments.of(route, Caller.NAMED_ADMINISTRATOR, statuses[Caller.STAFF.ordinal()]));
        arguments.add(Arguments.of(route, Caller.ROTATED_STAFF_KEY, statuses[Caller.WRONG_STAFF_KEY.ordinal()]));
        arguments.add(Arguments.of(route, Caller.REVOKED_STAFF_KEY, statuses[Caller.WRONG_STAFF_KEY.ordinal()]));
        return arguments;
    }

    @BeforeAll
    void anOrganizationTheQueryApiKnows() {
        // Run first in its JVM, the pipeline has just started: ingest judges keys only once its views are current (health UP).
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> send(Service.INGEST, "GET", "/health", null, null, null).statusCode() == 200);
        queryOrg = "authz-query-" + System.nanoTime();
        client.hospitalWithKey(queryOrg);
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> send(Service.QUERY, "GET", "/v1/organizations/" + queryOrg + "/metrics", pipeline.staffKey(), null, null).statusCode() == 200);
    }

    /** One account per staff column, issued, rotated and revoked through ingest; both services have read them before the table runs. */
    @BeforeAll
    void staffAccounts() {
        long n = System.nanoTime();
        analystKey = client.staffAccount("authz-analyst-" + n, "ANALYST");
        namedAdministratorKey = client.staffAccount("authz-admin-" + n, "ADMINISTRATOR");
        rotatedStaffKey = client.staffAccount("authz-rotated-" + n, "ANALYST");
        String current = client.rotateStaffKey("authz-rotated-" + n);
        revokedStaffKey = client.staffAccount("authz-revoked-" + n, "ADMINISTRATOR");
        client.revokeStaffAccount("authz-revoked-" + n);
        String staffRead = "/v1/organizations/" + queryOrg + "/metrics";
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
                send(Service.QUERY, "GET", staffRead, analystKey, null, null).statusCode() == 200
                        && send(Service.QUERY, "GET", staffRead, current, null, null).statusCode() == 200
                        && send(Service.QUERY, "GET", staffRead, rotatedStaffKey, null, null).statusCode() == 401
                        && send(Service.QUERY, "GET", staffRead, revokedStaffKey, null, null).statusCode() == 401);
    }

    @ParameterizedTest(name = "{0} by {1} -> {2}")
    @MethodSource("table")
    void each_caller_gets_exactly_what_it_may(Route route, Caller caller, int expected) {
        int n = ORGS.incrementAndGet();
        String own = "authz-own-" + n + "-" + System.nanoTime();
        String ownKey = client.hospitalWithKey(own);
        String key = switch (caller) {
            case NONE -> null;
            case MALFORMED_KEY -> "bbk_not-a-key";
            case WRONG_STAFF_KEY -> ApiKey.generate(ApiKey.STAFF_PREFIX).reveal();
            case OTHER_ORGANIZATION -> client.hospitalWithKey("authz-other-" + n + "-" + System.nanoTime());
            case OWN_ORGANIZATION -> ownKey;
            case STAFF -> pipeline.staffKey();
            case ROTATED_KEY -> rotated(own, ownKey);
            case REVOKED_KEY -> revoked("authz-gone-" + n + "-" + System.nanoTime());
            case ANALYST -> analystKey;
            case NAMED_ADMINISTRATOR -> namedAdministratorKey;
            case ROTATED_STAFF_KEY -> rotatedStaffKey;
            case REVOKED_STAFF_KEY -> revokedStaffKey;
        };
        String staffAccount = route.path().contains("{staff}") ? "authz-subject-" + n + "-" + System.nanoTime() : null;
        if (staffAccount != null) {
            client.staffAccount(staffAccount, "ANALYST");
        }
        String path = route.path().replace("{org}", own).replace("{query-org}", queryOrg)
                .replace("{staff}", staffAccount == null ? "" : staffAccount);
        if (path.contains("{request}")) {
            path = path.replace("{request}", client.pledgeRequest("Authz Request " + n, "authz-" + n + "@request.example"));
        }
        String body = route.body() == null ? null : route.body().replace("%uuid", UUID.randomUUID().toString())
                .replace("%now", java.time.Instant.now().minusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString())
                .replace("%neworg", "authz-new-" + n + "-" + System.nanoTime())
                .replace("%newstaff", "authz-new-staff-" + n + "-" + System.nanoTime());

        HttpResponse<String> response = send(route.service(), route.method(), path, key, route.contentType(), body);
        for (int retries = 0; response.statusCode() == 503 && route.service() == Service.QUERY && retries < 20; retries++) {
            sleep(); // figures moving between instances: the query API asks to come back
            response = send(route.service(), route.method(), path, key, route.contentType(), body);
        }
        // The query API learns organization keys (issued, rotated, revoked) and new organizations from Kafka, a
        // moment after ingest answered: the table holds for the state it settles in, within 20 s.
        boolean settling = route.service() == Service.QUERY && key != null && key.startsWith(ApiKey.ORGANIZATION_PREFIX + "_")
                || route.path().contains("{org}") && route.service() == Service.QUERY;
        for (int retries = 0; settling && response.statusCode() != expected && retries < 40; retries++) {
            sleep();
            response = send(route.service(), route.method(), path, key, route.contentType(), body);
        }

        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        }
        if (key != null) {
            String[] parts = key.split("_", 3);
            assertThat(response.body()).doesNotContain(key).doesNotContain(parts[parts.length - 1]);
        }
    }

    private String rotated(String orgId, String ownKey) {
        String newer = client.issueKey(orgId);
        assertThat(newer).isNotEqualTo(ownKey);
        return ownKey;
    }

    private String revoked(String orgId) {
        String key = client.hospitalWithKey(orgId);
        assertThat(client.post("/v1/organizations/" + orgId + "/withdrawal", pipeline.staffKey(), null, null).status()).isEqualTo(200);
        return key;
    }

    private HttpResponse<String> send(Service service, String method, String path, String key, String contentType, String body) {
        return new ServiceHttp(service == Service.INGEST ? pipeline.ingestUrl() : pipeline.queryUrl(), Duration.ofSeconds(30))
                .send(method, path, key, contentType, body);
    }

    private static void sleep() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
