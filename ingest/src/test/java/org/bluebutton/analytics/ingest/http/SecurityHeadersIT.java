package org.bluebutton.analytics.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.UUID;
import org.bluebutton.analytics.ingest.testing.IngestServer;
import org.bluebutton.analytics.ingest.testing.IngestServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Every answer of ingest, success or error, JSON or not, carries the protective headers. */
@ExtendWith(IngestServerExtension.class)
class SecurityHeadersIT {

    private final IngestServer ingest;

    SecurityHeadersIT(IngestServer ingest) {
        this.ingest = ingest;
    }

    @Test
    void accepted_batches_refusals_unknown_routes_health_metrics_and_the_openapi_document_all_carry_them() {
        String key = ingest.hospitalWithKey("headers-clinic");
        String batch = "[{\"eventId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"2025-03-01T10:00:00Z\",\"channel\":\"VIEW\",\"count\":1}]";

        assertProtected(ingest.post("/v1/organizations/headers-clinic/download-activity", key, IngestServer.JSON, batch), 202);
        assertProtected(ingest.post("/v1/organizations/headers-clinic/download-activity", null, IngestServer.JSON, batch), 401);
        assertProtected(ingest.post("/v1/organizations/headers-clinic/download-activity", key, IngestServer.JSON, "[]"), 400);
        assertProtected(ingest.get("/v1/organizations/headers-clinic", key), 200);
        assertProtected(ingest.get("/nowhere", null), 404);
        assertProtected(ingest.get("/health", null), 200);
        assertProtected(ingest.get("/prometheus", null), 200);
        assertProtected(ingest.get("/openapi/bluebutton-ingest-v1.yml", null), 200);
    }

    @Test
    void a_newly_issued_key_is_never_cached() {
        ingest.hospitalWithKey("headers-rotated");

        HttpResponse<String> issued = ingest.post("/v1/organizations/headers-rotated/api-keys", ingest.staffKey(), null, null);

        assertProtected(issued, 201);
        assertThat(issued.headers().firstValue("Cache-Control")).contains("no-store");
    }

    private static void assertProtected(HttpResponse<String> response, int status) {
        String what = response.request().method() + " " + response.uri().getPath();
        assertThat(response.statusCode()).as(what + ": " + response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("X-Content-Type-Options")).as(what).contains("nosniff");
        assertThat(response.headers().firstValue("Content-Security-Policy")).as(what).contains(SecurityHeadersFilter.CONTENT_SECURITY_POLICY);
        assertThat(response.headers().firstValue("Content-Security-Policy")).as(what).get().asString()
                .doesNotContain("unsafe-inline").contains("frame-ancestors 'none'");
        assertThat(response.headers().firstValue("X-Frame-Options")).as(what).contains("DENY");
        assertThat(response.headers().firstValue("Cache-Control")).as(what).contains("no-store");
    }
}
