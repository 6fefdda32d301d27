package org.bluebutton.analytics.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.LocalStackExtension;
import org.bluebutton.analytics.reporting.cli.ReportCommand;
import org.bluebutton.analytics.reporting.output.FileDigest;
import org.bluebutton.analytics.reporting.output.Manifest;
import org.bluebutton.analytics.reporting.snapshot.SourceTopics;
import org.bluebutton.analytics.schemas.event.FeaturedStory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report tool against the real local stack: known aggregates are produced to a prefixed set of
 * topics, the tool runs, and its output is read back with independent readers — DuckDB for the
 * Parquet files, jsoup for the HTML, PDFBox for the PDF's text.
 */
@ExtendWith(LocalStackExtension.class)
class AnnualReportIT {

    private static final String PREFIX = "report-it-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    /** The streams application of the fixture: its group has committed everything on the input topics. */
    private static final String STREAMS = PREFIX + "streams";
    private static SourceTopics topics;

    private final LocalStack stack;

    AnnualReportIT(LocalStack stack) {
        this.stack = stack;
    }

    @BeforeAll
    static void produceKnownAggregates(LocalStack stack) throws Exception {
        topics = KafkaFixtures.createTopics(stack, PREFIX);
        KafkaFixtures.produceFixture(stack, topics);
        KafkaFixtures.commitInputsAtTheirEnd(stack, STREAMS, PREFIX, 0);
    }

    private ReportOptions options(Path out) {
        return ReportOptions.localDefaults(ReportFixture.YEAR, out)
                .withConnection(stack.bootstrapServers(), stack.schemaRegistryUrl())
                .withTopicPrefix(PREFIX)
                .withStreams(new ReportOptions.StreamsCheck(STREAMS, Duration.ofSeconds(10), false));
    }

    /** The command's arguments for the fixture's topics and streams application, then {@code extra}. */
    private String[] args(Path out, String... extra) {
        return argsFor(out, STREAMS, extra);
    }

    private String[] argsFor(Path out, String streamsApplicationId, String... extra) {
        List<String> args = new ArrayList<>(List.of("--year", "2025", "--out", out.toString(), "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", stack.schemaRegistryUrl(), "--topic-prefix", PREFIX, "--streams-application-id", streamsApplicationId));
        args.addAll(List.of(extra));
        return args.toArray(String[]::new);
    }

