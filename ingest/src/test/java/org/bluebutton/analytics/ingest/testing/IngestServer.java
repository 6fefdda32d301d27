package org.bluebutton.analytics.ingest.testing;

import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.ingest.IngestService;
import org.bluebutton.analytics.ingest.config.IngestConfiguration;
import org.bluebutton.analytics.localstack.LocalStack;

/**
 * The ingest service started on a free port against the real local stack, with a known staff key,
 * and a plain HTTP client to call it exactly as a data holder's system would.
 */
public final class IngestServer implements AutoCloseable {

    public static final String JSON = "application/json";
    public static final String NDJSON = "application/x-ndjson";
    public static final String CSV = "text/csv";

    private final ApiKey staffKey = ApiKey.generate(ApiKey.STAFF_PREFIX);
    private final IngestService server;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private IngestServer(LocalStack stack) {
        this.server = IngestService.start(IngestConfiguration.builder(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                        staffKey.secretSha256())
                .replicationFactor(1).registerSchemas(true).maxBlock(Duration.ofSeconds(3)).ackTimeout(Duration.ofSeconds(6)).build(), 0);
    }

    /** Starts a server; stop it (before the stack) with {@link #close()}. */
    public static IngestServer start(LocalStack stack) {
        return new IngestServer(stack);
    }

    /** The staff key this server accepts. */
    public String staffKey() {
        return staffKey.reveal();
    }

    /** The running application, for beans such as the meter registry. */
    public ApplicationContext context() {
        return server.context();
    }

    /** Sends a request; {@code key} and {@code contentType} may be null, {@code body} null for none. */
    public HttpResponse<String> send(String method, String path, String key, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path))
                .timeout(Duration.ofSeconds(60))
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
            throw new IllegalStateException("Request " + method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** POSTs a text body. */
    public HttpResponse<String> post(String path, String key, String contentType, String body) {
        return send("POST", path, key, contentType, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** GETs a path. */
    public HttpResponse<String> get(String path, String key) {
        return send("GET", path, key, null, null);
    }

    /** Creates an active hospital (data holder) as staff and returns a freshly issued key for it. */
    public String hospitalWithKey(String orgId) {
        return organizationWithKey(orgId, "DATA_HOLDER", "HOSPITAL", "[\"DOWNLOAD_FROM_PORTAL\",\"DIRECT_TRANSMIT\"]");
    }

    /** Creates an active employer (non-data holder) as staff and returns a freshly issued key for it. */
    public String employerWithKey(String orgId) {
        return organizationWithKey(orgId, "NON_DATA_HOLDER", "EMPLOYER", "[\"CEO_MESSAGE\"]");
    }

    private String organizationWithKey(String orgId, String type, String category, String commitments) {
        HttpResponse<String> created = post("/v1/organizations", staffKey(), JSON, """
                {"orgId":"%s","name":"Test %s","organizationType":"%s","category":"%s","state":"MA",
                 "website":"https://example.org","commitments":%s}""".formatted(orgId, orgId, type, category, commitments));
        if (created.statusCode() != 201) {
            throw new IllegalStateException("Could not create " + orgId + ": " + created.statusCode() + " " + created.body());
        }
        return issueKey(orgId);
    }

    /** Issues (rotates) a key for {@code orgId} as staff. */
    public String issueKey(String orgId) {
        HttpResponse<String> issued = post("/v1/organizations/" + orgId + "/api-keys", staffKey(), null, null);
        if (issued.statusCode() != 201) {
            throw new IllegalStateException("Could not issue a key for " + orgId + ": " + issued.statusCode() + " " + issued.body());
        }
        return issued.body().replaceAll(".*\"apiKey\":\"([^\"]+)\".*", "$1");
    }

    @Override
    public void close() {
        server.close();
    }
}
