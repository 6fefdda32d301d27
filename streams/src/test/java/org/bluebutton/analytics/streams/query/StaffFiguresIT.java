package org.bluebutton.analytics.streams.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.LocalStackExtension;
import org.bluebutton.analytics.schemas.event.AccessSnapshot;
import org.bluebutton.analytics.schemas.event.ActivityChannel;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.event.OrganizationCategory;
import org.bluebutton.analytics.schemas.registry.SchemaRegistration;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClient;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClientConfig;
import org.bluebutton.analytics.schemas.security.ApiCredential;
import org.bluebutton.analytics.schemas.serde.AvroSerializer;
import org.bluebutton.analytics.schemas.topic.TopicInitializer;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.testing.QueryClient;
import org.bluebutton.analytics.streams.testing.StaffKeys;
import org.bluebutton.analytics.streams.testing.StreamsInstance;
import org.bluebutton.analytics.testkit.SampleEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Rates and year-over-year change in the query API, and data holders reading their own figures, on the
 * real broker. This class runs in a JVM and on a local stack of its own (see the module's POM), so the
 * program's figures are exactly the fixture's:
 * <ul>
 *   <li>clinic (HOSPITAL, MA): March 2024 40 downloads and 100 views, snapshots 2,000 (Mar 31) and 2,500 (Dec 31);
 *       March 2025 90 downloads, 150 views, 5 transmits, snapshot 3,000 (Mar 31).</li>
 *   <li>payer (PAYER, NY): March 2024 10 downloads, snapshot 1,000; March 2025 30 downloads and 60 API accesses,
 *       snapshot of 0 patients (no rate).</li>
 *   <li>lab (LAB, MA): March 2025 7 downloads, never a snapshot (no rate).</li>
 * </ul>
 * The clinic also resends its March 2025 downloads (a duplicate) and sends 4 downloads of January 2024 after 2025's
 * (late): neither is counted, both are in the clinic's data quality.
 * Program 2025: 127 downloads, 150 views, 5 transmits, 60 API accesses over 3,000 patients; 2024: 50 downloads and
 * 100 views over 3,500 patients (the latest snapshot of each organization in the year, summed). An employer whose name
 * a spreadsheet would run as a formula checks the CSV exports.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffFiguresIT {

    private final QueryClient client = new QueryClient();
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final String clinic = "clinic-" + run;
    private final String payer = "payer-" + run;
    private final String lab = "lab-" + run;
    private final String employer = "employer-" + run;
    private final String formulaName = "=HYPERLINK(\"http://x.example\",\"Acme\"), Inc. " + run;
    private final ApiKey clinicKey = ApiKey.generate(ApiKey.ORGANIZATION_PREFIX);
    private final ApiKey payerKey = ApiKey.generate(ApiKey.ORGANIZATION_PREFIX);
    private final ApiKey labRotatedKey = ApiKey.generate(ApiKey.ORGANIZATION_PREFIX);
    private final ApiKey labKey = ApiKey.generate(ApiKey.ORGANIZATION_PREFIX);
    private StreamsInstance instance;

    @BeforeAll
    void startTheApplicationAndSendTwoYears(LocalStack stack) throws Exception {
        SchemaRegistryClient registry = new SchemaRegistryClient(SchemaRegistryClientConfig.of(stack.schemaRegistryUrl()));
        try (Admin admin = Admin.create(stack.adminConfig())) {
            new TopicInitializer(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
        }
        new SchemaRegistration(registry).registerAll(SchemaRegistration.subjectsOf(Topics.all()));
        instance = StreamsInstance.start(stack, "staff-figures-it-" + run, "only");
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(stack.producerConfig(), new StringSerializer(),
                new AvroSerializer<>(registry, false))) {
            send(producer, Topics.PLEDGES.name(), clinic, SampleEvents.hospitalPledge(clinic).setName("Riverside Clinic " + run)
                    .setPledgedAt(Instant.parse("2023-06-01T00:00:00Z")).build());
            send(producer, Topics.PLEDGES.name(), payer, SampleEvents.hospitalPledge(payer).setName("Empire Health " + run)
                    .setCategory(OrganizationCategory.PAYER).setState("NY").setPledgedAt(Instant.parse("2023-06-01T00:00:00Z")).build());
            send(producer, Topics.PLEDGES.name(), lab, SampleEvents.hospitalPledge(lab).setName("Quest Lab " + run)
                    .setCategory(OrganizationCategory.LAB).setPledgedAt(Instant.parse("2024-06-01T00:00:00Z")).build());
            send(producer, Topics.PLEDGES.name(), employer, SampleEvents.employerPledge(employer).setName(formulaName)
                    .setPledgedAt(Instant.parse("2024-02-01T00:00:00Z")).build());
            send(producer, Topics.API_CREDENTIALS.name(), clinic, credential(clinic, clinicKey, null));
            send(producer, Topics.API_CREDENTIALS.name(), payer, credential(payer, payerKey, Instant.parse("2025-06-01T00:00:00Z")));
            send(producer, Topics.API_CREDENTIALS.name(), lab, credential(lab, labRotatedKey, null));
            send(producer, Topics.API_CREDENTIALS.name(), lab, credential(lab, labKey, null)); // rotates the first key out

            // 2024 first, so that no 2024 event arrives after its month closed.
            send(producer, Topics.DOWNLOAD_ACTIVITY.name(), clinic, download(clinic, "2024-03-05T10:00:00Z", ActivityChannel.DOWNLOAD, 40));
            send(producer, Topics.DOWNLOAD_ACTIVITY.name(), clinic, download(clinic, "2024-03-06T10:00:00Z", ActivityChannel.VIEW, 100));
            send(producer, Topics.ACCESS_SNAPSHOTS.name(), clinic, snapshot(clinic, "2024-03-31", 2_000));
            send(producer, Topics.ACCESS_SNAPSHOTS.name(), clinic, snapshot(clinic, "2024-12-31", 2_500));
            send(producer, Topics.DOWNLOAD_ACTIVITY.name(), payer, download(payer, "2024-03-07T10:00:00Z", ActivityChannel.DOWNLOAD, 10));
            send(producer, Topics.ACCESS_SNAPSHOTS.name(), payer, snapshot(payer, "2024-03-31", 1_000));

            DownloadActivity clinicMarchDownloads = download(clinic, "2025-03-05T10:00:00Z", ActivityChannel.DOWNLOAD, 90);
            send(producer, Topics.DOWNLOAD_ACTIVITY.name(), clinic, clinicMarchDownloads);
            send(producer, Topics.DOWNLOAD_ACTIVITY.name(), clinic, download(clinic, "2025-03-06T10:00:00Z", ActivityChannel.VIEW, 150));
            send(producer, Topics.DOWNLOAD_ACTIVITY.name(), clinic, download(clinic, "2025-03-07T10:00:00Z", ActivityChannel.TRANSMIT, 5));
            send(producer, Topics.ACCESS_SNAPSHOTS.name(), clinic, snapshot(clinic, "2025-03-31", 3_000));
            send(producer, Topics.DOWNLOAD_ACTIVITY.name(), payer, download(payer, "2025-03-08T10:00:00Z", ActivityChannel.DOWNLOAD, 30));
            send(producer, Topics.DOWNLOAD_ACTIVITY.name(), payer, download(payer, "2025-03-09T10:00:00Z", ActivityChannel.API, 60));
            send(producer, Topics.ACCESS_SNAPSHOTS.name(), payer, snapshot(payer, "2025-03-31", 0));
            send(producer, Topics.DOWNLOAD_ACTIVITY.name(), lab, download(lab, "2025-03-10T10:00:00Z", ActivityChannel.DOWNLOAD, 7));

            // Set aside, not counted: a retry of the clinic's March downloads, and 4 downloads of January 2024 sent after March 2025.
            send(producer, Topics.DOWNLOAD_ACTIVITY.name(), clinic, clinicMarchDownloads);
            send(producer, Topics.DOWNLOAD_ACTIVITY.name(), clinic, download(clinic, "2024-01-10T10:00:00Z", ActivityChannel.DOWNLOAD, 4));
            producer.flush();
        }
    }

    @AfterAll
    void stopTheApplication() {
        if (instance != null) {
            instance.close();
        }
    }

    @Test
    void the_program_year_has_its_rates_over_the_patients_with_access() {
        JsonNode year = programYear2025();

        assertThat(decimal(year, "/rates/downloadRate")).isEqualByComparingTo("0.042333");
        assertThat(decimal(year, "/rates/viewsPerPatient")).isEqualByComparingTo("0.050000");
        assertThat(decimal(year, "/rates/transmitsPerPatient")).isEqualByComparingTo("0.001667");
        assertThat(decimal(year, "/rates/apiAccessesPerPatient")).isEqualByComparingTo("0.020000");
        assertThat(client.asStaff(instance.url() + "/v1/program/summary?year=2025").body())
                .as("six decimals, written as decimals").contains("\"downloadRate\":0.042333");
    }

    @Test
    void the_program_year_changes_from_the_year_before_in_counts_patients_and_rates() {
        JsonNode change = programYear2025().at("/yearOverYear");

        assertThat(change.at("/previousYear").asInt()).isEqualTo(2024);
        assertThat(decimal(change, "/downloads/previous")).isEqualByComparingTo("50");
        assertThat(decimal(change, "/downloads/current")).isEqualByComparingTo("127");
        assertThat(decimal(change, "/downloads/change")).isEqualByComparingTo("77");
        assertThat(decimal(change, "/downloads/percentChange")).isEqualByComparingTo("154.00");
        assertThat(decimal(change, "/patientsWithAccess/change")).isEqualByComparingTo("-500");
        assertThat(decimal(change, "/patientsWithAccess/percentChange")).isEqualByComparingTo("-14.29");
        assertThat(decimal(change, "/downloadRate/previous")).isEqualByComparingTo("0.014286");
        assertThat(decimal(change, "/downloadRate/change")).isEqualByComparingTo("0.028047");
        assertThat(decimal(change, "/downloadRate/percentChange")).isEqualByComparingTo("196.33");
        assertThat(decimal(change, "/viewsPerPatient/percentChange")).isEqualByComparingTo("75.00");
        assertThat(change.at("/apiAccesses/percentChange").isMissingNode()).as("no API accesses in 2024: no percentage of 0").isTrue();
        assertThat(decimal(change, "/apiAccesses/change")).isEqualByComparingTo("60");
    }

    @Test
    void each_month_of_the_year_changes_from_the_same_month_a_year_earlier() {
        JsonNode march = programYear2025().at("/months/2");

        assertThat(march.at("/month").asInt()).isEqualTo(3);
        assertThat(decimal(march, "/rates/downloadRate")).isEqualByComparingTo("0.042333");
        assertThat(march.at("/yearOverYear/previousMonth").asInt()).isEqualTo(3);
        assertThat(decimal(march, "/yearOverYear/downloadRate/previous")).as("50 over 2,000 + 1,000").isEqualByComparingTo("0.016667");
        assertThat(programYear2025().at("/months/0/rates").isMissingNode()).as("January: no patients, no rate").isTrue();
    }

    @Test
    void the_years_with_figures_name_the_latest_where_the_dashboard_opens() {
        programYear2025();

        JsonNode years = client.asStaff(instance.url() + "/v1/program/years").json();

        assertThat(years.at("/years")).extracting(JsonNode::asInt).containsExactly(2024, 2025);
        assertThat(years.at("/latest").asInt()).isEqualTo(2025);
    }

    @Test
    void a_category_without_patients_has_no_rate_and_every_category_changes_from_a_year_earlier() {
        JsonNode categories = client.awaitStaff(instance.url() + "/v1/breakdowns/category?year=2025",
                json -> group(json, "HOSPITAL").at("/activity/downloads").asLong() == 90 && group(json, "LAB").at("/activity/downloads").asLong() == 7
                        && group(json, "PAYER").at("/organizationsWithAccessFigures").asInt() == 1);

        assertThat(decimal(group(categories, "HOSPITAL"), "/rates/downloadRate")).isEqualByComparingTo("0.030000");
        assertThat(decimal(group(categories, "HOSPITAL"), "/yearOverYear/downloads/percentChange")).isEqualByComparingTo("125.00");
        assertThat(group(categories, "PAYER").at("/rates").isMissingNode()).as("a snapshot of 0 patients: no rate").isTrue();
        assertThat(decimal(group(categories, "PAYER"), "/yearOverYear/downloadRate/previous")).isEqualByComparingTo("0.010000");
        assertThat(group(categories, "PAYER").at("/yearOverYear/downloadRate/change").isMissingNode()).isTrue();
        assertThat(group(categories, "LAB").at("/rates").isMissingNode()).as("no snapshot: no rate").isTrue();
        assertThat(decimal(group(categories, "LAB"), "/yearOverYear/downloads/previous")).as("no figures in 2024").isEqualByComparingTo("0");
        assertThat(group(categories, "LAB").at("/yearOverYear/downloads/percentChange").isMissingNode()).isTrue();
    }

    @Test
    void an_organizations_year_and_month_have_rates_and_change_from_a_year_earlier() {
        JsonNode clinicFigures = clinicFigures("Bearer " + clinicKey.reveal());
        JsonNode year = clinicFigures.at("/years/0");
        JsonNode march = year.at("/months/0");

        assertThat(clinicFigures.at("/years")).as("2025 only: 2024 is read for the change").hasSize(1);
        assertThat(year.at("/year").asInt()).isEqualTo(2025);
        assertThat(decimal(year, "/rates/downloadRate")).isEqualByComparingTo("0.030000");
        assertThat(decimal(year, "/yearOverYear/patientsWithAccess/previous")).as("the 2024 year's latest snapshot").isEqualByComparingTo("2500");
        assertThat(decimal(year, "/yearOverYear/downloadRate/previous")).isEqualByComparingTo("0.016000");
        assertThat(decimal(year, "/yearOverYear/downloadRate/percentChange")).isEqualByComparingTo("87.50");
        assertThat(decimal(march, "/yearOverYear/downloadRate/previous")).isEqualByComparingTo("0.020000");
        assertThat(decimal(march, "/yearOverYear/downloadRate/percentChange")).isEqualByComparingTo("50.00");
    }

    @Test
    void an_organization_reads_its_own_figures_with_its_own_key() {
        JsonNode own = clinicFigures("Bearer " + clinicKey.reveal());

        assertThat(own.at("/organization/orgId").asText()).isEqualTo(clinic);
        assertThat(own).isEqualTo(clinicFigures("Bearer " + StaffKeys.KEY));
    }

    @Test
    void an_organization_is_refused_anothers_figures_and_the_staff_routes() {
        clinicFigures("Bearer " + clinicKey.reveal());

        QueryClient.Answer others = client.get(instance.url() + "/v1/organizations/" + lab + "/metrics?from=2025&to=2025", "Bearer " + clinicKey.reveal());
        QueryClient.Answer program = client.get(instance.url() + "/v1/program/summary?year=2025", "Bearer " + clinicKey.reveal());

        assertThat(others.status()).isEqualTo(403);
        assertThat(others.contentType()).startsWith("application/problem+json");
        assertThat(program.status()).isEqualTo(403);
        assertThat(others.body() + program.body()).doesNotContain(clinicKey.reveal().substring(17));
    }

    @Test
    void an_organization_reads_its_own_late_events_and_duplicates_in_the_month_they_happened() {
        String url = instance.url() + "/v1/organizations/" + clinic + "/data-quality?year=";

        JsonNode year2025 = clinicDataQuality(2025);
        JsonNode year2024 = clinicDataQuality(2024);

        String downloads = Topics.DOWNLOAD_ACTIVITY.name();
        assertThat(year2025.at("/months")).hasSize(1);
        assertThat(year2025.at("/months/0")).isEqualTo(quality(downloads, 3, 0, 0, 1));
        assertThat(year2025.at("/totals/0")).isEqualTo(quality(downloads, null, 0, 0, 1));
        assertThat(year2024.at("/months")).hasSize(1);
        assertThat(year2024.at("/months/0")).isEqualTo(quality(downloads, 1, 1, 4, 0));
        assertThat(client.get(url + "2025", "Bearer " + clinicKey.reveal()).json()).isEqualTo(year2025);
        assertThat(client.asStaff(instance.url() + "/v1/organizations/" + payer + "/data-quality?year=2025").json().at("/months")).isEmpty();
    }

    @Test
    void an_organization_is_refused_anothers_data_quality() {
        QueryClient.Answer others = client.get(instance.url() + "/v1/organizations/" + clinic + "/data-quality?year=2025",
                "Bearer " + labKey.reveal());

        assertThat(others.status()).isEqualTo(403);
        assertThat(others.contentType()).startsWith("application/problem+json");
    }

    @Test
    void rotated_and_revoked_organization_keys_are_not_credentials() {
        clinicFigures("Bearer " + clinicKey.reveal());
        String lab2025 = instance.url() + "/v1/organizations/" + lab + "/metrics?from=2025&to=2025";
        String payer2025 = instance.url() + "/v1/organizations/" + payer + "/metrics?from=2025&to=2025";

        assertThat(client.get(lab2025, "Bearer " + labRotatedKey.reveal()).status()).as("rotated out").isEqualTo(401);
        assertThat(client.get(lab2025, "Bearer " + labKey.reveal()).status()).as("the current key").isEqualTo(200);
        assertThat(client.get(payer2025, "Bearer " + payerKey.reveal()).status()).as("revoked").isEqualTo(401);
        assertThat(client.get(payer2025, "Bearer " + ApiKey.generate(ApiKey.ORGANIZATION_PREFIX).reveal()).status()).as("unknown").isEqualTo(401);
    }

    @Test
    void the_category_export_holds_what_the_json_answer_holds_read_back_as_rfc_4180() throws Exception {
        JsonNode categories = client.awaitStaff(instance.url() + "/v1/breakdowns/category?year=2025",
                json -> group(json, "HOSPITAL").at("/activity/downloads").asLong() == 90 && group(json, "LAB").at("/activity/downloads").asLong() == 7
                        && group(json, "PAYER").at("/organizationsWithAccessFigures").asInt() == 1
                        && group(json, "HOSPITAL").at("/yearOverYear/downloads/previous").asLong() == 40);

        QueryClient.Answer export = client.asStaff(instance.url() + "/v1/exports/categories?year=2025");
        List<CSVRecord> rows = csv(export);

        assertThat(export.contentType()).startsWith("text/csv");
        assertThat(export.body()).contains("\r\n");
        assertThat(rows).extracting(row -> row.get("category")).containsExactly("HOSPITAL", "LAB", "PAYER");
        for (CSVRecord row : rows) {
            JsonNode json = group(categories, row.get("category"));
            assertThat(Long.parseLong(row.get("downloads"))).isEqualTo(json.at("/activity/downloads").asLong());
            assertThat(Long.parseLong(row.get("api_accesses"))).isEqualTo(json.at("/activity/apiAccesses").asLong());
            assertThat(row.get("download_rate")).isEqualTo(json.at("/rates/downloadRate").isMissingNode() ? "" : json.at("/rates/downloadRate").decimalValue()
                    .setScale(6).toPlainString());
        }
        assertThat(rows.get(0).get("download_rate")).isEqualTo("0.030000");
        assertThat(rows.get(0).get("downloads_change_percent")).isEqualTo("125.00");
        assertThat(rows.get(2).get("download_rate")).as("0 patients: no rate, an empty field").isEmpty();
    }

    @Test
    void the_organization_list_is_searched_by_name_and_its_export_neutralises_a_formula_in_a_name() throws Exception {
        JsonNode found = client.awaitStaff(instance.url() + "/v1/organizations?q=ACME&size=10",
                json -> json.at("/items").findValuesAsText("orgId").contains(employer));

        List<CSVRecord> rows = csv(client.asStaff(instance.url() + "/v1/exports/organizations?q=acme"));

        assertThat(found.at("/items")).hasSize(1);
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0).get("org_id")).isEqualTo(employer);
        assertThat(rows.get(0).get("name")).isEqualTo("'" + formulaName);
    }

    @Test
    void the_commitments_summary_counts_active_organizations_per_commitment() {
        JsonNode commitments = client.awaitStaff(instance.url() + "/v1/commitments",
                json -> json.at("/activeDataHolders").asInt() == 3 && json.at("/activeNonDataHolders").asInt() == 1);

        assertThat(commitments.at("/commitments").findValuesAsText("commitment")).contains("DOWNLOAD_FROM_PORTAL", "CEO_MESSAGE");
        for (JsonNode row : commitments.at("/commitments")) {
            assertThat(row.get("organizations").asInt()).as(row.toString()).isEqualTo(row.get("organizationType").asText().equals("DATA_HOLDER") ? 3 : 1);
        }
    }

    @Test
    void an_organization_exports_its_own_months_and_not_anothers() throws Exception {
        clinicFigures("Bearer " + clinicKey.reveal());
        String own = instance.url() + "/v1/exports/organizations/" + clinic + "/months?from=2025&to=2025";

        QueryClient.Answer export = client.get(own, "Bearer " + clinicKey.reveal());
        QueryClient.Answer others = client.get(instance.url() + "/v1/exports/organizations/" + lab + "/months?from=2025&to=2025",
                "Bearer " + clinicKey.reveal());

        assertThat(export.status()).as(export.body()).isEqualTo(200);
        assertThat(csv(export)).extracting(row -> row.get("period") + " " + row.get("downloads") + " " + row.get("download_rate"))
                .containsExactly("2025 90 0.030000", "2025-03 90 0.030000");
        assertThat(others.status()).isEqualTo(403);
    }

    @Test
    void the_dashboard_opens_on_the_latest_year_with_figures_and_shows_rates_and_year_over_year_change() throws Exception {
        Path browser = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(browser != null, "no headless browser here (Debian: apt-get install chromium)");
        programYear2025();
        client.awaitStaff(instance.url() + "/v1/breakdowns/state?year=2025", json -> json.at("/groups").size() == 2);
        Path screenshots = Files.createDirectories(Path.of("target", "dashboard-screenshots"));

        String dom = chromium(browser, "--dump-dom", instance.url() + "/dashboard#key=" + StaffKeys.KEY);
        chromium(browser, "--screenshot=" + screenshots.resolve("dashboard-2025.png").toAbsolutePath(), instance.url() + "/dashboard#key=" + StaffKeys.KEY);

        assertThat(dom).as("no ?year: the latest year with figures").contains("<option value=\"2025\">2025</option>", "2025, compared with 2024");
        assertThat(dom).contains("<div class=\"value\">127</div><div class=\"label\">downloads</div><div class=\"change up\">▲ +154.00 % vs 2024 (50)</div>");
        assertThat(dom).contains("<div class=\"value\">4.23</div><div class=\"label\">download rate (per 100 patients with access)</div>");
        assertThat(dom).contains("<div class=\"value\">3,000</div><div class=\"label\">patients with access</div><div class=\"change down\">▼ -14.29 % vs 2024 (3,500)</div>");
        assertThat(dom).containsPattern("<rect[^>]*data-group=\"HOSPITAL\"");
        assertThat(dom).contains("<td>MA</td><td>97</td>", formulaName.replace("\"", "&quot;").substring(0, 10));
        assertThat(Files.size(screenshots.resolve("dashboard-2025.png"))).isGreaterThan(10_000);
    }

    @Test
    void the_dashboard_opens_an_organizations_page_with_its_years_months_rates_and_commitments() throws Exception {
        Path browser = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(browser != null, "no headless browser here (Debian: apt-get install chromium)");
        programYear2025();
        clinicFigures("Bearer " + StaffKeys.KEY);
        Path screenshots = Files.createDirectories(Path.of("target", "dashboard-screenshots"));
        clinicDataQuality(2025);
        String page = instance.url() + "/dashboard?year=2025&org=" + clinic + "#key=" + StaffKeys.KEY;

        String dom = chromium(browser, "--dump-dom", page);
        chromium(browser, "--screenshot=" + screenshots.resolve("organization-2025.png").toAbsolutePath(), page);

        assertThat(dom).contains("<h3 id=\"org-name\">Riverside Clinic " + run + " (" + clinic + ")</h3>");
        assertThat(dom).contains("<dt>commitments</dt><dd>download from portal, direct transmit, staff encourage use</dd>");
        assertThat(dom).contains("<td>2025</td><td>90</td><td>150</td><td>5</td><td>0</td><td>3,000 (2025-03-31)</td><td>3.00</td><td>+125.00 %</td>");
        assertThat(dom).contains("<td>2025-03</td><td>90</td>");
        assertThat(dom).contains("Data quality in 2025: 0 late events, 1 duplicate, 0 dead letters set aside.");
    }

    @Test
    void a_key_names_who_it_stands_for() {
        assertThat(client.get(instance.url() + "/v1/me", "Bearer " + clinicKey.reveal()).json().toString())
                .isEqualTo("{\"caller\":\"organization\",\"orgId\":\"" + clinic + "\"}");
        assertThat(client.asStaff(instance.url() + "/v1/me").json().toString()).isEqualTo("{\"caller\":\"staff\"}");
        assertThat(client.get(instance.url() + "/v1/me", "Bearer " + labRotatedKey.reveal()).status()).isEqualTo(401);
    }

    @Test
    void an_organization_sees_how_it_appears_on_the_hub_with_small_counts_withheld() {
        JsonNode lab2025 = client.awaitStaff(instance.url() + "/v1/organizations/" + lab + "/hub-appearance",
                json -> json.at("/latest/year").asInt() == 2025);
        QueryClient.Answer others = client.get(instance.url() + "/v1/organizations/" + lab + "/hub-appearance", "Bearer " + clinicKey.reveal());
        JsonNode employerAppearance = client.asStaff(instance.url() + "/v1/organizations/" + employer + "/hub-appearance").json();

        assertThat(client.get(instance.url() + "/v1/organizations/" + lab + "/hub-appearance", "Bearer " + labKey.reveal()).json()).isEqualTo(lab2025);
        assertThat(lab2025.at("/listed").asBoolean()).isTrue();
        assertThat(lab2025.at("/latest/downloads").isMissingNode()).as("7 downloads: withheld").isTrue();
        assertThat(lab2025.at("/latest/suppressed/0").asText()).isEqualTo("downloads");
        assertThat(others.status()).isEqualTo(403);
        // Non-data holders are listed too, in the Hub's apps, tools and campaigns, without figures.
        assertThat(employerAppearance.at("/listed").asBoolean()).isTrue();
        assertThat(employerAppearance.at("/latest").isMissingNode()).isTrue();
    }

    @Test
    void a_data_holder_sees_its_own_figures_and_hub_appearance_on_its_page_with_its_key() throws Exception {
        Path browser = Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome").map(Path::of)
                .filter(Files::isExecutable).findFirst().orElse(null);
        assumeTrue(browser != null, "no headless browser here (Debian: apt-get install chromium)");
        clinicFigures("Bearer " + clinicKey.reveal());
        client.awaitStaff(instance.url() + "/v1/organizations/" + clinic + "/hub-appearance", json -> json.at("/latest/year").asInt() == 2025);
        Path screenshots = Files.createDirectories(Path.of("target", "dashboard-screenshots"));
        clinicDataQuality(2024);
        clinicDataQuality(2025);
        String page = instance.url() + "/data-holder#key=" + clinicKey.reveal();

        String dom = chromium(browser, "--dump-dom", page);
        chromium(browser, "--screenshot=" + screenshots.resolve("data-holder.png").toAbsolutePath(), page);

        assertThat(dom).contains("<dt>name</dt><dd>Riverside Clinic " + run + "</dd>");
        assertThat(dom).contains("<td>2025</td><td>90</td><td>150</td><td>5</td><td>0</td><td>3,000 (2025-03-31)</td><td>3.00</td><td>+125.00 %</td>");
        assertThat(dom).contains("Listed on the Hub, offering: download, direct transmit."); // the Hub's own order
        assertThat(dom).contains("<td>2025-03</td><td>download activity</td><td>0</td><td>0</td><td>1</td><td>0</td>",
                "<td>2024-01</td><td>download activity</td><td>1</td><td>4</td><td>0</td><td>0</td>");
        // 5 transmits are withheld (1-10), and so are the 90 downloads: Massachusetts' published 97 minus them would give the lab's 7.
        assertThat(dom).contains("<dt>downloads</dt><dd>not shown</dd>", "<dt>transmits</dt><dd>not shown</dd>", "<dt>views</dt><dd>150</dd>");
        assertThat(dom).doesNotContain(clinicKey.reveal());
    }

    private static String chromium(Path browser, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of(browser.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,2600", "--virtual-time-budget=10000"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    private static List<CSVRecord> csv(QueryClient.Answer export) throws Exception {
        assertThat(export.status()).as(export.body()).isEqualTo(200);
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(export.body())).getRecords();
    }

    private JsonNode programYear2025() {
        return client.awaitStaff(instance.url() + "/v1/program/summary?year=2025",
                json -> json.at("/activity/downloads").asLong() == 127 && json.at("/patientsWithAccess").asLong() == 3_000
                        && json.at("/organizationsWithAccessFigures").asInt() == 2
                        && json.at("/yearOverYear/downloads/previous").asLong() == 50
                        && json.at("/yearOverYear/patientsWithAccess/previous").asLong() == 3_500
                        && json.at("/months/2/yearOverYear/patientsWithAccess/previous").asLong() == 3_000);
    }

    /** The clinic's 2025 once all its figures arrived, read with {@code authorization}. */
    private JsonNode clinicFigures(String authorization) {
        String url = instance.url() + "/v1/organizations/" + clinic + "/metrics?from=2025&to=2025";
        client.awaitStaff(url, json -> json.at("/years/0/activity/downloads").asLong() == 90
                && json.at("/years/0/access/patientsWithAccess").asLong() == 3_000
                && json.at("/years/0/yearOverYear/patientsWithAccess/previous").asLong() == 2_500);
        QueryClient.Answer answer = client.get(url, authorization);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json();
    }

    private static BigDecimal decimal(JsonNode json, String pointer) {
        JsonNode value = json.at(pointer);
        assertThat(value.isNumber()).as(pointer + " in " + json).isTrue();
        return value.decimalValue();
    }

    private static JsonNode group(JsonNode breakdown, String group) {
        for (JsonNode figures : breakdown.at("/groups")) {
            if (figures.get("group").asText().equals(group)) {
                return figures;
            }
        }
        return MissingNode.getInstance();
    }

    /** The clinic's data quality of a year, once its incidents are counted. */
    private JsonNode clinicDataQuality(int year) {
        return client.awaitStaff(instance.url() + "/v1/organizations/" + clinic + "/data-quality?year=" + year, json -> json.at("/totals").size() > 0);
    }

    /** One row of data-quality figures as the API answers it (a year's total has no month). */
    private static JsonNode quality(String topic, Integer month, int lateEvents, int lateCount, int duplicates) {
        ObjectNode figures = JsonNodeFactory.instance.objectNode().put("sourceTopic", topic);
        if (month != null) {
            figures.put("month", month);
        }
        return figures.put("lateEvents", lateEvents).put("lateCount", lateCount).put("duplicateEvents", duplicates).put("deadLetters", 0);
    }

    private static ApiCredential credential(String orgId, ApiKey key, Instant revokedAt) {
        return new ApiCredential(orgId, key.keyId(), key.secretSha256(), Instant.parse("2024-01-01T00:00:00Z"), revokedAt);
    }

    private static void send(KafkaProducer<String, SpecificRecord> producer, String topic, String key, SpecificRecord value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    private static DownloadActivity download(String orgId, String occurredAt, ActivityChannel channel, long count) {
        return SampleEvents.download(orgId).setOccurredAt(Instant.parse(occurredAt)).setReceivedAt(Instant.parse(occurredAt))
                .setChannel(channel).setCount(count).build();
    }

    private static AccessSnapshot snapshot(String orgId, String asOf, long patients) {
        return SampleEvents.accessSnapshot(orgId).setEventId(UUID.randomUUID().toString()).setAsOf(LocalDate.parse(asOf))
                .setPatientsWithAccess(patients).setReceivedAt(Instant.parse(asOf + "T12:00:00Z")).build();
    }
}
