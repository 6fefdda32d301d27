package org.bluebutton.analytics.localrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumingThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.bluebutton.analytics.harness.Pipeline;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.LocalStackExtension;
import org.bluebutton.analytics.localstack.process.ChildProcess;
import org.bluebutton.analytics.reporting.AnnualReport;
import org.bluebutton.analytics.reporting.ReportOptions;
import org.bluebutton.analytics.reporting.ReportProgress;
import org.bluebutton.analytics.reporting.ReportResult;
import org.bluebutton.analytics.reporting.catchup.CommittedCatchUp;
import org.bluebutton.analytics.simulator.config.IngestConnection;
import org.bluebutton.analytics.simulator.config.SimulationConfig;
import org.bluebutton.analytics.simulator.run.SimulatorRun;
import org.bluebutton.analytics.simulator.truth.Granularity;
import org.bluebutton.analytics.simulator.truth.GroundTruth;
import org.bluebutton.analytics.simulator.truth.RollupDimension;
import org.bluebutton.analytics.simulator.truth.RollupTruth;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole program end to end, as the local run plays it: the simulator drives the real ingest API,
 * streams aggregates on the real broker, and then the query API and the annual report's Parquet
 * datasets equal the simulator's ground truth exactly (checked by the local run's comparisons, and the
 * program year once more through DuckDB as an independent Parquet reader).
 */
@ExtendWith(LocalStackExtension.class)
class PipelineEndToEndIT {

    private final LocalStack stack;
    private final Path work;
    private final Pipeline pipeline;

    PipelineEndToEndIT(LocalStack stack) throws Exception {
        this.stack = stack;
        this.work = Files.createTempDirectory("end-to-end");
        this.pipeline = Pipeline.on(stack).stateDirectory(work.resolve("streams-state")).instanceId("local-run").start();
    }

    @AfterEach
    void stop() {
        pipeline.close();
        ChildProcess.deleteRecursively(work);
    }

    @Test
    void both_services_serve_their_own_openapi_document_from_one_process() throws Exception {
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> query = http.send(HttpRequest.newBuilder(URI.create(pipeline.queryUrl() + "/openapi/bluebutton-query-v1.yml")).build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> ingest = http.send(HttpRequest.newBuilder(URI.create(pipeline.ingestUrl() + "/openapi/bluebutton-ingest-v1.yml")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(query.statusCode()).isEqualTo(200);
        assertThat(query.body()).contains("/v1/program/summary").doesNotContain("/download-activity");
        assertThat(ingest.statusCode()).isEqualTo(200);
        assertThat(ingest.body()).contains("/download-activity").doesNotContain("/v1/program/summary");
    }

    @Test
    void the_query_api_and_the_annual_report_equal_the_simulators_ground_truth() throws Exception {
        SimulationConfig defaults = SimulationConfig.defaults(Clock.systemUTC());
        int lastYear = defaults.startYear() + defaults.years() - 1;
        SimulationConfig config = new SimulationConfig(40, 2, lastYear - 1, 7L, 0.5, "e2e", defaults.grace());

        GroundTruth truth = SimulatorRun.run(config, IngestConnection.of(URI.create(pipeline.ingestUrl()), pipeline.staffKey().reveal()),
                System.out).truth();
        List<String> apiDifferences = LocalRun.awaitTruth(new TruthComparison(pipeline.queryUrl(), pipeline.staffKey().reveal()), truth);
        String applicationId = pipeline.streams().settings().applicationId();
        assertThat(new CommittedCatchUp(stack.adminConfig(), applicationId, pipeline.streams().sourceTopics()).await(Duration.ofMinutes(2)).caughtUp())
                .as("streams committed everything it read").isTrue();
        ReportResult report = AnnualReport.run(ReportOptions.localDefaults(lastYear, work.resolve("out"))
                .withConnection(stack.bootstrapServers(), stack.schemaRegistryUrl())
                .withStreams(new ReportOptions.StreamsCheck(applicationId, Duration.ofSeconds(30), false)), ReportProgress.silent());
        List<String> reportDifferences = new ReportComparison(report.out()).differences(truth, lastYear);

        assertThat(truth.totals().countedEvents()).as("the simulation sent events").isPositive();
        assertThat(truth.totals().lateEvents()).as("some of them late").isPositive();
        assertThat(truth.totals().duplicateEvents()).as("some resent").isPositive();
        assertThat(apiDifferences).as("query API vs ground truth").isEmpty();
        assertThat(reportDifferences).as("report datasets vs ground truth").isEmpty();
        assertThat(report.manifest().streams().caughtUp()).as("the report checked streams itself").isTrue();
        RollupTruth program = ReportComparison.publishedRollups(truth, lastYear).stream()
                .filter(r -> r.dimension() == RollupDimension.PROGRAM && r.granularity() == Granularity.YEAR).findFirst().orElseThrow();
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
             Statement sql = duckdb.createStatement();
             ResultSet row = sql.executeQuery("SELECT downloads, views, patients_with_access FROM read_parquet('"
                     + report.out().resolve("restricted/datasets/program_metrics") + "/**/*.parquet', hive_partitioning=true) "
                     + "WHERE period = 'YEAR' AND year = " + lastYear)) {
            assertThat(row.next()).isTrue();
            assertThat(row.getLong(1)).isEqualTo(program.activity().downloads());
            assertThat(row.getLong(2)).isEqualTo(program.activity().views());
            assertThat(row.getLong(3)).isEqualTo(program.patientsWithAccess());
        }
        // Every public output of the year together — the report's public tables and the Hub's answers, whose first
        // snapshot is read now, after the simulation — lets no reader work out a withheld figure.
        PublicOutputsReader reader = new PublicOutputsReader(report.out(), hubDataHolders(), lastYear);
        assertThat(reader.withheldInReport()).as("the simulated year has small figures to protect").isPositive();
        assertThat(reader.recovered()).as("withheld figures worked out from the report and the Hub together").isEmpty();
        Path browser = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        // The dashboard shows the live figures (the query API's roll-ups, over organizations active now), which the
        // report's period-end rule may differ from when an organization withdrew after the year.
        RollupTruth live = truth.rollups().stream().filter(r -> r.dimension() == RollupDimension.PROGRAM && r.granularity() == Granularity.YEAR
                && r.year() == lastYear).findFirst().orElseThrow();
        assumingThat(browser != null, () -> assertThat(dashboardDom(browser, LocalRun.dashboardUrl(pipeline.queryUrl(), lastYear)))
                .as("the dashboard the local run prints shows the last simulated year's downloads")
                .contains("<div class=\"value\">" + String.format(Locale.US, "%,d", live.activity().downloads())
                        + "</div><div class=\"label\">downloads</div>"));
    }

    /** Every data holder listed on the Hub, through its public JSON API, page by page. */
    private List<JsonNode> hubDataHolders() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> listings = new ArrayList<>();
        for (int page = 0; ; page++) {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(pipeline.queryUrl() + "/hub/v1/data-holders?size=500&page=" + page))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
            JsonNode items = json.readTree(answer.body()).at("/items");
            if (items.isEmpty()) {
                return listings;
            }
            items.forEach(listings::add);
        }
    }

    /** The dashboard at {@code url} as a headless browser renders it, opened with the staff key in the fragment (never sent to a server). */
    private String dashboardDom(Path browser, String url) throws Exception {
        Process chromium = new ProcessBuilder(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--virtual-time-budget=15000", "--dump-dom",
                url + "#key=" + pipeline.staffKey().reveal()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String dom = new String(chromium.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(chromium.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return dom;
    }
}
