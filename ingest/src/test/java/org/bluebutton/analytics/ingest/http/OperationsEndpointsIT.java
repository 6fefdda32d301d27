package org.bluebutton.analytics.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.bluebutton.analytics.ingest.testing.IngestServer;
import org.bluebutton.analytics.ingest.testing.IngestServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Health, Prometheus metrics and the OpenAPI document, as operators and client developers use them;
 * no other management endpoint (beans, routes, env, thread dump, refresh, stop, ...) is served.
 */
@ExtendWith(IngestServerExtension.class)
class OperationsEndpointsIT {

    private final IngestServer ingest;

    OperationsEndpointsIT(IngestServer ingest) {
        this.ingest = ingest;
    }

    @Test
    void health_is_up_without_details_for_an_anonymous_caller() {
        HttpResponse<String> health = ingest.get("/health", null);

        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.body()).contains("\"status\":\"UP\"").doesNotContain("details", "clusterId", "organizationsLoaded");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/beans", "/routes", "/threaddump", "/env", "/env/bluebutton", "/info", "/loggers", "/loggers/ROOT",
        "/refresh", "/metrics", "/metrics/jvm.memory.used", "/caches", "/stop", "/health/liveness/details", "/management",
        "/actuator", "/actuator/health"})
    void no_other_management_path_is_served(String path) {
        HttpResponse<String> read = ingest.get(path, null);
        HttpResponse<String> write = ingest.post(path, null, IngestServer.JSON, "{}");

        assertThat(read.statusCode()).as("GET " + path).isIn(401, 404);
        assertThat(write.statusCode()).as("POST " + path).isIn(401, 404, 405);
    }

    @Test
    void prometheus_says_whether_the_organization_and_credential_views_are_current() {
        HttpResponse<String> metrics = ingest.get("/prometheus", null);

        assertThat(metrics.body()).contains("ingest_view_current{topic=\"bluebutton.api-credentials\"} 1.0",
                "ingest_view_current{topic=\"bluebutton.pledges\"} 1.0");
    }

    @Test
    void prometheus_counts_accepted_events_and_rejected_requests() {
        String key = ingest.hospitalWithKey("ops-metrics");
        ingest.post("/v1/organizations/ops-metrics/download-activity", key, IngestServer.JSON,
                "[{\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"2025-03-01T10:00:00Z\",\"channel\":\"VIEW\",\"count\":1}]");
        ingest.post("/v1/organizations/ops-metrics/download-activity", key, IngestServer.JSON, "[]");

        HttpResponse<String> metrics = ingest.get("/prometheus", null);

        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .contains("ingest_events_accepted_total{kind=\"download-activity\"")
                .contains("ingest_requests_rejected_total{reason=\"invalid-request\"")
                .contains("ingest_publish_seconds")
                .contains("http_server_requests_seconds");
    }

    @Test
    void the_openapi_document_describes_every_endpoint() {
        HttpResponse<String> document = ingest.get("/openapi/bluebutton-ingest-v1.yml", null);

        assertThat(document.statusCode()).isEqualTo(200);
        assertThat(document.body()).contains("/v1/organizations/{orgId}/download-activity", "/v1/organizations/{orgId}/monthly-stats",
                "/v1/organizations/{orgId}/api-keys", "/v1/organizations/{orgId}/withdrawal", "/v1/pledge-requests",
                "/v1/pledge-requests/{requestId}/approval", "/v1/pledge-requests/{requestId}/decline");
    }
}
