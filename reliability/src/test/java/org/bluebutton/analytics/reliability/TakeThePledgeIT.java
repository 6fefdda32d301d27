package org.bluebutton.analytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.bluebutton.analytics.reliability.testing.IngestClient;
import org.bluebutton.analytics.reliability.testing.ReliabilityPipeline;
import org.bluebutton.analytics.testkit.ServiceHttp;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Taking the pledge on the deployed pipeline: an organization's request from the public route, staff's
 * approval, the organization's first event with the key staff handed over, counted by streams, and its
 * listing on the Hub (which links to the sign-up page) — without its contact e-mail anywhere public;
 * and a declined request, which creates nothing. (Bad input, 429 and deciding twice: ingest's
 * {@code PledgeRequestIT}; who may call each route: {@link AuthorizationSecurityIT}.)
 */
@Order(35)
class TakeThePledgeIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ReliabilityPipeline pipeline = ReliabilityPipeline.shared();
    private final IngestClient client = pipeline.ingestClient();
    private final ServiceHttp query = new ServiceHttp(pipeline.queryUrl(), Duration.ofSeconds(30));
    private final ServiceHttp ingest = new ServiceHttp(pipeline.ingestUrl(), Duration.ofSeconds(30));

    @Test
    void a_request_approved_by_staff_becomes_an_organization_whose_first_event_counts_and_that_the_hub_lists() throws Exception {
        String unique = Long.toString(System.nanoTime());
        String orgId = "pledged-" + unique;
        String email = "pledge-" + unique + "@pledged.example";
        String requestId = client.pledgeRequest("Pledged Hospital " + unique, email);

        JsonNode pending = json(ingest.get("/v1/pledge-requests", pipeline.staffKey()));
        assertThat(pending.get("requests").findValuesAsText("requestId")).contains(requestId);
        String key = client.approve(requestId, orgId);
        IngestClient.Answer firstEvent = client.post("/v1/organizations/" + orgId + "/download-activity", key, IngestClient.JSON,
                "[{\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"" + Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.SECONDS)
                        + "\",\"channel\":\"DOWNLOAD\",\"count\":3}]");

        assertThat(firstEvent.status()).as(firstEvent.body()).isEqualTo(202);
        int year = Instant.now().minusSeconds(60).atZone(ZoneOffset.UTC).getYear();
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            HttpResponse<String> figures = query.get("/v1/organizations/" + orgId + "/metrics?from=" + year + "&to=" + year, key);
            assertThat(figures.statusCode()).as(figures.body()).isEqualTo(200);
            assertThat(json(figures).at("/years/0/activity/downloads").asLong()).isEqualTo(3);
        });
        // The Hub answers from a snapshot refreshed every 30 s (the default this pipeline runs with).
        Awaitility.await().atMost(Duration.ofSeconds(75)).pollInterval(Duration.ofSeconds(1))
                .until(() -> query.get("/hub/v1/organizations/" + orgId, null).statusCode() == 200);
        HttpResponse<String> listing = query.get("/hub/v1/organizations/" + orgId, null);
        HttpResponse<String> page = query.get("/hub/organizations/" + orgId, null);
        assertThat(json(listing).toString()).contains("Pledged Hospital " + unique).doesNotContain(email);
        assertThat(page.body()).contains("Pledged Hospital " + unique).doesNotContain(email)
                .contains("<a href=\"" + pipeline.ingestUrl() + "/pledge\">Take the Pledge</a>");
        assertThat(query.get("/hub/v1/organizations?q=" + unique, null).body()).doesNotContain(email);
    }

    @Test
    void a_declined_request_creates_no_organization_and_keeps_the_reason() throws Exception {
        String unique = Long.toString(System.nanoTime());
        String requestId = client.pledgeRequest("Declined Hospital " + unique, "declined-" + unique + "@declined.example");

        IngestClient.Answer declined = client.post("/v1/pledge-requests/" + requestId + "/decline", pipeline.staffKey(), IngestClient.JSON,
                "{\"reason\":\"We could not confirm this organization\"}");

        assertThat(declined.status()).as(declined.body()).isEqualTo(200);
        JsonNode request = json(ingest.get("/v1/pledge-requests/" + requestId, pipeline.staffKey()));
        assertThat(request.get("status").asText()).isEqualTo("DECLINED");
        assertThat(request.get("declineReason").asText()).isEqualTo("We could not confirm this organization");
        assertThat(request.hasNonNull("orgId")).isFalse();
        assertThat(ingest.get("/v1/organizations/declined-hospital-" + unique, pipeline.staffKey()).statusCode()).isEqualTo(404);
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return JSON.readTree(response.body());
    }
}
