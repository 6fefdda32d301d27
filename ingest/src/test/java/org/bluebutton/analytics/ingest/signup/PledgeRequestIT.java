package org.bluebutton.analytics.ingest.signup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.bluebutton.analytics.ingest.http.SecurityHeadersFilter;
import org.bluebutton.analytics.ingest.testing.IngestServer;
import org.bluebutton.analytics.ingest.testing.IngestServerExtension;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.schemas.event.Commitment;
import org.bluebutton.analytics.schemas.event.OrganizationCategory;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.PledgeRequest;
import org.bluebutton.analytics.schemas.event.PledgeRequestStatus;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.testkit.HeadlessBrowser;
import org.bluebutton.analytics.testkit.TopicContents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Taking the pledge on ingest and the real stack: the public JSON route and the HTML form store a
 * pending request on the pledge-requests topic; staff list, approve (the organization is created and
 * its first key works) or decline it, once; bad input gets its problems, a flood from one address
 * gets 429.
 */
@ExtendWith(IngestServerExtension.class)
class PledgeRequestIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String FORM = "application/x-www-form-urlencoded";

    private final LocalStack stack;
    private final IngestServer ingest;

    PledgeRequestIT(LocalStack stack, IngestServer ingest) {
        this.stack = stack;
        this.ingest = ingest;
    }

    @Test
    void a_request_sent_as_json_is_stored_as_pending_with_its_contact_and_the_answer_does_not_repeat_the_contact() {
        HttpResponse<String> sent = ingest.post("/v1/pledge-requests", null, IngestServer.JSON, clinicRequest("Harbor Clinic", "pledge@harbor.example"));

        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        assertThat(sent.body()).doesNotContain("pledge@harbor.example");
        String requestId = json(sent).get("requestId").asText();
        PledgeRequest stored = TopicContents.<PledgeRequest>valuesFor(stack, Topics.PLEDGE_REQUESTS.name(), requestId).get(0);
        assertThat(stored.getStatus()).isEqualTo(PledgeRequestStatus.PENDING);
        assertThat(stored.getContactEmail()).isEqualTo("pledge@harbor.example");
        assertThat(stored.getCategory()).isEqualTo(OrganizationCategory.PROVIDER);
        assertThat(stored.getCommitments()).containsExactly(Commitment.DOWNLOAD_FROM_PORTAL, Commitment.DIRECT_TRANSMIT);
    }

    @Test
    void staff_list_pending_requests_oldest_first_with_the_contact_to_write_to() {
        String first = submit("Listing First");
        String second = submit("Listing Second");

        JsonNode pending = json(ingest.get("/v1/pledge-requests", ingest.staffKey()));

        List<String> ids = pending.get("requests").findValuesAsText("requestId");
        assertThat(ids).contains(first, second);
        assertThat(ids.indexOf(first)).isLessThan(ids.indexOf(second));
        assertThat(pending.get("status").asText()).isEqualTo("PENDING");
        JsonNode listed = pending.get("requests").get(ids.indexOf(first));
        assertThat(listed.get("contactEmail").asText()).isEqualTo("contact@listing-first.example");
        assertThat(listed.get("suggestedOrgId").asText()).isEqualTo("listing-first-" + suffixOf(first));
    }

    @Test
    void approving_creates_the_organization_through_the_administration_and_its_first_key_is_accepted() throws Exception {
        String requestId = submit("Approved Clinic");
        String orgId = "approved-clinic-" + NAMES.incrementAndGet();

        HttpResponse<String> approved = ingest.post("/v1/pledge-requests/" + requestId + "/approval", ingest.staffKey(), IngestServer.JSON,
                "{\"orgId\":\"" + orgId + "\"}");

        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(201);
        JsonNode approval = json(approved);
        assertThat(approval.at("/request/status").asText()).isEqualTo("APPROVED");
        assertThat(approval.at("/request/orgId").asText()).isEqualTo(orgId);
        assertThat(approval.at("/organization/status").asText()).isEqualTo("ACTIVE");
        assertThat(approval.at("/organization/listedOnHub").asBoolean()).isTrue();
        Pledge pledge = TopicContents.<Pledge>valuesFor(stack, Topics.PLEDGES.name(), orgId).get(0);
        assertThat(pledge.getName()).startsWith("Approved Clinic");
        assertThat(pledge.getCommitments()).containsExactly(Commitment.DOWNLOAD_FROM_PORTAL, Commitment.DIRECT_TRANSMIT);
        assertThat(TopicContents.<PledgeRequest>valuesFor(stack, Topics.PLEDGE_REQUESTS.name(), requestId))
                .last().extracting(PledgeRequest::getStatus).isEqualTo(PledgeRequestStatus.APPROVED);
        String key = approval.at("/apiKey/apiKey").asText();
        HttpResponse<String> firstEvent = ingest.post("/v1/organizations/" + orgId + "/download-activity", key, IngestServer.JSON,
                "[{\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"" + Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS)
                        + "\",\"channel\":\"DOWNLOAD\",\"count\":1}]");
        assertThat(firstEvent.statusCode()).as(firstEvent.body()).isEqualTo(202);
    }

    @Test
    void approving_without_an_id_uses_the_one_suggested_from_the_name() throws Exception {
        String requestId = submit("Suggested Lab");

        HttpResponse<String> approved = ingest.post("/v1/pledge-requests/" + requestId + "/approval", ingest.staffKey(), null, null);

        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(201);
        assertThat(json(approved).at("/organization/orgId").asText()).isEqualTo("suggested-lab-" + suffixOf(requestId));
    }

    @Test
    void a_request_is_decided_once() throws Exception {
        String requestId = submit("Twice Decided");
        assertThat(ingest.post("/v1/pledge-requests/" + requestId + "/decline", ingest.staffKey(), IngestServer.JSON,
                "{\"reason\":\"Not a US organization\"}").statusCode()).isEqualTo(200);

        HttpResponse<String> approveAfter = ingest.post("/v1/pledge-requests/" + requestId + "/approval", ingest.staffKey(), null, null);
        HttpResponse<String> declineAgain = ingest.post("/v1/pledge-requests/" + requestId + "/decline", ingest.staffKey(), IngestServer.JSON,
                "{\"reason\":\"again\"}");

        for (HttpResponse<String> second : List.of(approveAfter, declineAgain)) {
            assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
            assertThat(second.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
            assertThat(json(second).get("type").asText()).endsWith("pledge-request-decided");
        }
        assertThat(ingest.get("/v1/organizations/twice-decided-" + suffixOf(requestId), ingest.staffKey()).statusCode()).isEqualTo(404);
    }

    @Test
    void declining_keeps_the_reason_and_creates_no_organization() throws Exception {
        String requestId = submit("Declined Group");

        HttpResponse<String> declined = ingest.post("/v1/pledge-requests/" + requestId + "/decline", ingest.staffKey(), IngestServer.JSON,
                "{\"reason\":\"We could not confirm the organization.\\nPlease write to us.\"}");

        assertThat(declined.statusCode()).as(declined.body()).isEqualTo(200);
        PledgeRequest stored = TopicContents.<PledgeRequest>valuesFor(stack, Topics.PLEDGE_REQUESTS.name(), requestId).get(1);
        assertThat(stored.getStatus()).isEqualTo(PledgeRequestStatus.DECLINED);
        assertThat(stored.getDeclineReason()).isEqualTo("We could not confirm the organization.\nPlease write to us.");
        assertThat(stored.getOrgId()).isNull();
        assertThat(json(ingest.get("/v1/pledge-requests?status=declined", ingest.staffKey())).get("requests").findValuesAsText("requestId"))
                .contains(requestId);
        assertThat(json(ingest.get("/v1/pledge-requests", ingest.staffKey())).get("requests").findValuesAsText("requestId"))
                .doesNotContain(requestId);
    }

    @Test
    void a_decline_without_a_reason_is_refused_and_the_request_stays_pending() throws Exception {
        String requestId = submit("No Reason");

        HttpResponse<String> refused = ingest.post("/v1/pledge-requests/" + requestId + "/decline", ingest.staffKey(), IngestServer.JSON, "{}");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).get("errors").findValuesAsText("field")).containsExactly("reason");
        assertThat(json(ingest.get("/v1/pledge-requests/" + requestId, ingest.staffKey())).get("status").asText()).isEqualTo("PENDING");
    }

    @Test
    void approving_under_an_organization_id_that_is_taken_is_a_conflict_and_the_request_stays_pending() throws Exception {
        String requestId = submit("Taken Name");
        ingest.hospitalWithKey("taken-" + suffixOf(requestId));

        HttpResponse<String> conflict = ingest.post("/v1/pledge-requests/" + requestId + "/approval", ingest.staffKey(), IngestServer.JSON,
                "{\"orgId\":\"taken-" + suffixOf(requestId) + "\"}");

        assertThat(conflict.statusCode()).as(conflict.body()).isEqualTo(409);
        assertThat(json(ingest.get("/v1/pledge-requests/" + requestId, ingest.staffKey())).get("status").asText()).isEqualTo("PENDING");
    }

    @Test
    void an_unknown_request_is_404() {
        HttpResponse<String> unknown = ingest.post("/v1/pledge-requests/" + UUID.randomUUID() + "/approval", ingest.staffKey(), null, null);

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown).get("type").asText()).endsWith("unknown-pledge-request");
    }

    @Test
    void an_invalid_request_gets_every_problem_by_field_and_no_problem_repeats_the_address() {
        HttpResponse<String> refused = ingest.post("/v1/pledge-requests", null, IngestServer.JSON, """
                {"organizationType":"DATA_HOLDER","category":"EMPLOYER","state":"ZZ","postalCode":"123",
                 "website":"http://insecure.example","commitments":["CEO_MESSAGE"],"contactEmail":"not-an-address@","orgId":"mine"}""");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("orgId", "name", "category", "state", "postalCode", "website", "commitments", "contactEmail");
        assertThat(refused.body()).doesNotContain("not-an-address@");
        assertThat(TopicContents.endOffsetSum(stack, Topics.PLEDGE_REQUESTS.name())).isPositive(); // others' requests, not this one
    }

    @Test
    void a_request_without_any_commitment_is_refused() {
        HttpResponse<String> refused = ingest.post("/v1/pledge-requests", null, IngestServer.JSON, """
                {"name":"Uncommitted","organizationType":"NON_DATA_HOLDER","category":"EMPLOYER","state":"MA","commitments":[],
                 "contactEmail":"a@b.example"}""");

        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json(refused).get("errors").findValuesAsText("field")).containsExactly("commitments");
    }

    @Test
    void a_body_larger_than_any_pledge_request_is_413_before_it_is_read() {
        String huge = "{\"name\":\"" + "x".repeat(20_000) + "\"}";

        HttpResponse<String> refused = ingest.post("/v1/pledge-requests", null, IngestServer.JSON, huge);

        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type")).get().asString().startsWith("application/problem+json");
    }

    @Test
    void the_form_page_is_plain_html_with_the_pledge_text_for_both_kinds_of_organization_and_a_page_policy() {
        HttpResponse<String> page = ingest.get("/pledge", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy")).contains(SecurityHeadersFilter.PAGE_CONTENT_SECURITY_POLICY);
        assertThat(page.body()).contains("<form method=\"post\" action=\"/pledge\"", "name=\"contactEmail\"",
                "value=\"DOWNLOAD_FROM_PORTAL\"", "value=\"BUILD_TOOLS\"", "<link rel=\"stylesheet\" href=\"/assets/site.css\">")
                .doesNotContain("<script", "style=");
        HttpResponse<String> css = ingest.get("/assets/site.css", null);
        assertThat(css.statusCode()).isEqualTo(200);
        assertThat(css.headers().firstValue("Content-Type")).get().asString().startsWith("text/css");
    }

    @Test
    void the_form_posted_without_javascript_answers_a_confirmation_and_stores_the_request() {
        HttpResponse<String> confirmation = ingest.post("/pledge", null, FORM,
                "organizationType=NON_DATA_HOLDER&name=Caf%C3%A9+%3Cb%3EBold%3C%2Fb%3E&category=EMPLOYER&state=MA&city=&postalCode=02115"
                        + "&website=&commitments=CEO_MESSAGE&commitments=SOCIAL_MEDIA&contactEmail=hr%40cafe.example");

        assertThat(confirmation.statusCode()).as(confirmation.body()).isEqualTo(200);
        assertThat(confirmation.body()).contains("your pledge request was received", "Café &lt;b&gt;Bold&lt;/b&gt;")
                .doesNotContain("<b>Bold", "hr@cafe.example");
        String requestId = confirmation.body().replaceAll("(?s).*<code>([0-9a-f-]{36})</code>.*", "$1");
        PledgeRequest stored = TopicContents.<PledgeRequest>valuesFor(stack, Topics.PLEDGE_REQUESTS.name(), requestId).get(0);
        assertThat(stored.getName()).isEqualTo("Café <b>Bold</b>");
        assertThat(stored.getCity()).isNull();
        assertThat(stored.getCommitments()).containsExactly(Commitment.CEO_MESSAGE, Commitment.SOCIAL_MEDIA);
    }

    @Test
    void the_form_posted_with_problems_comes_back_as_typed_with_each_problem_next_to_its_field() {
        HttpResponse<String> again = ingest.post("/pledge", null, FORM,
                "organizationType=DATA_HOLDER&name=%22Quoted%22+Clinic&category=EMPLOYER&state=MA&commitments=CEO_MESSAGE&contactEmail=nope");

        assertThat(again.statusCode()).isEqualTo(400);
        assertThat(again.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(again.body()).contains("There are 3 problems", "id=\"category-error\"", "id=\"commitments-error\"", "id=\"contactEmail-error\"",
                "value=\"&quot;Quoted&quot; Clinic\"", "value=\"DATA_HOLDER\" checked", "<option value=\"EMPLOYER\" selected>")
                .doesNotContain("id=\"name-error\"");
    }

    @Test
    void one_client_address_over_its_limit_gets_429_with_retry_after_counted_while_other_addresses_are_served() throws Exception {
        MeterRegistry meters = ingest.context().getBean(MeterRegistry.class);
        double before = limitedCount(meters);
        InetAddress flooder = InetAddress.getByName("127.0.0.77");

        int answered = 0;
        String limited = null;
        for (int i = 0; i < 60 && limited == null; i++) {
            String answer = rawPost(flooder, "/v1/pledge-requests", "{}");
            if (answer.startsWith("HTTP/1.1 429")) {
                limited = answer;
            } else {
                assertThat(answer).startsWith("HTTP/1.1 400");
                answered++;
            }
        }

        assertThat(limited).as("a 429 within 60 requests").isNotNull();
        assertThat(answered).isBetween(30, 45); // the burst of 30, plus what refilled at 1/s meanwhile
        assertThat(limited).containsIgnoringCase("Retry-After: 1").contains("application/problem+json", "rate-limited");
        assertThat(limitedCount(meters)).isEqualTo(before + 1);
        assertThat(ingest.post("/v1/pledge-requests", null, IngestServer.JSON, "{}").statusCode()).isEqualTo(400);
    }

    @Test
    void the_form_and_its_answers_look_right_in_a_browser() throws Exception {
        HeadlessBrowser browser = HeadlessBrowser.find().orElse(null);
        assumeTrue(browser != null, "no headless browser here (Debian: apt-get install chromium)");
        Path shots = Path.of("target", "pledge-screenshots");
        String url = "http://localhost:" + ingest.port();
        HttpServer pages = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        pages.createContext("/valid", submitting(url, "Harbor View Hospital", "HOSPITAL", "ops@harborview.example"));
        pages.createContext("/invalid", submitting(url, "Harbor View Hospital", "EMPLOYER", "ops@"));
        pages.start();
        try {
            String from = "http://localhost:" + pages.getAddress().getPort();

            browser.screenshot(url + "/pledge", shots.resolve("pledge-form.png"), 2300);
            String confirmation = browser.dumpDom(from + "/valid");
            browser.screenshot(from + "/valid", shots.resolve("pledge-confirmation.png"), 1000);
            String problems = browser.dumpDom(from + "/invalid");
            browser.screenshot(from + "/invalid", shots.resolve("pledge-problems.png"), 2500);

            assertThat(confirmation).contains("your pledge request was received", "Harbor View Hospital").doesNotContain("ops@harborview.example");
            assertThat(problems).contains("There are 2 problems",
                    "Category must fit the kind of organization you chose: Health care provider, Hospital");
            assertThat(Files.size(shots.resolve("pledge-form.png"))).isGreaterThan(20_000);
            assertThat(Files.size(shots.resolve("pledge-confirmation.png"))).isGreaterThan(10_000);
        } finally {
            pages.stop(0);
        }
    }

    /**
     * A page, served from another local origin as a web page would be, that posts the sign-up form the
     * way a person's browser does (a plain form submission) as soon as it loads.
     */
    private static HttpHandler submitting(String ingestUrl, String name, String category, String email) {
        byte[] page = """
                <!DOCTYPE html><html><body onload="document.forms[0].submit()"><form method="post" action="%s/pledge">
                <input name="organizationType" value="DATA_HOLDER"><input name="name" value="%s"><input name="category" value="%s">
                <input name="state" value="MA"><input name="city" value="Boston"><input name="postalCode" value="02110">
                <input name="website" value="https://harborview.example"><input name="commitments" value="DOWNLOAD_FROM_PORTAL">
                <input name="commitments" value="API_ACCESS"><input name="contactEmail" value="%s"></form></body></html>
                """.formatted(ingestUrl, name, category, email).getBytes(StandardCharsets.UTF_8);
        return exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/html;charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(page);
            }
        };
    }

    private static double limitedCount(MeterRegistry meters) {
        var counter = meters.find("bluebutton.public.requests.limited").tag("routes", "pledge").counter();
        return counter == null ? 0 : counter.count();
    }

    /** A POST from {@code from} (a loopback address of its own, so its limit is its own), as raw HTTP/1.1; the status line and headers. */
    private String rawPost(InetAddress from, String path, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), ingest.port(), from, 0)) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: " + bytes.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String submit(String name) {
        String unique = name + " " + NAMES.incrementAndGet();
        HttpResponse<String> sent = ingest.post("/v1/pledge-requests", null, IngestServer.JSON,
                clinicRequest(unique, "contact@" + name.toLowerCase().replace(' ', '-') + ".example"));
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(202);
        return json(sent).get("requestId").asText();
    }

    /** The number the name of the request got in {@link #submit}, from the stored request. */
    private String suffixOf(String requestId) {
        PledgeRequest stored = TopicContents.<PledgeRequest>valuesFor(stack, Topics.PLEDGE_REQUESTS.name(), requestId).get(0);
        return stored.getName().replaceAll(".* ", "");
    }

    private static String clinicRequest(String name, String email) {
        return """
                {"name":"%s","organizationType":"DATA_HOLDER","category":"PROVIDER","state":"MA","city":"Boston","postalCode":"02110",
                 "website":"https://clinic.example","commitments":["DOWNLOAD_FROM_PORTAL","DIRECT_TRANSMIT"],"contactEmail":"%s"}"""
                .formatted(name, email);
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException(response.body(), e);
        }
    }
}
