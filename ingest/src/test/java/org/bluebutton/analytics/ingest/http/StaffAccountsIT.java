package org.bluebutton.analytics.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.ingest.testing.IngestServer;
import org.bluebutton.analytics.localstack.LocalStack;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Named staff accounts on two running instances of ingest: an administrator issues, rotates and revokes
 * them without a redeploy; an analyst reads but changes nothing; a revoked or rotated-out staff key is
 * refused by the other instance within 2 s; and every staff action is on the audit trail exactly (who,
 * what, before, after), newest first, readable by administrators only. One stack for the class.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffAccountsIT {

    private static final Duration PROPAGATION = Duration.ofSeconds(2);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSPITAL = "{\"orgId\":\"%s\",\"name\":\"%s\",\"organizationType\":\"DATA_HOLDER\",\"category\":\"HOSPITAL\","
            + "\"state\":\"MA\",\"commitments\":[\"DOWNLOAD_FROM_PORTAL\"]}";

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
    void an_analyst_reads_what_staff_read_and_is_refused_every_change() {
        String analyst = first.staffAccount("ana.lyst", "ANALYST");
        first.hospitalWithKey("staff-read-org");

        assertThat(first.get("/v1/organizations/staff-read-org", analyst).statusCode()).isEqualTo(200);
        List<HttpResponse<String>> changes = List.of(
                first.post("/v1/organizations", analyst, IngestServer.JSON, HOSPITAL.formatted("staff-analyst-new", "New")),
                first.send("PUT", "/v1/organizations/staff-read-org", analyst, IngestServer.JSON,
                        HOSPITAL.formatted("staff-read-org", "Renamed").getBytes()),
                first.send("PATCH", "/v1/organizations/staff-read-org/profile", analyst, IngestServer.JSON,
                        "{\"website\":\"https://a.example.org\"}".getBytes()),
                first.post("/v1/organizations/staff-read-org/withdrawal", analyst, null, null),
                first.post("/v1/organizations/staff-read-org/api-keys", analyst, null, null),
                first.post("/v1/staff-accounts", analyst, IngestServer.JSON, "{\"name\":\"sneaky\",\"role\":\"ADMINISTRATOR\"}"),
                first.get("/v1/staff-accounts", analyst),
                first.post("/v1/staff-accounts/ana.lyst/key", analyst, null, null),
                first.get("/v1/audit", analyst));
        assertThat(changes).allSatisfy(answer -> {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(403);
            assertThat(answer.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
        });
        assertThat(first.get("/v1/organizations/staff-analyst-new", first.staffKey()).statusCode()).as("nothing was created").isEqualTo(404);
    }

    @Test
    void a_named_administrator_may_do_every_staff_change() {
        String admin = first.staffAccount("adele", "ADMINISTRATOR");

        assertThat(first.post("/v1/organizations", admin, IngestServer.JSON, HOSPITAL.formatted("staff-admin-org", "Admin's")).statusCode())
                .isEqualTo(201);
        assertThat(first.post("/v1/organizations/staff-admin-org/api-keys", admin, null, null).statusCode()).isEqualTo(201);
        assertThat(first.post("/v1/staff-accounts", admin, IngestServer.JSON, "{\"name\":\"adele.analyst\",\"role\":\"ANALYST\"}").statusCode())
                .isEqualTo(201);
        assertThat(first.get("/v1/audit", admin).statusCode()).isEqualTo(200);
    }

    @Test
    void organizations_are_refused_staff_accounts_and_the_audit_trail() {
        String orgKey = first.hospitalWithKey("staff-org-caller");

        assertThat(first.get("/v1/audit", orgKey).statusCode()).isEqualTo(403);
        assertThat(first.get("/v1/staff-accounts", orgKey).statusCode()).isEqualTo(403);
        assertThat(first.post("/v1/staff-accounts", orgKey, IngestServer.JSON, "{\"name\":\"x\",\"role\":\"ANALYST\"}").statusCode())
                .isEqualTo(403);
        assertThat(first.get("/v1/audit", null).statusCode()).isEqualTo(401);
        assertThat(first.get("/v1/audit", ApiKey.generate(ApiKey.STAFF_PREFIX).reveal()).statusCode()).isEqualTo(401);
    }

    @Test
    void a_revoked_staff_key_is_refused_by_the_other_instance_within_2_s() {
        String key = first.staffAccount("leaver", "ADMINISTRATOR");
        awaitStatus(second, key, 200, Duration.ofSeconds(10));

        HttpResponse<String> revoked = first.post("/v1/staff-accounts/leaver/revocation", first.staffKey(), null, null);
        Duration refusedAfter = awaitStatus(second, key, 401, PROPAGATION.multipliedBy(3));

        System.out.printf("StaffAccountsIT: revoked staff key refused by the other instance %d ms after the revocation was answered%n",
                refusedAfter.toMillis());
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(revoked.body()).contains("\"revokedAt\"");
        assertThat(refusedAfter).isLessThan(PROPAGATION);
        assertThat(first.post("/v1/staff-accounts/leaver/key", first.staffKey(), null, null).statusCode()).as("a revoked account stays closed")
                .isEqualTo(409);
    }

    @Test
    void a_rotated_staff_key_works_and_the_key_it_replaced_is_refused_by_the_other_instance_within_2_s() {
        String oldKey = first.staffAccount("rotator", "ANALYST");
        awaitStatus(second, oldKey, 200, Duration.ofSeconds(10));

        HttpResponse<String> rotated = first.post("/v1/staff-accounts/rotator/key", first.staffKey(), null, null);
        Duration refusedAfter = awaitStatus(second, oldKey, 401, PROPAGATION.multipliedBy(3));

        assertThat(rotated.statusCode()).isEqualTo(201);
        assertThat(refusedAfter).isLessThan(PROPAGATION);
        Duration newKeyAdmittedAfter = awaitStatus(second, IngestServer.keyIn(rotated.body()), 200, PROPAGATION.multipliedBy(3));
        assertThat(newKeyAdmittedAfter).as("the new key works on the other instance").isLessThan(PROPAGATION);
    }

    @Test
    void account_names_are_checked_and_never_reused() {
        first.staffAccount("once", "ANALYST");

        assertThat(first.post("/v1/staff-accounts", first.staffKey(), IngestServer.JSON, "{\"name\":\"once\",\"role\":\"ANALYST\"}").statusCode())
                .isEqualTo(409);
        assertThat(first.post("/v1/staff-accounts", first.staffKey(), IngestServer.JSON, "{\"name\":\"bootstrap\",\"role\":\"ANALYST\"}").statusCode())
                .isEqualTo(400);
        assertThat(first.post("/v1/staff-accounts", first.staffKey(), IngestServer.JSON, "{\"name\":\"Upper Case\",\"role\":\"OWNER\"}").body())
                .contains("\"name\"").contains("\"role\"");
        assertThat(first.post("/v1/staff-accounts/nobody/revocation", first.staffKey(), null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void every_staff_action_is_on_the_audit_trail_with_who_what_before_and_after() throws Exception {
        String admin = first.staffAccount("auditor", "ADMINISTRATOR");
        String org = "staff-audited-org";
        HttpResponse<String> created = first.post("/v1/organizations", admin, IngestServer.JSON, HOSPITAL.formatted(org, "Audited"));
        HttpResponse<String> corrected = first.send("PUT", "/v1/organizations/" + org, admin, IngestServer.JSON,
                HOSPITAL.formatted(org, "Audited Corrected").getBytes());
        first.send("PATCH", "/v1/organizations/" + org + "/profile", admin, IngestServer.JSON, "{\"website\":\"https://audited.example.org\"}".getBytes());
        HttpResponse<String> issued = first.post("/v1/organizations/" + org + "/api-keys", admin, null, null);
        first.post("/v1/organizations/" + org + "/withdrawal", admin, null, null);
        HttpResponse<String> staffIssued = first.post("/v1/staff-accounts", admin, IngestServer.JSON, "{\"name\":\"audited.person\",\"role\":\"ANALYST\"}");
        HttpResponse<String> staffRotated = first.post("/v1/staff-accounts/audited.person/key", admin, null, null);
        first.post("/v1/staff-accounts/audited.person/revocation", admin, null, null);
        assertThat(List.of(created, corrected, issued, staffIssued, staffRotated)).allSatisfy(answer -> assertThat(answer.statusCode()).isLessThan(300));

        List<JsonNode> trail = trailOf(second, Map.of(org, true, "audited.person", true));

        assertThat(trail).extracting(record -> record.get("action").asText()).containsExactly(
                "STAFF_ACCOUNT_REVOKED", "STAFF_KEY_ROTATED", "STAFF_ACCOUNT_ISSUED", "ORGANIZATION_WITHDRAWN", "API_KEY_ISSUED",
                "PROFILE_CHANGED", "ORGANIZATION_CORRECTED", "ORGANIZATION_CREATED");
        assertThat(trail).allSatisfy(record -> {
            assertThat(record.get("actor").asText()).isEqualTo("auditor");
            assertThat(record.get("actorRole").asText()).isEqualTo("ADMINISTRATOR");
            assertThat(record.get("occurredAt").asText()).isNotBlank();
        });
        JsonNode create = trail.get(7);
        assertThat(create.get("subjectType").asText()).isEqualTo("organization");
        assertThat(create.get("subjectId").asText()).isEqualTo(org);
        assertThat(create.get("before").isNull()).isTrue();
        assertThat(create.get("after").get("name").asText()).isEqualTo("Audited");
        assertThat(create.get("after").get("status").asText()).isEqualTo("ACTIVE");
        JsonNode correct = trail.get(6);
        assertThat(correct.get("before").get("name").asText()).isEqualTo("Audited");
        assertThat(correct.get("after").get("name").asText()).isEqualTo("Audited Corrected");
        JsonNode profile = trail.get(5);
        assertThat(profile.get("before").get("website").isNull()).isTrue();
        assertThat(profile.get("after").get("website").asText()).isEqualTo("https://audited.example.org");
        JsonNode key = trail.get(4);
        assertThat(key.get("subjectType").asText()).isEqualTo("organization-key");
        assertThat(key.get("before").isNull()).isTrue();
        assertThat(key.get("after").get("keyId").asText()).isEqualTo(JSON.readTree(issued.body()).get("keyId").asText());
        assertThat(key.get("after").has("secretSha256")).isFalse();
        JsonNode withdraw = trail.get(3);
        assertThat(withdraw.get("before").get("status").asText()).isEqualTo("ACTIVE");
        assertThat(withdraw.get("after").get("status").asText()).isEqualTo("WITHDRAWN");
        assertThat(withdraw.get("after").get("withdrawnAt").asText()).isEqualTo(withdraw.get("occurredAt").asText());
        JsonNode staffIssue = trail.get(2);
        assertThat(staffIssue.get("subjectType").asText()).isEqualTo("staff-account");
        assertThat(staffIssue.get("subjectId").asText()).isEqualTo("audited.person");
        assertThat(staffIssue.get("before").isNull()).isTrue();
        assertThat(staffIssue.get("after").get("role").asText()).isEqualTo("ANALYST");
        assertThat(staffIssue.get("after").get("keyId").asText()).isEqualTo(JSON.readTree(staffIssued.body()).get("keyId").asText());
        JsonNode rotate = trail.get(1);
        assertThat(rotate.get("before").get("keyId").asText()).isEqualTo(JSON.readTree(staffIssued.body()).get("keyId").asText());
        assertThat(rotate.get("after").get("keyId").asText()).isEqualTo(JSON.readTree(staffRotated.body()).get("keyId").asText());
        JsonNode revoke = trail.get(0);
        assertThat(revoke.get("before").get("revokedAt").isNull()).isTrue();
        assertThat(revoke.get("after").get("revokedAt").asText()).isEqualTo(revoke.get("occurredAt").asText());
        String whole = trail.toString();
        assertThat(whole).doesNotContain(IngestServer.keyIn(staffIssued.body()).split("_", 3)[2])
                .doesNotContain(JSON.readTree(issued.body()).get("apiKey").asText().split("_", 3)[2])
                .doesNotContain(admin.split("_", 3)[2]).doesNotContain("secretSha256");
    }

    @Test
    void the_audit_trail_is_paged_newest_first_without_gaps_or_repeats() throws Exception {
        for (int i = 0; i < 5; i++) {
            first.staffAccount("paged-" + i, "ANALYST");
        }

        List<String> seen = new ArrayList<>();
        String next = "/v1/audit?limit=2";
        while (next != null) {
            JsonNode page = JSON.readTree(first.get(next, first.staffKey()).body());
            assertThat(page.get("records").size()).isLessThanOrEqualTo(2);
            page.get("records").forEach(record -> {
                if (record.get("subjectId").asText().startsWith("paged-")) {
                    seen.add(record.get("subjectId").asText());
                }
            });
            next = page.get("next").isNull() ? null : page.get("next").asText();
        }

        assertThat(seen).containsExactly("paged-4", "paged-3", "paged-2", "paged-1", "paged-0");
        assertThat(first.get("/v1/audit?limit=0", first.staffKey()).statusCode()).isEqualTo(400);
        assertThat(first.get("/v1/audit?limit=1000", first.staffKey()).statusCode()).isEqualTo(400);
    }

    /** The audit records whose subject is one of {@code subjects}, newest first, read through {@code instance}. */
    private static List<JsonNode> trailOf(IngestServer instance, Map<String, Boolean> subjects) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        String next = "/v1/audit?limit=200";
        while (next != null) {
            JsonNode page = JSON.readTree(instance.get(next, instance.staffKey()).body());
            page.get("records").forEach(record -> {
                if (subjects.containsKey(record.get("subjectId").asText())) {
                    records.add(record);
                }
            });
            next = page.get("next").isNull() ? null : page.get("next").asText();
        }
        return records;
    }

    /** How long until {@code instance} answers {@code status} to a staff read with {@code key}. */
    private static Duration awaitStatus(IngestServer instance, String key, int status, Duration atMost) {
        long started = System.nanoTime();
        while (true) {
            HttpResponse<String> answer = instance.get("/v1/organizations/staff-probe", key);
            int seen = answer.statusCode() == 404 ? 200 : answer.statusCode(); // 404: admitted, the organization does not exist
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            if (seen == status) {
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