    @Test
    void given_known_aggregates_when_the_command_runs_then_the_datasets_hold_exactly_the_latest_values_of_the_year(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("report-2025");
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int exit = ReportCommand.execute(args(out), new PrintStream(stdout, true, StandardCharsets.UTF_8), new PrintStream(stderr, true, StandardCharsets.UTF_8));

        assertThat(exit).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8).strip()).startsWith("report 2025: read ").contains("wrote 10 datasets").doesNotContain("\n");
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .contains("read " + PREFIX + "bluebutton.org-monthly-metrics: 8 records")
                .contains("wrote restricted/datasets/org_month/year=2025/part-00000.parquet (4 rows");

        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            assertThat(rows(duck, "SELECT org_id, month, views, downloads, transmits, api_accesses, events, patients_with_access, "
                    + "CAST(access_as_of AS VARCHAR), year FROM " + dataset(out, "org_month") + " ORDER BY org_id, month"))
                    .containsExactly(
                            List.of("alpha", 1, 1000L, 400L, 20L, 0L, 50L, 50_000L, "2025-01-31", 2025L),
                            List.of("alpha", 2, 900L, 450L, 30L, 0L, 45L, 52_000L, "2025-02-28", 2025L),
                            List.of("beta", 3, 5L, 3L, 0L, 0L, 2L, 8L, "2025-03-31", 2025L),
                            List.of("gamma", 1, 200L, 60L, 15L, 7L, 30L, 20_000L, "2025-01-15", 2025L));
            assertThat(rows(duck, "SELECT org_id, downloads, patients_with_access, months_with_activity, CAST(actions_per_patient AS VARCHAR) FROM "
                    + dataset(out, "org_year") + " ORDER BY org_id"))
                    .containsExactly(
                            List.of("alpha", 850L, 52_000L, 2, "0.0538"),
                            List.of("beta", 3L, 8L, 1, "1.0000"),
                            List.of("gamma", 60L, 20_000L, 1, "0.0141"),
                            java.util.Arrays.asList("wclinic", 70L, null, 1, null));
            assertThat(rows(duck, "SELECT org_id, status, CAST(withdrawn_at AS VARCHAR), pledged_in_year, active_at_year_end, "
                    + "array_to_string(commitments, ',') FROM " + dataset(out, "organizations") + " ORDER BY org_id"))
                    .containsExactly(
                            java.util.Arrays.asList("acme", "ACTIVE", null, true, true, "CEO_MESSAGE"),
                            java.util.Arrays.asList("alpha", "ACTIVE", null, false, true, "DOWNLOAD_FROM_PORTAL,DIRECT_TRANSMIT"),
                            java.util.Arrays.asList("beta", "ACTIVE", null, true, true, "DOWNLOAD_FROM_PORTAL,DIRECT_TRANSMIT"),
                            java.util.Arrays.asList("gamma", "ACTIVE", null, false, true, "DOWNLOAD_FROM_PORTAL,DIRECT_TRANSMIT"),
                            java.util.Arrays.asList("wclinic", "WITHDRAWN", "2025-06-01 00:00:00+00", false, false, "DOWNLOAD_FROM_PORTAL,DIRECT_TRANSMIT"));
            assertThat(rows(duck, "SELECT state, views, patients_with_access FROM " + dataset(out, "state_metrics") + " WHERE period = 'YEAR' ORDER BY state"))
                    .containsExactly(List.of("MA", 1905L, 52_008L), List.of("NY", 200L, 20_000L));
            assertThat(rows(duck, "SELECT category, downloads FROM " + dataset(out, "category_metrics") + " WHERE period = 'YEAR' ORDER BY category"))
                    .containsExactly(List.of("HOSPITAL", 853L), List.of("PAYER", 60L));
            assertThat(rows(duck, "SELECT period, month, downloads FROM " + dataset(out, "program_metrics") + " ORDER BY period, month NULLS FIRST"))
                    .containsExactly(List.of("MONTH", 1, 460L), List.of("MONTH", 2, 450L), List.of("MONTH", 3, 3L),
                            java.util.Arrays.asList("YEAR", null, 913L));
            assertThat(rows(duck, "SELECT org_id, title, organization_type FROM " + dataset(out, "engagement_activities") + " ORDER BY org_id"))
                    .containsExactly(List.of("acme", "CEO asks every employee to download their records", "NON_DATA_HOLDER"),
                            List.of("alpha", "Portal day at Alpha", "DATA_HOLDER"));
            assertThat(rows(duck, "SELECT count(*), CAST(sum(active_at_end) AS BIGINT) FROM " + dataset(out, "pledge_counts"))).containsExactly(List.of(26L, 54L));
            assertThat(rows(duck, "SELECT source_topic, month, late_events, duplicate_events, dead_letters FROM " + dataset(out, "data_quality")
                    + " ORDER BY source_topic"))
                    .containsExactly(List.of("bluebutton.access-snapshots", 1, 0L, 1L, 0L), List.of("bluebutton.download-activity", 3, 2L, 5L, 1L));
            assertThat(rows(duck, "SELECT org_id, engagement_type, people_reached FROM " + dataset(out, "engagement_metrics") + " ORDER BY org_id"))
                    .containsExactly(List.of("acme", "CEO_MESSAGE", 4_200L), List.of("alpha", "CEO_MESSAGE", 0L));

            Map<String, String> organizationTypes = types(duck, dataset(out, "organizations"));
            assertThat(organizationTypes).containsEntry("pledged_at", "TIMESTAMP WITH TIME ZONE").containsEntry("commitments", "VARCHAR[]")
                    .containsEntry("pledged_in_year", "BOOLEAN").containsEntry("year", "BIGINT");
            assertThat(types(duck, dataset(out, "org_year"))).containsEntry("actions_per_patient", "DECIMAL(18,4)")
                    .containsEntry("access_as_of", "DATE").containsEntry("downloads", "BIGINT").containsEntry("months_with_activity", "INTEGER");
            assertThat(types(duck, dataset(out, "engagement_activities"))).containsEntry("occurred_on", "DATE")
                    .containsEntry("received_at", "TIMESTAMP WITH TIME ZONE");
            assertThat(rows(duck, "SELECT DISTINCT regexp_extract(filename, 'datasets/.*') FROM read_parquet('" + out
                    + "/restricted/datasets/**/*.parquet', filename=true, union_by_name=true) ORDER BY 1"))
                    .extracting(row -> (String) row.get(0))
                    .containsExactly("datasets/category_metrics/year=2025/part-00000.parquet", "datasets/data_quality/year=2025/part-00000.parquet",
                            "datasets/engagement_activities/year=2025/part-00000.parquet", "datasets/engagement_metrics/year=2025/part-00000.parquet",
                            "datasets/org_month/year=2025/part-00000.parquet", "datasets/org_year/year=2025/part-00000.parquet",
                            "datasets/organizations/year=2025/part-00000.parquet", "datasets/pledge_counts/year=2025/part-00000.parquet",
                            "datasets/program_metrics/year=2025/part-00000.parquet", "datasets/state_metrics/year=2025/part-00000.parquet");
            assertThat(rows(duck, "SELECT DISTINCT compression FROM parquet_metadata('" + out + "/restricted/datasets/**/*.parquet')"))
                    .containsExactly(List.of("ZSTD"));
        }
    }

    @Test
    void given_known_aggregates_when_the_report_runs_then_html_and_pdf_show_the_suppressed_headline_numbers(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("report");

        AnnualReport.run(options(out), ReportProgress.silent());

        Document html = Jsoup.parse(out.resolve("public/annual-report-2025.html").toFile(), "UTF-8");
        assertThat(html.title()).isEqualTo("Blue Button Pledge Program — Annual Report 2025");
        assertThat(html.select("tr[data-metric=patients-with-access] td.value").text()).isEqualTo("72,008");
        assertThat(html.select("tr[data-metric=patients-with-access] td.change").text()).isEqualTo("+20.0%");
        assertThat(html.select("tr[data-metric=downloads] td.value").text()).isEqualTo("913");
        assertThat(html.select("tr[data-metric=data-holders-pledged] td.value").text()).isEqualTo("3");
        assertThat(html.select("tr[data-metric=non-data-holders-new] td.value").text()).isEqualTo("1");
        assertThat(html.select("tr[data-org=beta] td[data-measure=PATIENTS_WITH_ACCESS]").text()).isEqualTo("<11");
        assertThat(html.select("tr[data-org=alpha] td[data-measure=PATIENTS_WITH_ACCESS]").text()).isEqualTo("*");
        assertThat(html.select("tr[data-org=gamma] td[data-measure=PATIENTS_WITH_ACCESS]").text()).isEqualTo("20,000");
        assertThat(html.select("tr[data-org=wclinic]")).isEmpty();
        assertThat(html.select("article.story")).as("the employer's story and the data holder's").hasSize(2);
        assertThat(html.select("script")).isEmpty();
        assertThat(html.select("svg")).hasSize(4);

        try (PDDocument pdf = Loader.loadPDF(out.resolve("public/annual-report-2025.pdf").toFile())) {
            String text = new PDFTextStripper().getText(pdf);
            assertThat(pdf.getNumberOfPages()).isGreaterThanOrEqualTo(2);
            assertThat(text).contains("Annual Report 2025", "72,008", "+20.0%", "Acme Manufacturing", "<11", "Methodology");
            assertThat(pdf.getDocumentInformation().getCreationDate()).isNull();
        }
    }

    @Test
    void given_a_finished_run_then_the_manifest_names_the_snapshot_offsets_and_every_file_with_its_rows_and_checksum(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("report");

        AnnualReport.run(options(out), ReportProgress.silent());

        Manifest manifest = Manifest.readFrom(out);
        assertThat(manifest.year()).isEqualTo(2025);
        assertThat(manifest.toolVersion()).isEqualTo("0.1.0-SNAPSHOT");
        assertThat(manifest.sources()).extracting(Manifest.Source::topic)
                .containsExactlyElementsOf(topics.all().stream().map(t -> t.name()).toList());
        Map<String, Map<Integer, Long>> endOffsets = endOffsets();
        for (Manifest.Source source : manifest.sources()) {
            assertThat(source.endOffsets()).as(source.topic()).isEqualTo(endOffsets.get(source.topic()));
        }
        assertThat(manifest.sources().stream().filter(s -> s.topic().endsWith("bluebutton.pledges")).findFirst().orElseThrow().recordsRead())
                .isEqualTo(8);
        List<String> onDisk;
        try (Stream<Path> files = Files.walk(out)) {
            onDisk = files.filter(Files::isRegularFile).map(f -> out.relativize(f).toString()).filter(p -> !p.equals("manifest.json")).sorted().toList();
        }
        assertThat(manifest.files()).extracting(Manifest.FileEntry::path).containsExactlyInAnyOrderElementsOf(onDisk);
        for (Manifest.FileEntry file : manifest.files()) {
            assertThat(file.sha256()).as(file.path()).isEqualTo(FileDigest.sha256(out.resolve(file.path())));
            assertThat(file.bytes()).isEqualTo(Files.size(out.resolve(file.path())));
        }
        assertThat(manifest.files()).filteredOn(f -> f.path().startsWith("restricted/datasets/org_month/")).singleElement()
                .extracting(Manifest.FileEntry::rows).isEqualTo(4L);
        assertThat(manifest.files()).filteredOn(f -> f.path().endsWith(".pdf")).singleElement()
                .extracting(Manifest.FileEntry::rows).isNull();
    }

    @Test
    void given_the_same_offsets_when_the_report_runs_again_then_every_file_is_byte_identical_and_the_old_output_is_replaced(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("report");
        Manifest first = AnnualReport.run(options(out), ReportProgress.silent()).manifest();
        Map<String, String> firstHashes = hashes(out);

        Manifest second = AnnualReport.run(options(out), ReportProgress.silent()).manifest();

        assertThat(second.files()).isEqualTo(first.files());
        assertThat(second.sources()).isEqualTo(first.sources());
        Map<String, String> secondHashes = hashes(out);
        secondHashes.remove("manifest.json");
        firstHashes.remove("manifest.json");
        assertThat(secondHashes).isEqualTo(firstHashes).hasSize(17);
        assertThat(siblingsOf(out)).containsExactlyInAnyOrder("report", ".report.lock");
    }

    @Test
    void given_a_previous_output_when_a_run_fails_after_writing_some_files_then_the_previous_output_is_untouched(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("report");
        AnnualReport.run(options(out), ReportProgress.silent());
        Files.writeString(out.resolve("marker.txt"), "previous run");
        Map<String, String> before = hashes(out);
        List<String> written = new ArrayList<>();
        ReportProgress failing = new ReportProgress() {
            @Override
            public void fileWritten(String relativePath, long rows, long bytes) {
                written.add(relativePath);
                if (written.size() == 3) {
                    throw new IllegalStateException("injected failure after " + written);
                }
            }
        };

        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> AnnualReport.run(options(out), failing));

        assertThat(failure).hasMessageContaining("injected failure");
        assertThat(written).hasSize(3);
        assertThat(hashes(out)).isEqualTo(before);
        assertThat(siblingsOf(out)).containsExactlyInAnyOrder("report", ".report.lock");
    }

    @Test
    void given_a_previous_output_when_the_run_is_killed_midway_then_the_previous_output_is_untouched_and_the_next_run_cleans_up(@TempDir Path dir)
            throws Exception {
        Path out = dir.resolve("report");
        AnnualReport.run(options(out), ReportProgress.silent());
        Files.writeString(out.resolve("marker.txt"), "previous run");
        Map<String, String> before = hashes(out);

        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledReportMain.class.getName(), "4",
                "--year", "2025", "--out", out.toString(), "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", stack.schemaRegistryUrl(), "--topic-prefix", PREFIX, "--streams-application-id", STREAMS)
                .redirectErrorStream(true).start();
        String childOutput = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor()).as(childOutput).isEqualTo(KilledReportMain.KILLED_EXIT_CODE);

        assertThat(hashes(out)).isEqualTo(before);
        assertThat(siblingsOf(out)).as("the killed run's staging directory is left behind").anyMatch(name -> name.startsWith(".report.tmp-"));

        AnnualReport.run(options(out), ReportProgress.silent());
        assertThat(siblingsOf(out)).containsExactlyInAnyOrder("report", ".report.lock");
        assertThat(out.resolve("marker.txt")).doesNotExist();
    }

    @Test
    void given_a_record_written_after_the_offsets_were_fixed_then_the_report_does_not_use_it(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("report");
        ReportProgress writesDuringTheRun = new ReportProgress() {
            @Override
            public void snapshotFixed(int topics, long recordsToRead) {
                try (var producer = KafkaFixtures.avroProducer(stack, Map.of())) {
                    producer.send(new ProducerRecord<>(AnnualReportIT.topics.orgYearly().name(), ALPHA_2025, supersedingAlphaYear())).get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };

        ReportResult result = AnnualReport.run(options(out), writesDuringTheRun);

        Document html = Jsoup.parse(out.resolve("public/annual-report-2025.html").toFile(), "UTF-8");
        assertThat(html.select("tr[data-metric=patients-with-access] td.value").text()).isEqualTo("72,008");
        Manifest.Source orgYears = result.manifest().sources().stream().filter(s -> s.topic().equals(topics.orgYearly().name())).findFirst().orElseThrow();
        assertThat(orgYears.endOffsets().values().stream().mapToLong(Long::longValue).sum())
                .as("the record arrived after the snapshot: one more record on the topic than the snapshot's offsets cover")
                .isEqualTo(endOffsets().get(topics.orgYearly().name()).values().stream().mapToLong(Long::longValue).sum() - 1);

        try (var producer = KafkaFixtures.avroProducer(stack, Map.of())) { // put the fixture's value back for the other tests
            producer.send(new ProducerRecord<>(topics.orgYearly().name(), ALPHA_2025, originalAlphaYear())).get();
        }
    }

    @Test
    void given_an_open_transaction_on_a_source_topic_then_the_run_reads_committed_records_only_and_does_not_wait_for_it(@TempDir Path dir)
            throws Exception {
        Path out = dir.resolve("report");
        try (var transactional = KafkaFixtures.avroProducer(stack, Map.of("transactional.id", "report-it-" + UUID.randomUUID()))) {
            transactional.initTransactions();
            transactional.beginTransaction();
            transactional.send(new ProducerRecord<>(topics.orgYearly().name(), ALPHA_2025, supersedingAlphaYear())).get();
            transactional.flush();

            AnnualReport.run(options(out).withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(20)), ReportProgress.silent());

            Document html = Jsoup.parse(out.resolve("public/annual-report-2025.html").toFile(), "UTF-8");
            assertThat(html.select("tr[data-metric=patients-with-access] td.value").text()).isEqualTo("72,008");
            transactional.abortTransaction();
        }
    }

    private static final org.bluebutton.analytics.schemas.aggregate.OrgYearKey ALPHA_2025 = new org.bluebutton.analytics.schemas.aggregate.OrgYearKey(
            "alpha", 2025);

    private static org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics supersedingAlphaYear() {
        return org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics.newBuilder(originalAlphaYear())
                .setAccess(ReportFixture.access("2025-12-31", 999_999L)).build();
    }

    private static org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics originalAlphaYear() {
        return new org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics("alpha", 2025, ReportFixture.activity(1900, 850, 50, 0, 95),
                ReportFixture.access("2025-02-28", 52_000), 2, 2);
    }

    @Test
    void given_a_streams_application_that_has_not_committed_everything_it_read_then_the_command_exits_2_naming_the_lag(@TempDir Path dir)
            throws Exception {
        String lagging = PREFIX + "lagging-" + UUID.randomUUID().toString().substring(0, 4);
        KafkaFixtures.commitInputsAtTheirEnd(stack, lagging, PREFIX, 1);
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int exit = ReportCommand.execute(argsFor(dir.resolve("r"), lagging, "--streams-wait", "0"),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(stderr, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8))
                .contains("Streams application " + lagging + " has not committed everything it read after 0 s: up to ")
                .contains(PREFIX + "bluebutton.pledges-", " committed ")
                .contains("--ignore-streams-lag");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void given_the_lag_is_ignored_explicitly_then_the_report_is_published_and_the_manifest_records_the_lag(@TempDir Path dir) throws Exception {
        String lagging = PREFIX + "ignored-" + UUID.randomUUID().toString().substring(0, 4);
        KafkaFixtures.commitInputsAtTheirEnd(stack, lagging, PREFIX, 1);
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int exit = ReportCommand.execute(argsFor(dir.resolve("r"), lagging, "--streams-wait", "0", "--ignore-streams-lag"),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(stderr, true, StandardCharsets.UTF_8));

        assertThat(exit).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("streams application " + lagging + ": NOT caught up, running anyway");
        Manifest.StreamsCheck streams = Manifest.readFrom(dir.resolve("r")).streams();
        assertThat(streams.applicationId()).isEqualTo(lagging);
        assertThat(streams.caughtUp()).isFalse();
        assertThat(streams.lagIgnored()).isTrue();
        assertThat(streams.lag()).contains("records not committed", PREFIX + "bluebutton.pledges-");
    }

    @Test
    void given_a_finished_run_then_public_outputs_and_restricted_datasets_are_in_separate_folders_both_listed_in_the_manifest(@TempDir Path dir)
            throws Exception {
        Path out = dir.resolve("report");

        Manifest manifest = AnnualReport.run(options(out), ReportProgress.silent()).manifest();

        assertThat(manifest.streams()).isEqualTo(new Manifest.StreamsCheck(STREAMS, true, false, "caught up"));
        assertThat(manifest.files()).filteredOn(f -> f.access().equals(Manifest.PUBLIC)).extracting(Manifest.FileEntry::path)
                .containsExactly("public/annual-report-2025.html", "public/annual-report-2025.pdf", "public/tables/headline.csv",
                        "public/tables/program_months.csv", "public/tables/categories.csv", "public/tables/states.csv",
                        "public/tables/data_holders.csv");
        assertThat(manifest.files()).filteredOn(f -> f.access().equals(Manifest.RESTRICTED)).hasSize(10)
                .allSatisfy(f -> assertThat(f.path()).startsWith("restricted/datasets/").endsWith(".parquet"));
        assertThat(Files.readString(out.resolve("public/tables/data_holders.csv")))
                .startsWith("organization,category,state,patients_with_access,views,downloads,transmits,api_accesses\r\n")
                .contains("\r\nAlpha Hospital,Hospital,MA,*,")
                .contains("\r\nBeta Hospital,Hospital,MA,<11,")
                .contains("\r\nGamma Health Plan,Health plan or payer,NY,20000,")
                .doesNotContain("Westside Clinic");
        assertThat(Files.readString(out.resolve("public/tables/headline.csv"))).contains("\r\nPatients with access,72008,60000,+20.0%\r\n");
    }

    @Test
    void given_a_story_staff_marked_as_featured_then_the_report_tells_that_story_and_the_dataset_keeps_every_story(@TempDir Path dir)
            throws Exception {
        // Topics of their own: the other tests' reports keep the unmarked selection.
        String prefix = "it-featured-" + UUID.randomUUID().toString().substring(0, 8) + ".";
        String streams = "featured-streams-" + UUID.randomUUID();
        SourceTopics marked = KafkaFixtures.createTopics(stack, prefix);
        KafkaFixtures.produceFixture(stack, marked);
        KafkaFixtures.produceStoryMarks(stack, marked, new FeaturedStory("alpha", "11111111-1111-4111-8111-111111111111", true,
                "a data holder's own event", "staff-key-1", Instant.parse("2025-12-01T00:00:00Z")));
        KafkaFixtures.commitInputsAtTheirEnd(stack, streams, prefix, 0);
        Path out = dir.resolve("r");
        List<String> args = new ArrayList<>(List.of(argsFor(out, streams)));
        args.set(args.indexOf(PREFIX), prefix);

        int exit = ReportCommand.execute(args.toArray(String[]::new), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));

        assertThat(exit).isZero();
        Document html = Jsoup.parse(out.resolve("public/annual-report-2025.html").toFile(), "UTF-8");
        assertThat(html.select("article.story").eachAttr("data-event")).containsExactly("11111111-1111-4111-8111-111111111111");
        assertThat(html.text()).contains("Chosen by program staff: 1 story").doesNotContain("a data holder's own event");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            assertThat(rows(duck, "SELECT count(*) FROM " + dataset(out, "engagement_activities"))).containsExactly(List.of(2L));
        }
    }

    @Test
    void given_through_the_end_of_a_month_then_the_command_publishes_a_year_to_date_report_named_by_its_period(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("r");
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int exit = ReportCommand.execute(args(out, "--through", "2025-02-28"), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(stderr, true, StandardCharsets.UTF_8));

        assertThat(exit).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(Manifest.readFrom(out).through()).isEqualTo("2025-02-28");
        Document html = Jsoup.parse(out.resolve("public/report-2025-through-2025-02-28.html").toFile(), "UTF-8");
        assertThat(html.select("tr[data-metric=downloads] td.value").text()).as("alpha Jan 400 + Feb 450, gamma Jan 60").isEqualTo("910");
        assertThat(out.resolve("public/report-2025-through-2025-02-28.pdf")).exists();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:")) {
            assertThat(rows(duck, "SELECT max(month) FROM " + dataset(out, "org_month"))).containsExactly(List.of(2));
        }
    }

    @Test
    void given_pdftoppm_then_every_page_of_the_pdf_is_rendered_to_png_under_the_test_output_for_people_to_look_at(@TempDir Path dir) throws Exception {
        Path pdftoppm = Path.of("/usr/bin/pdftoppm");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(pdftoppm), "pdftoppm (Debian poppler-utils) is not installed");
        Path out = dir.resolve("report");
        AnnualReport.run(options(out), ReportProgress.silent());
        Path pages = Path.of("target", "report-pages");
        Files.createDirectories(pages);

        Process render = new ProcessBuilder(pdftoppm.toString(), "-r", "60", "-png", out.resolve("public/annual-report-2025.pdf").toString(),
                pages.resolve("annual-report-2025").toString()).redirectErrorStream(true).start();

        assertThat(render.waitFor()).isZero();
        try (PDDocument pdf = Loader.loadPDF(out.resolve("public/annual-report-2025.pdf").toFile());
             Stream<Path> pngs = Files.list(pages)) {
            assertThat(pngs.filter(p -> p.getFileName().toString().startsWith("annual-report-2025")).count()).isEqualTo(pdf.getNumberOfPages());
        }
    }

    @Test
    void given_topics_that_do_not_exist_when_the_command_runs_then_it_exits_2_naming_them(@TempDir Path dir) {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        int exit = ReportCommand.execute(new String[] {"--year", "2025", "--out", dir.resolve("r").toString(), "--bootstrap-servers",
                stack.bootstrapServers(), "--schema-registry-url", stack.schemaRegistryUrl(), "--topic-prefix", "nothing-here."},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(stderr, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("nothing-here.bluebutton.pledges", "nothing-here.bluebutton.rollup-metrics");
        assertThat(dir.resolve("r")).doesNotExist();
    }

    @Test
    void given_an_unreachable_registry_when_the_command_runs_then_it_exits_2_naming_the_url(@TempDir Path dir) {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        String url = "http://localhost:1/apis/ccompat/v7";

        int exit = ReportCommand.execute(new String[] {"--year", "2025", "--out", dir.resolve("r").toString(), "--bootstrap-servers",
                stack.bootstrapServers(), "--schema-registry-url", url, "--topic-prefix", PREFIX, "--streams-application-id", STREAMS, "--connect-timeout", "3"},
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(stderr, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(stderr.toString(StandardCharsets.UTF_8)).contains("Schema registry at " + url);
    }

    private Map<String, Map<Integer, Long>> endOffsets() {
        Map<String, Object> config = stack.consumerConfig("report-it-" + UUID.randomUUID());
        config.put("isolation.level", "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Map<String, Map<Integer, Long>> offsets = new LinkedHashMap<>();
            for (var topic : topics.all()) {
                List<TopicPartition> partitions = new ArrayList<>();
                for (int p = 0; p < topic.partitions(); p++) {
                    partitions.add(new TopicPartition(topic.name(), p));
                }
                Map<Integer, Long> byPartition = new TreeMap<>();
                consumer.endOffsets(partitions, Duration.ofSeconds(10)).forEach((tp, offset) -> byPartition.put(tp.partition(), offset));
                offsets.put(topic.name(), byPartition);
            }
            return offsets;
        }
    }

    private static String dataset(Path out, String name) {
        return "read_parquet('" + out + "/restricted/datasets/" + name + "/**/*.parquet', hive_partitioning=true)";
    }

    private static List<List<Object>> rows(Connection duck, String sql) throws SQLException {
        try (Statement statement = duck.createStatement(); ResultSet result = statement.executeQuery(sql)) {
            ResultSetMetaData meta = result.getMetaData();
            List<List<Object>> rows = new ArrayList<>();
            while (result.next()) {
                List<Object> row = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.add(result.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        }
    }

    private static Map<String, String> types(Connection duck, String relation) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        for (List<Object> row : rows(duck, "DESCRIBE SELECT * FROM " + relation)) {
            types.put((String) row.get(0), (String) row.get(1));
        }
        return types;
    }

    private static Map<String, String> hashes(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            Map<String, String> hashes = new TreeMap<>();
            files.filter(Files::isRegularFile).forEach(f -> hashes.put(root.relativize(f).toString(), FileDigest.sha256(f)));
            return hashes;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> siblingsOf(Path out) throws IOException {
        try (Stream<Path> siblings = Files.list(out.getParent())) {
            return siblings.map(p -> p.getFileName().toString()).toList();
        }
    }
}
