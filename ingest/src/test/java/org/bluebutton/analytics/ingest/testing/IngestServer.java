package org.bluebutton.analytics.ingest.testing;

import io.micronaut.context.ApplicationContext;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.ingest.IngestService;
import org.bluebutton.analytics.ingest.config.IngestConfiguration;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.testkit.ServiceHttp;

/**
 * The ingest service started on a free port against the real local stack, with a known staff key,
 * and a plain HTTP client to call it exactly as a data holder's system would.
 */
public final class IngestServer implements AutoCloseable {

    public static final String JSON = ServiceHttp.JSON;
    public static final String NDJSON = ServiceHttp.NDJSON;
    public static final String CSV = ServiceHttp.CSV;

    private final LocalStack stack;
    private final ApiKey staffKey;
    private final IngestService server;
    private final ServiceHttp http;

    private IngestServer(LocalStack stack, ApiKey staffKey, UnaryOperator<IngestConfiguration.Builder> settings) {
        this.stack = stack;
        this.staffKey = staffKey;
        this.server = IngestService.start(settings.apply(IngestConfiguration.builder(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                        staffKey.secretSha256())
                .replicationFactor(1).registerSchemas(true).maxBlock(Duration.ofSeconds(3)).ackTimeout(Duration.ofSeconds(6))).build(), 0);
        this.http = new ServiceHttp(server.url(), Duration.ofSeconds(60));
    }

    /** Starts a server; stop it (before the stack) with {@link #close()}. */
    public static IngestServer start(LocalStack stack) {
        return start(stack, UnaryOperator.identity());
    }

    /** Starts a server with some settings changed from the tests' defaults; stop it with {@link #close()}. */
    public static IngestServer start(LocalStack stack, UnaryOperator<IngestConfiguration.Builder> settings) {
        return new IngestServer(stack, ApiKey.generate(ApiKey.STAFF_PREFIX), settings);
    }

    /** Another instance of the same deployment (same stack, same staff key), as a load balancer spreads calls over; close it too. */
    public IngestServer anotherInstance() {
        return new IngestServer(stack, staffKey, UnaryOperator.identity());
    }

    /** The base URL served. */
    public String url() {
        return server.url();
    }

    /** The port served. */
    public int port() {
        return server.port();
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
        return http.send(method, path, key, contentType, body);
    }

    /** POSTs a text body. */
    public HttpResponse<String> post(String path, String key, String contentType, String body) {
        return http.post(path, key, contentType, body);
    }

    /** GETs a path. */
    public HttpResponse<String> get(String path, String key) {
        return http.get(path, key);
    }

    /** Creates an active hospital (data holder) as staff and returns a freshly issued key for it. */
    public String hospitalWithKey(String orgId) {
        return http.organizationWithKey(staffKey(), orgId, "Test " + orgId, "DATA_HOLDER", "HOSPITAL", "[\"DOWNLOAD_FROM_PORTAL\",\"DIRECT_TRANSMIT\"]");
    }

    /** Creates an active employer (non-data holder) as staff and returns a freshly issued key for it. */
    public String employerWithKey(String orgId) {
        return http.organizationWithKey(staffKey(), orgId, "Test " + orgId, "NON_DATA_HOLDER", "EMPLOYER", "[\"CEO_MESSAGE\"]");
    }

    /** Issues (rotates) a key for {@code orgId} as staff. */
    public String issueKey(String orgId) {
        return http.issueKey(staffKey(), orgId);
    }

    /** Creates a named staff account as the bootstrap administrator and returns its key. */
    public String staffAccount(String name, String role) {
        HttpResponse<String> created = post("/v1/staff-accounts", staffKey(), JSON, "{\"name\":\"" + name + "\",\"role\":\"" + role + "\"}");
        if (created.statusCode() != 201) {
            throw new AssertionError("staff account " + name + " not created: " + created.statusCode() + " " + created.body());
        }
        return keyIn(created.body());
    }

    /** The {@code staffKey} field of an answer that issued a staff key. */
    public static String keyIn(String body) {
        int start = body.indexOf("\"staffKey\":\"") + 12;
        return body.substring(start, body.indexOf('"', start));
    }

    @Override
    public void close() {
        server.close();
    }
}
