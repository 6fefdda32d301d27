package org.bluebutton.analytics.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.streams.KafkaStreams;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.streams.StreamsApplication;
import org.bluebutton.analytics.streams.query.QueryServer;
import org.bluebutton.analytics.streams.query.QuerySettings;
import picocli.CommandLine;

/**
 * The system under test for one scale: a fresh local stack (its own broker and registry), ingest in
 * this JVM (as {@code LocalPipeline} starts it), the pledged organizations with their API keys, and —
 * once the history is on the topics — one streams instance with its query API. A fresh stack per
 * scale keeps event time moving forward (history is loaded oldest first) and the figures of one scale
 * free of the previous one's data.
 */
public final class BenchPipeline implements AutoCloseable {

    private static final Duration STREAMS_CLOSE_TIMEOUT = Duration.ofSeconds(15);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A pledged organization and its API key. */
    public record Organization(String orgId, boolean dataHolder, String apiKey) {
    }

    private final LocalStack stack;
    private final ApiKey staffKey = ApiKey.generate(ApiKey.STAFF_PREFIX);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private final int ingestPort;
    private final ApplicationContext ingest;
    private final List<Organization> organizations = new ArrayList<>();
    private KafkaStreams streams;
    private QueryServer query;
    private int queryPort;
    private String applicationId;

    private BenchPipeline(LocalStack stack) {
        this.stack = stack;
        this.ingestPort = freePort();
        this.ingest = ApplicationContext.run(EmbeddedServer.class, Map.of(
                "micronaut.server.port", ingestPort,
                "bluebutton.ingest.kafka-bootstrap-servers", stack.bootstrapServers(),
                "bluebutton.ingest.schema-registry-url", stack.schemaRegistryUrl(),
                "bluebutton.ingest.staff-key-sha256", staffKey.secretSha256(),
                "bluebutton.ingest.replication-factor", 1,
                "bluebutton.ingest.register-schemas", true)).getApplicationContext();
    }

    /** Starts a temporary stack and ingest on it (topics created, schemas registered). */
    public static BenchPipeline start() {
        LocalStack stack = LocalStack.startTemporary();
        try {
            return new BenchPipeline(stack);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    /** The broker and registry. */
    public LocalStack stack() {
        return stack;
    }

    /** A shared HTTP/1.1 client (as data holders' batch uploaders use). */
    public HttpClient http() {
        return http;
    }

    /** Base URL of ingest. */
    public String ingestUrl() {
        return "http://localhost:" + ingestPort;
    }

    /** Base URL of the query API. */
    public String queryUrl() {
        return "http://localhost:" + queryPort;
    }

    /** {@code Authorization} header value of the staff key. */
    public String staffAuthorization() {
        return "Bearer " + staffKey.reveal();
    }

    /** SHA-256 of the staff key's secret, as services are configured with it. */
    public String staffKeySha256() {
        return staffKey.secretSha256();
    }

    /** The organizations registered so far. */
    public List<Organization> organizations() {
        return organizations;
    }

    /** The organizations that may report download activity. */
    public List<Organization> dataHolders() {
        return organizations.stream().filter(Organization::dataHolder).toList();
    }

    /**
     * Pledges {@code count} organizations through ingest's staff API, pledged at {@code pledgedAt}: two
     * in three are data holders (hospitals, providers, payers), the rest employers; each gets an API key.
     */
    public void registerOrganizations(int count, Instant pledgedAt) throws Exception {
        String[] dataHolderCategories = {"HOSPITAL", "PROVIDER", "PAYER"};
        String[] states = {"MA", "CA", "TX", "NY", "FL", "OH", "WA", "IL"};
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Organization>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> {
                    boolean dataHolder = n % 3 != 2;
                    String orgId = String.format("bench-org-%05d", n);
                    String body = JSON.writeValueAsString(Map.of(
                            "orgId", orgId,
                            "name", "Benchmark organization " + n,
                            "organizationType", dataHolder ? "DATA_HOLDER" : "NON_DATA_HOLDER",
                            "category", dataHolder ? dataHolderCategories[n % 3] : "EMPLOYER",
                            "state", states[n % states.length],
                            "commitments", dataHolder ? List.of("DOWNLOAD_FROM_PORTAL", "DIRECT_TRANSMIT") : List.of("EMPLOYEE_DIALOGUE"),
                            "pledgedAt", pledgedAt.toString()));
                    send(staffPost("/v1/organizations", body), 201);
                    JsonNode issued = JSON.readTree(send(staffPost("/v1/organizations/" + orgId + "/api-keys", ""), 201));
                    return new Organization(orgId, dataHolder, issued.get("apiKey").asText());
                }));
            }
            for (Future<Organization> f : futures) {
                organizations.add(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpRequest staffPost(String path, String body) {
        return HttpRequest.newBuilder(URI.create(ingestUrl() + path))
                .header("Authorization", staffAuthorization())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private String send(HttpRequest request, int expected) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new IllegalStateException(request.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /**
     * Starts a streams instance (new application id, so it reads every input topic from the start) and
     * its query API; returns the application id, which is also its consumer group.
     */
    public String startStreams(Path stateDirectory, Duration commitInterval) {
        applicationId = "bench-streams-" + System.currentTimeMillis();
        queryPort = freePort();
        StreamsApplication application = new StreamsApplication();
        new CommandLine(application).parseArgs(
                "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", stack.schemaRegistryUrl(),
                "--application-id", applicationId,
                "--state-dir", stateDirectory.toAbsolutePath().toString(),
                "--replication-factor", "1",
                "--commit-interval", commitInterval.toString(),
                "--http-port", Integer.toString(queryPort),
                "--staff-key-sha256", staffKey.secretSha256(),
                "--peer-secret", QuerySettings.newPeerSecret());
        streams = application.create();
        query = application.startQueryServer(streams);
        streams.start();
        return applicationId;
    }

    /** The running streams instance, if started. */
    public KafkaStreams streams() {
        return streams;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port: " + e.getMessage(), e);
        }
    }

    /** Stops ingest, the query API, streams and the stack, in that order (clients before the broker). */
    @Override
    public void close() {
        try {
            ingest.close();
            if (query != null) {
                query.close();
            }
            if (streams != null) {
                streams.close(STREAMS_CLOSE_TIMEOUT);
            }
        } finally {
            stack.close();
        }
    }
}
