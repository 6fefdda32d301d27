package org.bluebutton.analytics.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.localrun.ReportComparison;
import org.bluebutton.analytics.localrun.TruthComparison;
import org.bluebutton.analytics.localstack.process.ChildProcess;
import org.bluebutton.analytics.simulator.config.IngestConnection;
import org.bluebutton.analytics.simulator.config.SimulationConfig;
import org.bluebutton.analytics.simulator.run.SimulatorRun;
import org.bluebutton.analytics.simulator.truth.GroundTruth;
import org.bluebutton.analytics.streams.query.QuerySettings;
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
 * retry) and access snapshots, and both streams instances then give the same, exact figures; the
 * simulator's run gives exactly its ground truth on both; the report job's output equals it too.
 *
 * <p>Needs a Docker engine (skipped without one, by {@code disabledWithoutDocker}) and the
 * {@code docker compose} plugin (skipped without it): the images are built by the local Compose from
 * the repository, and the report job is run with it. The first run builds the images (minutes).
 *
 * <p>First, by hand, figures of 2019 (all in March unless said): a download of 1, a day of 250 views,
 * a transmit of 1; the first batch re-sent (counted once); snapshots 125,000 (as of Feb 28) and
 * 130,000 (Mar 31). The stack starts empty and the simulator uses later years, so the organization
 * is the whole program of 2019. It runs first because event time only moves forward: after the
 * simulator's events, a 2019 event would be late. Then the simulator plays 20 organizations over
 * the last two full years through ingest, and both instances must answer exactly its ground truth
 * ({@link TruthComparison}); the report job's datasets for the last year must equal it too
 * ({@link ReportComparison}).
 */
