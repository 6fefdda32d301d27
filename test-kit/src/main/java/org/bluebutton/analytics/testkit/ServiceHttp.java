package org.bluebutton.analytics.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Calls one service (ingest or a query API) over plain HTTP, as a data holder's system or a staff
 * tool would: a bearer key, a content type, a body. Transport failures are {@link UncheckedIOException}
 * (a test that counts them catches it). Also the staff steps every suite needs first: an organization
 * and its key.
 */
public final class ServiceHttp {

    public static final String JSON = "application/json";
    public static final String NDJSON = "application/x-ndjson";
    public static final String CSV = "text/csv";
    /** How long a fixture waits, by default, while ingest cannot confirm its keys are current (20 tries, 0.5 s apart before). */
    private static final Duration KEYS_NOT_CURRENT_PATIENCE = Duration.ofSeconds(10);

    private final String baseUrl;
    private final Duration timeout;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A client of the service at {@code baseUrl} whose requests time out after {@code timeout}. */
    public ServiceHttp(String baseUrl, Duration timeout) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
    }

    /** Base URL of the service. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Sends a request; {@code key} and {@code contentType} may be null, {@code body} null for none. */
    public HttpResponse<String> send(String method, String path, String key, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Request " + method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends a UTF-8 text body (null for none). */
    public HttpResponse<String> send(String method, String path, String key, String contentType, String body) {
        return send(method, path, key, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** POSTs a UTF-8 text body. */
    public HttpResponse<String> post(String path, String key, String contentType, String body) {
        return send("POST", path, key, contentType, body);
    }

    /** GETs a path. */
    public HttpResponse<String> get(String path, String key) {
        return send("GET", path, key, null, (byte[]) null);
    }

    /**
     * Creates an active organization in Massachusetts through ingest's staff API and returns a freshly
     * issued key for it; {@code commitments} is a JSON array.
     */
    public String organizationWithKey(String staffKey, String orgId, String name, String type, String category, String commitments) {
        return organizationWithKey(staffKey, orgId, name, type, category, commitments, KEYS_NOT_CURRENT_PATIENCE);
    }

    /**
     * {@link #organizationWithKey(String, String, String, String, String, String)}, waiting up to {@code patience}
     * at each step while ingest cannot confirm its keys are current (a busy cluster needs longer than the default).
     */
    public String organizationWithKey(String staffKey, String orgId, String name, String type, String category, String commitments,
            Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        HttpResponse<String> created = postOnceAuthenticated(deadline, "/v1/organizations", staffKey, JSON, """
                {"orgId":"%s","name":"%s","organizationType":"%s","category":"%s","state":"MA",
                 "website":"https://example.org","commitments":%s}""".formatted(orgId, name, type, category, commitments));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Could not create " + orgId + ": " + created.statusCode() + " " + created.body());
        }
        return issueKey(staffKey, orgId, deadline);
    }

    /** Issues (rotates) a key for {@code orgId} through ingest's staff API. */
    public String issueKey(String staffKey, String orgId) {
        return issueKey(staffKey, orgId, System.nanoTime() + KEYS_NOT_CURRENT_PATIENCE.toNanos());
    }

    private String issueKey(String staffKey, String orgId, long deadline) {
        HttpResponse<String> issued = postOnceAuthenticated(deadline, "/v1/organizations/" + orgId + "/api-keys", staffKey, null, null);
        if (issued.statusCode() != 201) {
            throw new IllegalStateException("Could not issue a key for " + orgId + ": " + issued.statusCode() + " " + issued.body());
        }
        return issued.body().replaceAll(".*\"apiKey\":\"([^\"]+)\".*", "$1");
    }

    /**
     * POSTs, and asks again after the Retry-After a client is told to honour while the instance cannot
     * confirm its keys are current (refused before any work was done, so asking again is safe): a fixture
     * on a loaded machine must not fail on ingest failing closed for a moment.
     */
    private HttpResponse<String> postOnceAuthenticated(long deadlineNanos, String path, String key, String contentType, String body) {
        HttpResponse<String> answer = post(path, key, contentType, body);
        while (answer.statusCode() == 503 && answer.body().contains("credentials-not-current") && System.nanoTime() < deadlineNanos) {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return answer;
            }
            answer = post(path, key, contentType, body);
        }
        return answer;
    }
}
