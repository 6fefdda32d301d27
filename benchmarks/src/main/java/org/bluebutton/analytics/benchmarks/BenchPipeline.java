package org.bluebutton.analytics.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
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
import org.bluebutton.analytics.harness.Pipeline;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.reporting.catchup.CommittedCatchUp;

/**
 * The system under test for one scale: a fresh local stack (its own broker and registry), ingest in
 * this JVM (started by the pipeline harness, as the local run starts it), the pledged organizations with their API keys, and —
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

    private final Pipeline pipeline;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    private final List<Organization> organizations = new ArrayList<>();

    private BenchPipeline(Pipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** Starts a temporary stack and ingest on it (topics created, schemas registered). */
    public static BenchPipeline start() {
        return new BenchPipeline(Pipeline.onTemporaryStack().withoutStreams().start());
    }

    /** The broker and registry. */
    public LocalStack stack() {
        return pipeline.stack();
    }

    /** A shared HTTP/1.1 client (as data holders' batch uploaders use). */
    public HttpClient http() {
        return http;
    }

    /** Base URL of ingest. */
    public String ingestUrl() {
        return pipeline.ingestUrl();
    }

    /** Base URL of the query API. */
    public String queryUrl() {
        return pipeline.queryUrl();
    }

    /** {@code Authorization} header value of the staff key. */
    public String staffAuthorization() {
        return "Bearer " + pipeline.staffKey().reveal();
    }

    /** SHA-256 of the staff key's secret, as services are configured with it. */
    public String staffKeySha256() {
        return pipeline.staffKey().secretSha256();
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
        String applicationId = "bench-streams-" + System.currentTimeMillis();
        pipeline.startStreams(pipeline.streamsSettings().applicationId(applicationId).stateDir(stateDirectory).commitInterval(commitInterval)
                .build());
        return applicationId;
    }

    /** The running streams instance, if started. */
    public KafkaStreams streams() {
        return pipeline.streams() == null ? null : pipeline.streams().streams();
    }

    /** The rule "streams has committed everything it read", for the running instance (the local run's and the tests'). */
    public CommittedCatchUp catchUp() {
        if (pipeline.streams() == null) {
            throw new IllegalStateException("streams is not running");
        }
        return new CommittedCatchUp(pipeline.stack().adminConfig(), pipeline.streams().settings().applicationId(), pipeline.streams().sourceTopics());
    }

    /** Stops ingest, the query API, streams and the stack, in that order (clients before the broker). */
    @Override
    public void close() {
        pipeline.close();
    }
}