@Testcontainers(disabledWithoutDocker = true)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeStackIT {

    /** The hand-written scenario's year: before the simulated years, so neither changes the other's figures. */
    private static final int YEAR = 2019;
    private static final Duration FIGURES_TIMEOUT = Duration.ofMinutes(3);

    private final ApiKey staffKey = ApiKey.generate(ApiKey.STAFF_PREFIX);
    private final String orgId = "mercy-general-" + UUID.randomUUID().toString().substring(0, 6);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, String> environment = new LinkedHashMap<>();
    /** Small: 20 organizations, two years, half the default download volume. */
    private final SimulationConfig simulation = smallSimulation();
    private GroundTruth truth;
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
        environment.put("REPORT_YEAR", String.valueOf(simulation.startYear() + simulation.years() - 1));
        environment.put("BLUEBUTTON_STAFF_KEY_SHA256", staffKey.secretSha256());
        environment.put("BLUEBUTTON_PEER_SECRET", QuerySettings.newPeerSecret());
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
                [{"eventId":"%s","occurredAt":"2019-03-01T10:00:00Z","channel":"DOWNLOAD","format":"C_CDA","count":1},
                 {"eventId":"%s","occurredAt":"2019-03-01T00:00:00Z","intervalEnd":"2019-03-02T00:00:00Z","channel":"VIEW","count":250}]"""
                .formatted(UUID.randomUUID(), UUID.randomUUID());
        String activity = "/v1/organizations/" + orgId + "/download-activity";
        assertThat(post(activity, organization, "application/json", firstBatch).statusCode()).isEqualTo(202);
        assertThat(post(activity, organization, "application/json", firstBatch).statusCode()).as("a retry").isEqualTo(202);
        assertThat(post(activity, organization, "application/x-ndjson",
                "{\"eventId\":\"%s\",\"occurredAt\":\"2019-03-02T09:00:00Z\",\"channel\":\"TRANSMIT\",\"count\":1}\n"
                        .formatted(UUID.randomUUID())).statusCode()).isEqualTo(202);
        assertThat(post("/v1/organizations/" + orgId + "/access-snapshots", organization, "application/json", """
                [{"eventId":"%s","asOf":"2019-02-28","patientsWithAccess":125000,"patientsOffered":180000},
                 {"eventId":"%s","asOf":"2019-03-31","patientsWithAccess":130000,"patientsOffered":181000}]"""
                .formatted(UUID.randomUUID(), UUID.randomUUID())).statusCode()).isEqualTo(202);

        String summary = "/v1/program/summary?year=" + YEAR;
        String metrics = "/v1/organizations/" + orgId + "/metrics?from=" + YEAR + "&to=" + YEAR;
        // The year and each of its months are separate roll-ups, updated independently: each figure read below
        // (March's views; February's snapshot, compared between the instances) is awaited, not only the year's.
        JsonNode program = awaitOnBoth(summary, answer -> answer.at("/activity/views").asLong() >= 250
                && answer.at("/activity/transmits").asLong() >= 1 && answer.at("/patientsWithAccess").asLong() >= 130_000
                && answer.at("/months/2/activity/views").asLong() >= 250 && answer.at("/months/1/patientsWithAccess").asLong() >= 125_000);
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
    void both_streams_instances_answer_exactly_the_simulators_ground_truth() {
        truth = SimulatorRun.run(simulation, IngestConnection.of(URI.create("http://" + host + ":" + environment.get("INGEST_HOST_PORT")),
                staffKey.reveal()), System.out).truth();

        assertThat(truth.totals().countedEvents()).as("the simulation sent events").isPositive();
        for (int instance = 1; instance <= 2; instance++) {
            TruthComparison comparison = new TruthComparison("http://" + host + ":" + environment.get("STREAMS_" + instance + "_HOST_PORT"),
                    staffKey.reveal());
            AtomicReference<List<String>> differences = new AtomicReference<>(List.of("not compared yet"));
            Awaitility.await("streams-" + instance + " equals the ground truth").atMost(FIGURES_TIMEOUT).pollInterval(Duration.ofSeconds(2))
                    .ignoreExceptions().until(() -> {
                        differences.set(comparison.differences(truth));
                        return differences.get().isEmpty();
                    });
            assertThat(differences.get()).as("streams-%d vs ground truth", instance).isEmpty();
        }
    }

    @Test
    @Order(3)
    void the_report_job_publishes_datasets_equal_to_the_ground_truth_and_a_manifest() throws IOException, InterruptedException {
        Assumptions.assumeTrue(truth != null, "the simulation ran");
        int year = Integer.parseInt(environment.get("REPORT_YEAR"));
        String project = stack.getContainerByServiceName("ingest").orElseThrow().getContainerInfo().getConfig().getLabels()
                .get("com.docker.compose.project");
        Path work = Files.createTempDirectory("compose-report");
        Path archive = work.resolve("report.tar");

        ComposeCli.Result report = cli.run(RepositoryFiles.root(), List.of("-p", project, "--profile", "report", "run", "--rm", "--build", "report"),
                staffKey.secretSha256(), environment);
        // The output is in the named volume: copied out through the report image itself, as a tar stream.
        ComposeCli.Result copied = cli.run(RepositoryFiles.root(), List.of("-p", project, "--profile", "report", "run", "--rm", "--no-deps", "-T",
                "--entrypoint", "tar", "report", "-C", "/reports", "-cf", "-", String.valueOf(year)), staffKey.secretSha256(), environment, archive);
        Process untar = new ProcessBuilder("tar", "-xf", archive.toString(), "-C", work.toString()).inheritIO().start();

        assertThat(report.exitCode()).as(report.output()).isZero();
        assertThat(copied.exitCode()).as(copied.output()).isZero();
        assertThat(untar.waitFor()).isZero();
        Path out = work.resolve(String.valueOf(year));
        JsonNode manifest = json.readTree(out.resolve("manifest.json").toFile());
        assertThat(manifest.get("year").asInt()).isEqualTo(year);
        assertThat(manifest.at("/files").findValuesAsText("path")).contains("public/annual-report-" + year + ".html",
                "public/annual-report-" + year + ".pdf");
        assertThat(new ReportComparison(out).differences(truth, year)).as("report datasets vs ground truth").isEmpty();
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

    private static SimulationConfig smallSimulation() {
        SimulationConfig defaults = SimulationConfig.defaults(Clock.systemUTC());
        return new SimulationConfig(20, 2, defaults.startYear() + defaults.years() - 2, 7L, 0.5, "compose", defaults.grace());
    }

    private static String freePort() {
        return String.valueOf(ChildProcess.freePort());
    }
}
