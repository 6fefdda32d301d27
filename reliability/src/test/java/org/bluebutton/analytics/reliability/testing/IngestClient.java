package org.bluebutton.analytics.reliability.testing;

import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.testkit.ServiceHttp;

/**
 * A data holder's (or staff's) HTTP client of the pipeline's ingest. Every key it obtains is
 * remembered by the pipeline for the log scan. Transport failures are answers too ({@code status} 0),
 * so that a fault test can count and retry them.
 */
public final class IngestClient {

    /** {@code application/json}. */
    public static final String JSON = ServiceHttp.JSON;
    /** {@code application/x-ndjson}. */
    public static final String NDJSON = ServiceHttp.NDJSON;
    /** {@code text/csv}. */
    public static final String CSV = ServiceHttp.CSV;

    private final PipelineUnderTest pipeline;
    private final ServiceHttp http;

    IngestClient(PipelineUnderTest pipeline, String ingestUrl) {
        this.pipeline = pipeline;
        this.http = new ServiceHttp(ingestUrl, Duration.ofSeconds(60));
    }

    /** One answer: status (0 when the request failed in transport), body, Retry-After and Content-Type. */
    public record Answer(int status, String body, String retryAfter, String contentType) {
    }

    /** Sends a request; {@code key}, {@code contentType} and {@code body} may be null. */
    public Answer send(String method, String path, String key, String contentType, byte[] body) {
        try {
            HttpResponse<String> response = http.send(method, path, key, contentType, body);
            return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Retry-After").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (UncheckedIOException e) {
            return new Answer(0, e.getCause().toString(), null, "");
        }
    }

    /** POSTs a UTF-8 text body. */
    public Answer post(String path, String key, String contentType, String body) {
        return send("POST", path, key, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** Creates an active hospital (data holder) in Massachusetts as staff and returns a freshly issued key. */
    public String hospitalWithKey(String orgId) {
        String key = http.organizationWithKey(pipeline.staffKey(), orgId, "Reliability " + orgId, "DATA_HOLDER", "HOSPITAL",
                "[\"DOWNLOAD_FROM_PORTAL\",\"DIRECT_TRANSMIT\"]");
        remember(orgId, key);
        return key;
    }

    /**
     * {@link #hospitalWithKey}, as a careful staff client does it on a busy cluster: each step asked again while
     * ingest answers 503 {@code credentials-not-current} (it cannot confirm its credential view against the
     * brokers), for up to {@code patience}.
     */
    public String hospitalWithKey(String orgId, Duration patience) {
        String key = http.organizationWithKey(pipeline.staffKey(), orgId, "Reliability " + orgId, "DATA_HOLDER", "HOSPITAL",
                "[\"DOWNLOAD_FROM_PORTAL\",\"DIRECT_TRANSMIT\"]", patience);
        remember(orgId, key);
        return key;
    }

    /** Changes fields of {@code orgId}'s profile as staff (a JSON object of the fields). */
    public Answer changeProfileAsStaff(String orgId, String fields) {
        return send("PATCH", "/v1/organizations/" + orgId + "/profile", pipeline.staffKey(), JSON, fields.getBytes(StandardCharsets.UTF_8));
    }

    /** Issues (rotates) a key for {@code orgId} as staff. */
    public String issueKey(String orgId) {
        String key = http.issueKey(pipeline.staffKey(), orgId);
        remember(orgId, key);
        return key;
    }

    /** Creates a named staff account ({@code ADMINISTRATOR} or {@code ANALYST}) as the bootstrap administrator; returns its key. */
    public String staffAccount(String name, String role) {
        Answer created = post("/v1/staff-accounts", pipeline.staffKey(), JSON, "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
        return issuedStaffKey(name, created);
    }

    /** Rotates staff account {@code name}'s key as the bootstrap administrator; returns the new key. */
    public String rotateStaffKey(String name) {
        return issuedStaffKey(name, post("/v1/staff-accounts/" + name + "/key", pipeline.staffKey(), null, null));
    }

    /** Revokes staff account {@code name} as the bootstrap administrator. */
    public void revokeStaffAccount(String name) {
        Answer revoked = post("/v1/staff-accounts/" + name + "/revocation", pipeline.staffKey(), null, null);
        if (revoked.status() != 200) {
            throw new IllegalStateException("staff account " + name + " not revoked: " + revoked.status() + " " + revoked.body());
        }
    }

    private String issuedStaffKey(String name, Answer answer) {
        if (answer.status() != 201) {
            throw new IllegalStateException("no key issued for staff account " + name + ": " + answer.status() + " " + answer.body());
        }
        int start = answer.body().indexOf("\"staffKey\":\"") + 12;
        String key = answer.body().substring(start, answer.body().indexOf('"', start));
        remember(name, key);
        return key;
    }

    /**
     * Sends a pledge request (anonymous, as the public form does) for a hospital named {@code name} with
     * the contact {@code email}, remembered as personal data; returns the request id. A 429 (the
     * public routes' per-address limit, which the test JVM's many requests share) is waited out.
     */
    public String pledgeRequest(String name, String email) {
        pipeline.rememberPersonal(email);
        String body = ("{\"name\":\"%s\",\"organizationType\":\"DATA_HOLDER\",\"category\":\"HOSPITAL\",\"state\":\"MA\","
                + "\"city\":\"Worcester\",\"postalCode\":\"01608\",\"website\":\"https://hospital.example\","
                + "\"commitments\":[\"DOWNLOAD_FROM_PORTAL\",\"API_ACCESS\"],\"contactEmail\":\"%s\"}").formatted(name, email);
        Answer sent = post("/v1/pledge-requests", null, JSON, body);
        for (int tries = 0; sent.status() == 429 && tries < 30; tries++) {
            sleepSeconds(sent.retryAfter() == null ? 1 : Long.parseLong(sent.retryAfter()));
            sent = post("/v1/pledge-requests", null, JSON, body);
        }
        if (sent.status() != 202) {
            throw new IllegalStateException("Pledge request refused: " + sent.status() + " " + sent.body());
        }
        return sent.body().replaceAll(".*\"requestId\":\"([^\"]+)\".*", "$1");
    }

    /** Approves a pending request as staff under {@code orgId}; returns the organization's first key. */
    public String approve(String requestId, String orgId) {
        Answer approved = post("/v1/pledge-requests/" + requestId + "/approval", pipeline.staffKey(), JSON, "{\"orgId\":\"" + orgId + "\"}");
        if (approved.status() != 201) {
            throw new IllegalStateException("Approval refused: " + approved.status() + " " + approved.body());
        }
        String key = approved.body().replaceAll(".*\"apiKey\":\"(bbk_[^\"]+)\".*", "$1");
        remember(orgId, key);
        return key;
    }

    private static void sleepSeconds(long seconds) {
        try {
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void remember(String orgId, String key) {
        pipeline.remember(ApiKey.parse(key).orElseThrow(() -> new IllegalStateException("not a key: issued for " + orgId)));
    }
}
