package org.bluebutton.analytics.reliability.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.bluebutton.analytics.contracts.ApiKey;

/**
 * A data holder's (or staff's) HTTP client of the pipeline's ingest. Every key it obtains is
 * remembered by the pipeline for the log scan. Transport failures are answers too ({@code status} 0),
 * so that a fault test can count and retry them.
 */
public final class IngestClient {

    /** {@code application/json}. */
    public static final String JSON = "application/json";
    /** {@code application/x-ndjson}. */
    public static final String NDJSON = "application/x-ndjson";
    /** {@code text/csv}. */
    public static final String CSV = "text/csv";

    private final ReliabilityPipeline pipeline;
    private final String ingestUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    IngestClient(ReliabilityPipeline pipeline, String ingestUrl) {
        this.pipeline = pipeline;
        this.ingestUrl = ingestUrl;
    }

    /** One answer: status (0 when the request failed in transport), body, Retry-After and Content-Type. */
    public record Answer(int status, String body, String retryAfter, String contentType) {
    }

    /** Sends a request; {@code key}, {@code contentType} and {@code body} may be null. */
    public Answer send(String method, String path, String key, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(ingestUrl + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Answer(response.statusCode(), response.body(), response.headers().firstValue("Retry-After").orElse(null),
                    response.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            return new Answer(0, e.toString(), null, "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POSTs a UTF-8 text body. */
    public Answer post(String path, String key, String contentType, String body) {
        return send("POST", path, key, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** Creates an active hospital (data holder) in Massachusetts as staff and returns a freshly issued key. */
    public String hospitalWithKey(String orgId) {
        Answer created = post("/v1/organizations", pipeline.staffKey(), JSON, """
                {"orgId":"%s","name":"Reliability %s","organizationType":"DATA_HOLDER","category":"HOSPITAL","state":"MA",
                 "website":"https://example.org","commitments":["DOWNLOAD_FROM_PORTAL","DIRECT_TRANSMIT"]}""".formatted(orgId, orgId));
        if (created.status() != 201) {
            throw new IllegalStateException("Could not create " + orgId + ": " + created.status() + " " + created.body());
        }
        return issueKey(orgId);
    }

    /** Issues (rotates) a key for {@code orgId} as staff. */
    public String issueKey(String orgId) {
        Answer issued = post("/v1/organizations/" + orgId + "/api-keys", pipeline.staffKey(), null, null);
        if (issued.status() != 201) {
            throw new IllegalStateException("Could not issue a key for " + orgId + ": " + issued.status() + " " + issued.body());
        }
        String key = issued.body().replaceAll(".*\"apiKey\":\"([^\"]+)\".*", "$1");
        pipeline.remember(ApiKey.parse(key).orElseThrow(() -> new IllegalStateException("not a key: issued for " + orgId)));
        return key;
    }
}
