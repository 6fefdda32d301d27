package org.bluebutton.analytics.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.bluebutton.analytics.ingest.auth.ApiKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.ComposeContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The whole stack of docker-compose.yml on real containers, images built from the Dockerfile: an
 * organization created by staff through ingest sends activity (one batch sent twice, as a client's
 * retry) and access snapshots; both streams instances then give the same, exact figures, and the
 * report job publishes a manifest for the year.
 *
 * <p>Needs a Docker engine (skipped without one, by {@code disabledWithoutDocker}) and the
 * {@code docker compose} plugin (skipped without it): the images are built by the local Compose from
 * the repository, and the report job is run with it. The first run builds the images (minutes).
 *
 * <p>Figures of 2024 (all in March unless said): a download of 1, a day of 250 views, a transmit of 1;
 * the first batch re-sent (counted once); snapshots 125,000 (as of Feb 28) and 130,000 (Mar 31). The
 * stack starts empty, so the organization is the whole program.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeStackIT {

    private static final int YEAR = 2024;
    private static final Duration FIGURES_TIMEOUT = Duration.ofMinutes(3);

    private final ApiKey staffKey = ApiKey.generate(ApiKey.STAFF_PREFIX);
    private final String orgId = "mercy-general-" + UUID.randomUUID().toString().substring(0, 6);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private ComposeCli cli;
    private ComposeContainer stack;
    private String host;

    @BeforeAll
    void startTheStack() {
        cli = ComposeCli.find();
        Assumptions.assumeTrue(cli != null && cli.isPlugin(), "needs the 'docker compose' plugin to build the images and run the report job");
        // Free host ports instead of the defaults, so the test runs beside a stack someone already started.
        environment.put("KAFKA_HOST_PORT", freePort());
        environment.put("SCHEMA_REGISTRY_HOST_PORT", freePort());
        environment.put("INGEST_HOST_PORT", freePort());
        environment.put("STREAMS_1_HOST_PORT", freePort());
        environment.put("STREAMS_2_HOST_PORT", freePort());
        environment.put("REPORT_YEAR", String.valueOf(YEAR));
        environment.put("BLUEBUTTON_STAFF_KEY_SHA256", staffKey.secretSha256());
        stack = new ComposeContainer("bbpa", RepositoryFiles.composeFile().toFile())
                .withLocalCompose(true)
                .withBuild(true)
                .withEnv(environment)
                .withRemoveVolumes(true);
        for (String service : List.of("kafka", "schema-registry", "ingest", "streams-1", "streams-2")) {
            stack.waitingFor(service, Wait.forHealthcheck().withStartupTimeout(Duration.ofMinutes(5)));
        }
        stack.start();
        host = DockerClientFactory.instance().dockerHostIpAddress();
    }

    @AfterAll
    void stopTheStack() {
        if (stack != null) {
            stack.stop();
        }
    }

    @Test
    @Order(1)
    void activity_sent_through_ingest_gives_the_same_exact_figures_on_both_streams_instances() {
        String staff = "Bearer " + staffKey.reveal();
        assertThat(post("/v1/organizations", staff, "application/json", """
                {"orgId":"%s","name":"Mercy General Hospital","organizationType":"DATA_HOLDER","category":"HOSPITAL",
                 "state":"MA","city":"Boston","postalCode":"02114","website":"https://mercy.example.org",
                 "commitments":["DOWNLOAD_FROM_PORTAL","DIRECT_TRANSMIT"]}""".formatted(orgId)).statusCode()).isEqualTo(201);
        HttpResponse<String> issued = post("/v1/organizations/" + orgId + "/api-keys", staff, "application/json", "");
        assertThat(issued.statusCode()).isEqualTo(201);
        String organization = "Bearer " + read(issued.body()).get("apiKey").asText();

        String firstBatch = """
                [{"eventId":"%s","occurredAt":"2024-03-01T10:00:00Z","channel":"DOWNLOAD","format":"C_CDA","count":1},
                 {"eventId":"%s","occurredAt":"2024-03-01T00:00:00Z","intervalEnd":"2024-03-02T00:00:00Z","channel":"VIEW","count":250}]"""
                .formatted(UUID.randomUUID(), UUID.randomUUID());
        String activity = "/v1/organizations/" + orgId + "/download-activity";
        assertThat(post(activity, organization, "application/json", firstBatch).statusCode()).isEqualTo(202);
        assertThat(post(activity, organization, "application/json", firstBatch).statusCode()).as("a retry").isEqualTo(202);
        assertThat(post(activity, organization, "application/x-ndjson",
                "{\"eventId\":\"%s\",\"occurredAt\":\"2024-03-02T09:00:00Z\",\"channel\":\"TRANSMIT\",\"count\":1}\n"
                        .formatted(UUID.randomUUID())).statusCode()).isEqualTo(202);
        assertThat(post("/v1/organizations/" + orgId + "/access-snapshots", organization, "application/json", """
                [{"eventId":"%s","asOf":"2024-02-28","patientsWithAccess":125000,"patientsOffered":180000},
                 {"eventId":"%s","asOf":"2024-03-31","patientsWithAccess":130000,"patientsOffered":181000}]"""
                .formatted(UUID.randomUUID(), UUID.randomUUID())).statusCode()).isEqualTo(202);

        String summary = "/v1/program/summary?year=" + YEAR;
        String metrics = "/v1/organizations/" + orgId + "/metrics?from=" + YEAR + "&to=" + YEAR;
        JsonNode program = awaitOnBoth(summary, answer -> answer.at("/activity/views").asLong() >= 250
                && answer.at("/activity/transmits").asLong() >= 1 && answer.at("/patientsWithAccess").asLong() >= 130_000);
        JsonNode figures = awaitOnBoth(metrics, answer -> answer.at("/years/0/activity/transmits").asLong() >= 1
                && answer.at("/years/0/access/patientsWithAccess").asLong() >= 130_000);

        assertThat(program.at("/activity/downloads").asLong()).as("downloads, the retried one once").isEqualTo(1);
        assertThat(program.at("/activity/views").asLong()).isEqualTo(250);
        assertThat(program.at("/activity/transmits").asLong()).isEqualTo(1);
        assertThat(program.at("/patientsWithAccess").asLong()).as("the year's latest snapshot, not a sum").isEqualTo(130_000);
        assertThat(program.at("/organizationsReporting").asInt()).isEqualTo(1);
        assertThat(program.at("/months/2/activity/views").asLong()).as("March").isEqualTo(250);
        assertThat(figures.at("/organization/name").asText()).isEqualTo("Mercy General Hospital");
        assertThat(figures.at("/years")).hasSize(1);
        assertThat(figures.at("/years/0/activity/downloads").asLong()).isEqualTo(1);
        assertThat(figures.at("/years/0/activity/views").asLong()).isEqualTo(250);
        assertThat(figures.at("/years/0/months")).extracting(month -> month.get("month").asInt()).containsExactly(2, 3);
        // Whichever instance owns the organization's partition, the other routes to it: same answer.
        assertThat(getAsStaff(2, metrics)).isEqualTo(getAsStaff(1, metrics));
        assertThat(getAsStaff(2, summary)).isEqualTo(getAsStaff(1, summary));
    }

    @Test
    @Order(2)
    void the_report_job_publishes_a_manifest_for_the_year() throws IOException {
        String project = stack.getContainerByServiceName("ingest").orElseThrow().getContainerInfo().getConfig().getLabels()
                .get("com.docker.compose.project");

        ComposeCli.Result report = cli.run(RepositoryFiles.root(), List.of("-p", project, "--profile", "report", "run", "--rm", "--build", "report"),
                staffKey.secretSha256(), environment);
        ComposeCli.Result manifest = cli.run(RepositoryFiles.root(), List.of("-p", project, "--profile", "report", "run", "--rm", "--no-deps",
                "--entrypoint", "cat", "report", "/reports/" + YEAR + "/manifest.json"), staffKey.secretSha256(), environment);

        assertThat(report.exitCode()).as(report.output()).isZero();
        assertThat(manifest.exitCode()).as(manifest.output()).isZero();
        String text = manifest.output();
        JsonNode document = json.readTree(text.substring(text.indexOf('{'), text.lastIndexOf('}') + 1));
        assertThat(document.get("year").asInt()).isEqualTo(YEAR);
        assertThat(document.at("/files").findValuesAsText("path")).contains("report/annual-report-" + YEAR + ".html",
                "report/annual-report-" + YEAR + ".pdf");
        assertThat(document.at("/sources").toString()).contains("bluebutton.org-yearly-metrics");
    }

    /** Polls both instances until each answers 200 with figures {@code until} accepts; returns the first's. */
    private JsonNode awaitOnBoth(String path, java.util.function.Predicate<JsonNode> until) {
        AtomicReference<JsonNode> first = new AtomicReference<>();
        Awaitility.await(path).atMost(FIGURES_TIMEOUT).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
            JsonNode one = getAsStaff(1, path);
            JsonNode two = getAsStaff(2, path);
            first.set(one);
            return until.test(one) && until.test(two);
        });
        return first.get();
    }

    /** GET on streams instance 1 or 2 with the staff key; fails unless 200. */
    private JsonNode getAsStaff(int instance, String path) {
        String port = environment.get("STREAMS_" + instance + "_HOST_PORT");
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
                .header("Authorization", "Bearer " + staffKey.reveal()).GET().build());
        assertThat(response.statusCode()).as("GET %s on streams-%d: %s", path, instance, response.body()).isEqualTo(200);
        return read(response.body());
    }

    private HttpResponse<String> post(String path, String authorization, String contentType, String body) {
        return send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + environment.get("INGEST_HOST_PORT") + path))
                .header("Authorization", authorization).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(request.uri().toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode read(String body) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    private static String freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return String.valueOf(socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
