package org.bluebutton.analytics.streams.query.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.bluebutton.analytics.contracts.ratelimit.RateLimit;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.LocalStackExtension;
import org.bluebutton.analytics.schemas.event.AccessSnapshot;
import org.bluebutton.analytics.schemas.event.ActivityChannel;
import org.bluebutton.analytics.schemas.event.Commitment;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.event.OrganizationCategory;
import org.bluebutton.analytics.schemas.event.OrganizationType;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.PledgeStatus;
import org.bluebutton.analytics.schemas.registry.SchemaRegistration;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClient;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClientConfig;
import org.bluebutton.analytics.schemas.serde.AvroSerializer;
import org.bluebutton.analytics.schemas.topic.TopicInitializer;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.testing.HeadlessBrowser;
import org.bluebutton.analytics.streams.testing.StaffKeys;
import org.bluebutton.analytics.streams.testing.StreamsInstance;
import org.bluebutton.analytics.testkit.SampleEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The public Blue Button Hub on the real broker, from pledges and events to its pages and JSON. Years
 * are relative to today, as the Hub shows completed years only ({@code Y} is this year):
 * <ul>
 *   <li>{@code hospital}, Mercy (MA, Boston 02115; download, Direct, API): in Y-1 250 downloads, 400 views,
 *       5 transmits (withheld) and 1,000 patients with access; 99 downloads in Y (not shown: the year runs).</li>
 *   <li>{@code payer}, Harbor Health Plan (NY, Albany 12207; API): in Y-2 7 downloads (withheld) and 500 patients.</li>
 *   <li>{@code pharmacy}, Sunrise (MA, Boston 02118; download), no figures.</li>
 *   <li>{@code practice}, a name with markup (MA, Springfield 01103), a website that is not a web address.</li>
 *   <li>{@code coalition}, an employers' coalition (OH, non-data holder: build tools, social media).</li>
 *   <li>{@code lab}, listed no more (it chose not to be); {@code clinic}, withdrawn.</li>
 * </ul>
 * Every name carries this run's token, so a search for it finds exactly this fixture.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HubIT {

    /** Lean by default for the shared build machines; the 1,000 a second for 30 s with -Dhub.flood.rate/-seconds (README). */
    private static final int FLOOD_RATE = 500;
    private static final int FLOOD_SECONDS = 20;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int THIS_YEAR = Year.now(ZoneOffset.UTC).getValue();
    private static final int COMPLETED = THIS_YEAR - 1;

    private final String run = "t" + UUID.randomUUID().toString().substring(0, 6);
    private final String hospital = "hospital-" + run;
    private final String payer = "payer-" + run;
    private final String pharmacy = "pharmacy-" + run;
    private final String practice = "practice-" + run;
    private final String coalition = "coalition-" + run;
    private final String lab = "lab-" + run;
    private final String clinic = "clinic-" + run;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private SchemaRegistryClient registry;
    private LocalStack stack;
    private StreamsInstance hub;

    @BeforeAll
    void startTheHubAndSendTheFixture(LocalStack stack) throws Exception {
        this.stack = stack;
        registry = new SchemaRegistryClient(SchemaRegistryClientConfig.of(stack.schemaRegistryUrl()));
        try (Admin admin = Admin.create(stack.adminConfig())) {
            new TopicInitializer(admin, (short) 1, Duration.ofSeconds(30)).ensure(Topics.all());
        }
        new SchemaRegistration(registry).registerAll(SchemaRegistration.subjectsOf(Topics.all()));
        hub = StreamsInstance.start(stack, "hub-it-" + run, "hub", settings -> settings.hubRefresh(Duration.ofSeconds(1))
                .publicRateLimit(new RateLimit(5_000, 10_000)));
        try (KafkaProducer<String, SpecificRecord> producer = producer()) {
            send(producer, Topics.PLEDGES.name(), hospital, pledge(hospital, "Mercy " + run + " Hospital", OrganizationCategory.HOSPITAL, "MA",
                    "Boston", "02115", List.of(Commitment.DOWNLOAD_FROM_PORTAL, Commitment.DIRECT_TRANSMIT, Commitment.API_ACCESS,
                            Commitment.STAFF_ENCOURAGE_USE)).build());
            send(producer, Topics.PLEDGES.name(), payer, pledge(payer, "Harbor " + run + " Health Plan", OrganizationCategory.PAYER, "NY", "Albany",
                    "12207", List.of(Commitment.API_ACCESS)).build());
            send(producer, Topics.PLEDGES.name(), pharmacy, pledge(pharmacy, "Sunrise " + run + " Pharmacy", OrganizationCategory.PHARMACY, "MA",
                    "Boston", "02118", List.of(Commitment.DOWNLOAD_FROM_PORTAL)).build());
            send(producer, Topics.PLEDGES.name(), practice, pledge(practice, "Smith & Jones <b>Family</b> Practice " + run,
                    OrganizationCategory.PROVIDER, "MA", "Springfield", "01103", List.of(Commitment.DOWNLOAD_FROM_PORTAL))
                    .setWebsite("javascript:alert(1)").build());
            send(producer, Topics.PLEDGES.name(), coalition, SampleEvents.employerPledge(coalition).setName(run + " Employers Coalition")
                    .setCity("Columbus").setCommitments(List.of(Commitment.BUILD_TOOLS, Commitment.SOCIAL_MEDIA)).build());
            send(producer, Topics.PLEDGES.name(), lab, pledge(lab, "Quest " + run + " Lab", OrganizationCategory.LAB, "MA", "Boston", "02116",
                    List.of(Commitment.DOWNLOAD_FROM_PORTAL)).setListedOnHub(false).build());
            send(producer, Topics.PLEDGES.name(), clinic, pledge(clinic, "Old " + run + " Clinic", OrganizationCategory.PROVIDER, "MA", "Boston",
                    "02110", List.of(Commitment.DOWNLOAD_FROM_PORTAL)).setStatus(PledgeStatus.WITHDRAWN).setWithdrawnAt(Instant.now()).build());
            // In event-time order: a month closes (grace) once its task has seen later events.
            send(producer, Topics.DOWNLOAD_ACTIVITY.name(), payer, download(payer, (THIS_YEAR - 2) + "-03-10T10:00:00Z", ActivityChannel.DOWNLOAD, 7));
            send(producer, Topics.ACCESS_SNAPSHOTS.name(), payer, snapshot(payer, (THIS_YEAR - 2) + "-06-30", 500));
            send(producer, Topics.DOWNLOAD_ACTIVITY.name(), hospital, download(hospital, COMPLETED + "-05-10T10:00:00Z", ActivityChannel.DOWNLOAD, 250));
            send(producer, Topics.DOWNLOAD_ACTIVITY.name(), hospital, download(hospital, COMPLETED + "-05-11T10:00:00Z", ActivityChannel.VIEW, 400));
            send(producer, Topics.DOWNLOAD_ACTIVITY.name(), hospital, download(hospital, COMPLETED + "-06-01T10:00:00Z", ActivityChannel.TRANSMIT, 5));
            send(producer, Topics.ACCESS_SNAPSHOTS.name(), hospital, snapshot(hospital, COMPLETED + "-12-31", 1_000));
            send(producer, Topics.DOWNLOAD_ACTIVITY.name(), hospital, download(hospital, THIS_YEAR + "-01-01T00:00:01Z", ActivityChannel.DOWNLOAD, 99));
            producer.flush();
        }
        awaitJson("/hub/v1/organizations?q=" + run + "&size=100", json -> {
            JsonNode mercy = item(json, hospital);
            JsonNode harbor = item(json, payer);
            return json.at("/total").asInt() == 5 && mercy != null && mercy.at("/latest/downloads").asLong() == 250
                    && mercy.at("/latest/patientsWithAccess").asLong() == 1_000 && harbor != null && harbor.at("/latest/patientsWithAccess").asLong() == 500;
        });
    }

    @AfterAll
    void stop() {
        if (hub != null) {
            hub.close();
        }
    }

    @Test
    void a_search_by_name_city_or_zip_finds_exactly_the_listed_organizations_that_match_every_word() {
        assertThat(ids("/hub/v1/organizations?q=" + run)).containsExactlyInAnyOrder(hospital, payer, pharmacy, practice, coalition);
        assertThat(ids("/hub/v1/organizations?q=" + run + "%20boston")).containsExactly(hospital, pharmacy);
        assertThat(ids("/hub/v1/organizations?q=" + run + "+021")).as("ZIP codes starting 021").containsExactly(hospital, pharmacy);
        assertThat(ids("/hub/v1/organizations?q=MERCY%20" + run)).containsExactly(hospital);
        assertThat(ids("/hub/v1/organizations?q=" + run + "%20nowhere")).isEmpty();
    }

    @Test
    void filters_by_state_category_type_and_capability_narrow_the_search_exactly() {
        assertThat(ids("/hub/v1/organizations?q=" + run + "&state=ma")).containsExactly(hospital, practice, pharmacy);
        assertThat(ids("/hub/v1/organizations?q=" + run + "&category=payer")).containsExactly(payer);
        assertThat(ids("/hub/v1/organizations?q=" + run + "&type=non-data-holder")).containsExactly(coalition);
        assertThat(ids("/hub/v1/organizations?q=" + run + "&capability=api")).containsExactly(hospital, payer);
        assertThat(ids("/hub/v1/organizations?q=" + run + "&capability=direct-transmit&state=MA")).containsExactly(hospital);
        assertThat(ids("/hub/v1/data-holders?q=" + run)).as("data holders only, sorted by state and name")
                .containsExactly(hospital, practice, pharmacy, payer);
    }

    @Test
    void organizations_that_chose_not_to_be_listed_or_withdrew_are_nowhere_on_the_hub() {
        assertThat(ids("/hub/v1/organizations?q=" + run + "&size=500")).doesNotContain(lab, clinic);
        assertThat(get("/hub/v1/organizations/" + lab).statusCode()).isEqualTo(404);
        assertThat(get("/hub/v1/organizations/" + clinic).statusCode()).isEqualTo(404);
        HttpResponse<byte[]> page = get("/hub/organizations/" + lab);
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(text(page)).contains("This organization is not listed").doesNotContain("Quest");
    }

    @Test
    void an_organization_that_opts_out_leaves_the_hub_at_the_next_refresh() throws Exception {
        String leaving = "leaving-" + run;
        try (KafkaProducer<String, SpecificRecord> producer = producer()) {
            Pledge listed = pledge(leaving, "Leaving Clinic " + UUID.randomUUID().toString().substring(0, 6), OrganizationCategory.PROVIDER, "VT",
                    "Burlington", "05401", List.of(Commitment.DOWNLOAD_FROM_PORTAL)).build();
            send(producer, Topics.PLEDGES.name(), leaving, listed);
            awaitStatus("/hub/v1/organizations/" + leaving, 200);
            send(producer, Topics.PLEDGES.name(), leaving, Pledge.newBuilder(listed).setEventId(UUID.randomUUID().toString())
                    .setListedOnHub(false).setUpdatedAt(Instant.now()).build());
        }

        awaitStatus("/hub/v1/organizations/" + leaving, 404);
    }

    @Test
    void figures_are_the_latest_completed_year_with_counts_from_1_to_10_withheld_by_the_shared_rule() {
        JsonNode mercy = json(get("/hub/v1/organizations/" + hospital));
        JsonNode harbor = json(get("/hub/v1/organizations/" + payer));

        assertThat(mercy.at("/latest/year").asInt()).as("the year running is not shown").isEqualTo(COMPLETED);
        assertThat(mercy.at("/latest/downloads").asLong()).isEqualTo(250);
        assertThat(mercy.at("/latest/views").asLong()).isEqualTo(400);
        assertThat(mercy.at("/latest/transmits").isMissingNode()).isTrue();
        assertThat(mercy.at("/latest/suppressed").toString()).isEqualTo("[\"transmits\"]");
        assertThat(mercy.at("/latest/downloadsPer100Patients").asDouble()).isEqualTo(25.0);
        assertThat(harbor.at("/latest/year").asInt()).as("its latest completed year with figures").isEqualTo(THIS_YEAR - 2);
        assertThat(harbor.at("/latest/downloads").isMissingNode()).isTrue();
        assertThat(harbor.at("/latest/downloadsPer100Patients").isMissingNode()).as("a rate would give the withheld count back").isTrue();
        assertThat(json(get("/hub/v1/organizations/" + pharmacy)).at("/latest").isMissingNode()).isTrue();
    }

    @Test
    void the_search_page_works_without_script_and_escapes_what_organizations_typed() {
        HttpResponse<byte[]> page = get("/hub?q=" + run + "&state=MA");
        String html = text(page);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy").orElse("")).contains("default-src 'none'").doesNotContain("unsafe-inline");
        assertThat(html).contains("<form class=\"search\" method=\"get\" action=\"/hub\"", "<label for=\"q\">", "<label for=\"state\">",
                "<option value=\"MA\" selected>", "3 found", "href=\"/hub/organizations/" + hospital + "\"");
        assertThat(html).contains("Smith &amp; Jones &lt;b&gt;Family&lt;/b&gt; Practice").doesNotContain("<b>Family</b>").doesNotContain("<script");
        assertThat(html).doesNotContain("Harbor " + run).doesNotContain("Quest " + run);
    }

    @Test
    void the_search_page_lists_apps_tools_and_campaigns_in_their_own_section() {
        String html = text(get("/hub?q=" + run));

        assertThat(html).contains("<h2 id=\"apps\">Apps, tools and campaigns</h2>", run + " Employers Coalition", "<li>Builds apps and tools</li>");
        assertThat(text(get("/hub?q=" + run + "&type=non-data-holder"))).contains(run + " Employers Coalition")
                .doesNotContain("<h2 id=\"holders\">").doesNotContain("Mercy " + run);
    }

    @Test
    void an_organization_page_shows_how_to_get_records_its_location_link_and_figures() {
        String mercy = text(get("/hub/organizations/" + hospital));
        String practicePage = text(get("/hub/organizations/" + practice));
        String coalitionPage = text(get("/hub/organizations/" + coalition));

        assertThat(mercy).contains("<h1>Mercy " + run + " Hospital</h1>", "Boston, MA 02115", "href=\"https://mercy.example.org/portal\"",
                "Download your records from a secure website", "Connect an app of your choice (API)", "Figures for " + COMPLETED,
                "<td class=\"num\">250</td>", "<td class=\"num\">1,000</td>", "<td class=\"num\">fewer than 11</td>", "<td class=\"num\">25.0</td>",
                "Has its staff encourage patients to use Blue Button");
        assertThat(practicePage).as("a website that is not a web address is text, not a link").contains("javascript:alert(1)")
                .doesNotContain("href=\"javascript:");
        assertThat(coalitionPage).contains("What it pledged to do", "Builds apps and tools that use Blue Button records")
                .doesNotContain("Figures for");
    }

    @Test
    void the_help_page_explains_blue_button_in_plain_language() {
        HttpResponse<byte[]> help = get("/hub/help");

        assertThat(help.statusCode()).isEqualTo(200);
        assertThat(text(help)).contains("<h1>What is Blue Button?</h1>", "How to use it", "fewer than 11", "Only finished years are shown");
    }

    @Test
    void a_bad_search_is_400_a_problem_for_the_api_and_a_readable_page_for_people() {
        HttpResponse<byte[]> api = get("/hub/v1/organizations?capability=teleport");
        HttpResponse<byte[]> page = get("/hub?state=Massachusetts");
        HttpResponse<byte[]> tooLong = get("/hub/v1/organizations?q=" + "x".repeat(101));

        assertThat(api.statusCode()).isEqualTo(400);
        assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(json(api).at("/detail").asText()).contains("capability");
        assertThat(page.statusCode()).isEqualTo(400);
        assertThat(text(page)).contains("role=\"alert\"", "two-letter USPS code", "Massachusetts");
        assertThat(tooLong.statusCode()).isEqualTo(400);
    }

    @Test
    void an_unchanged_snapshot_answers_304_to_its_entity_tag_or_its_time_and_a_change_gives_a_new_tag() throws Exception {
        HttpResponse<byte[]> first = get("/hub?q=" + run);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();

        HttpResponse<byte[]> byTag = get("/hub?q=" + run, "If-None-Match", etag);
        HttpResponse<byte[]> byTime = get("/hub?q=" + run, "If-Modified-Since", lastModified);
        assertThat(etag).startsWith("W/\"");
        assertThat(first.headers().firstValue("Cache-Control").orElse("")).isEqualTo("public, max-age=1");
        assertThat(byTag.statusCode()).isEqualTo(304);
        assertThat(byTag.body()).isEmpty();
        assertThat(byTime.statusCode()).isEqualTo(304);

        String newcomer = "newcomer-" + run;
        try (KafkaProducer<String, SpecificRecord> producer = producer()) {
            send(producer, Topics.PLEDGES.name(), newcomer, pledge(newcomer, "Newcomer Clinic " + UUID.randomUUID().toString().substring(0, 6),
                    OrganizationCategory.PROVIDER, "ME", "Portland", "04101", List.of(Commitment.DOWNLOAD_FROM_PORTAL)).build());
        }
        awaitStatus("/hub/v1/organizations/" + newcomer, 200);
        HttpResponse<byte[]> changed = get("/hub?q=" + run, "If-None-Match", etag);
        assertThat(changed.statusCode()).isEqualTo(200);
        assertThat(changed.headers().firstValue("ETag").orElseThrow()).isNotEqualTo(etag);
    }

    @Test
    void answers_are_compressed_for_clients_that_accept_it() throws Exception {
        HttpResponse<byte[]> plain = get("/hub/help");
        HttpResponse<byte[]> gzip = get("/hub/help", "Accept-Encoding", "gzip");

        assertThat(gzip.headers().firstValue("Content-Encoding").orElse("")).isEqualTo("gzip");
        assertThat(gzip.body().length).isLessThan(plain.body().length / 2);
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip.body()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(text(plain));
        }
    }

    @Test
    void many_requests_within_the_refresh_interval_read_the_stores_once_at_most() {
        double before = refreshes();
        long start = System.nanoTime();
        for (int i = 0; i < 100; i++) {
            assertThat(get("/hub/v1/organizations?q=" + run).statusCode()).isEqualTo(200);
        }
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(refreshes() - before).as("refreshes during %.2f s with a 1 s interval", seconds)
                .isLessThanOrEqualTo(Math.ceil(seconds) + 1);
    }

    @Test
    void over_its_rate_limit_a_client_gets_429_with_retry_after_counted_in_the_metrics() {
        try (StreamsInstance strict = StreamsInstance.serveOnly(stack, "hub-it-strict-" + run, "strict",
                settings -> settings.publicRateLimit(new RateLimit(1, 3)))) {
            List<Integer> statuses = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                statuses.add(get(strict.url(), "/hub/v1/organizations", "Accept", "application/json").statusCode());
            }
            HttpResponse<byte[]> limited = get(strict.url(), "/hub/v1/organizations", "Accept", "application/json");
            HttpResponse<byte[]> page = get(strict.url(), "/hub", "Accept", "text/html");
            String metrics = text(get(strict.url(), "/prometheus", "Accept", "text/plain"));

            assertThat(statuses.subList(0, 3)).as("the burst passes (the directory is not loaded: 503)").doesNotContain(429);
            assertThat(statuses.subList(3, 5)).containsOnly(429);
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(limited.headers().firstValue("Retry-After")).hasValue("1");
            assertThat(limited.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(page.statusCode()).isEqualTo(429);
            assertThat(text(page)).contains("Too many requests");
            assertThat(metrics).containsPattern("bluebutton_public_requests_limited_total\\{[^}]*\\} [4-9]");
        }
    }

    @Test
    void each_page_renders_in_a_headless_browser_within_its_content_security_policy_and_a_screenshot_is_kept() throws Exception {
        HeadlessBrowser browser = HeadlessBrowser.find().orElse(null);
        assumeTrue(browser != null, "no headless browser here (Debian: apt-get install chromium); the pages' HTML is checked by other specifications");
        Path out = Files.createDirectories(Path.of("target", "hub-screenshots"));

        HeadlessBrowser.Page search = browser.open(hub.url() + "/hub?q=" + run, out.resolve("hub-search.png"), 2_000);
        HeadlessBrowser.Page organization = browser.open(hub.url() + "/hub/organizations/" + hospital, out.resolve("hub-organization.png"), 2_000);
        HeadlessBrowser.Page help = browser.open(hub.url() + "/hub/help", out.resolve("hub-help.png"), 2_000);
        HeadlessBrowser.Page apps = browser.open(hub.url() + "/hub?type=non-data-holder&q=" + run, out.resolve("hub-apps.png"), 2_000);

        assertThat(search.dom()).contains("Mercy " + run + " Hospital", "Apps, tools and campaigns");
        assertThat(organization.dom()).contains("Figures for " + COMPLETED, "fewer than 11");
        assertThat(help.dom()).contains("What is Blue Button?");
        assertThat(apps.dom()).contains(run + " Employers Coalition");
        for (HeadlessBrowser.Page page : List.of(search, organization, help, apps)) {
            assertThat(page.policyViolations()).as("the console's content security policy messages").isEmpty();
        }
        for (String name : List.of("hub-search.png", "hub-organization.png", "hub-help.png", "hub-apps.png")) {
            assertThat(Files.size(out.resolve(name))).as(name).isGreaterThan(5_000);
        }
    }

    /**
     * Hub requests at {@code hub.flood.rate} a second (default {@value #FLOOD_RATE}) for {@code hub.flood.seconds}
     * (default {@value #FLOOD_SECONDS}) while about 200 events a second flow: the application stays RUNNING
     * without a rebalance and every request is answered without a 5xx; the freshness of the figures (an
     * event's acknowledgement to its count committed on the output topic), quiet and under the flood, is printed.
     */
    @Test
    void a_flood_of_hub_requests_does_not_disturb_the_stream_threads() throws Exception {
        int rate = Integer.getInteger("hub.flood.rate", FLOOD_RATE);
        int seconds = Integer.getInteger("hub.flood.seconds", FLOOD_SECONDS);
        String probe = "probe-" + run;
        List<String> background = List.of("bg1-" + run, "bg2-" + run, "bg3-" + run, "bg4-" + run);
        try (KafkaProducer<String, SpecificRecord> producer = producer(); CommittedFigures committed = new CommittedFigures(probe)) {
            for (String orgId : Stream.concat(Stream.of(probe), background.stream()).toList()) {
                // Named without this run's token: the search specifications find exactly the fixture by it.
                send(producer, Topics.PLEDGES.name(), orgId, pledge(orgId, "Flood " + orgId.replace(run, "x"), OrganizationCategory.PROVIDER, "RI", "Providence",
                        "02903", List.of(Commitment.DOWNLOAD_FROM_PORTAL)).build());
            }
            EventFlow flow = new EventFlow(producer, background);
            flow.start();
            try {
                Freshness quiet = measureFreshness(producer, committed, probe, 15, 0);
                long rebalancesBefore = rebalances();
                Flood flood = new Flood(hub.url(), List.of("/hub?q=" + run, "/hub?state=MA&capability=download", "/hub/organizations/" + hospital,
                        "/hub/v1/organizations?q=" + run, "/hub/help"));
                flood.start(rate);
                Freshness loaded = measureFreshness(producer, committed, probe, 15, quiet.probes());
                flood.awaitSeconds(seconds);
                Flood.Outcome outcome = flood.stop();

                System.out.printf("Hub flood: %d requests in %.1f s (%.0f/s), statuses %s, unanswered %d; freshness (ack to committed "
                        + "output) p50 quiet %d ms, under the flood %d ms (p90 %d / %d ms); stream states seen %s%n", outcome.sent(),
                        outcome.seconds(), outcome.sent() / outcome.seconds(), outcome.statuses(), outcome.failures(), quiet.p50(), loaded.p50(),
                        quiet.p90(), loaded.p90(), flood.streamStates());
                assertThat(outcome.sent() / outcome.seconds()).as("requests per second sent").isGreaterThan(rate * 0.9);
                assertThat(outcome.failures()).as("requests without an answer").isZero();
                assertThat(outcome.statuses().keySet()).as("statuses").allMatch(status -> status < 500);
                assertThat(flood.streamStates()).as("the application never left RUNNING").containsOnly("RUNNING");
                assertThat(rebalances()).as("rebalances").isEqualTo(rebalancesBefore);
                // Freshness under the flood is printed above, not asserted: on a shared 2-core build machine it moves with
                // whatever else runs (a full build measured 207 -> 489 ms p50 while another build ran). Speed is measured in
                // the benchmarks; this test holds what must never happen: a 5xx, an unanswered request, a rebalance.
            } finally {
                flow.stop();
            }
        }
    }

    /** The probe's downloads this year as committed on the output topic (read_committed), followed as they come. */
    private final class CommittedFigures implements AutoCloseable {
        private final java.util.concurrent.atomic.AtomicLong downloads = new java.util.concurrent.atomic.AtomicLong();
        private final Thread reader;
        private volatile boolean running = true;

        CommittedFigures(String probe) {
            org.apache.kafka.clients.consumer.KafkaConsumer<org.bluebutton.analytics.schemas.aggregate.OrgYearKey,
                    org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics> consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<>(
                    stack.consumerConfig("flood-" + run), Topics.ORG_YEARLY_METRICS.keyDeserializer(registry),
                    Topics.ORG_YEARLY_METRICS.valueDeserializer(registry));
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(Topics.ORG_YEARLY_METRICS.name()).stream()
                    .map(info -> new org.apache.kafka.common.TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            reader = new Thread(() -> {
                try (consumer) {
                    while (running) {
                        consumer.poll(Duration.ofMillis(20)).forEach(record -> {
                            if (record.key().getOrgId().equals(probe) && record.key().getYear() == THIS_YEAR && record.value() != null) {
                                downloads.accumulateAndGet(record.value().getActivity().getDownloads(), Math::max);
                            }
                        });
                    }
                }
            }, "committed-figures");
            reader.start();
        }

        long downloads() {
            return downloads.get();
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            reader.join(10_000);
        }
    }

    /** Download events for other organizations, about 200 a second, while it runs. */
    private static final class EventFlow {
        private final KafkaProducer<String, SpecificRecord> producer;
        private final List<String> orgIds;
        private final java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

        EventFlow(KafkaProducer<String, SpecificRecord> producer, List<String> orgIds) {
            this.producer = producer;
            this.orgIds = orgIds;
        }

        void start() {
            timer.scheduleAtFixedRate(() -> {
                for (String orgId : orgIds) {
                    producer.send(new ProducerRecord<>(Topics.DOWNLOAD_ACTIVITY.name(), orgId, download(orgId, Instant.now().toString(),
                            ActivityChannel.DOWNLOAD, 1)));
                }
            }, 0, 20, TimeUnit.MILLISECONDS);
        }

        void stop() throws InterruptedException {
            timer.shutdownNow();
            timer.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** Milliseconds from a probe event's acknowledgement to its count in the staff figures, over a number of probes. */
    private record Freshness(List<Long> millis, int probes) {
        long p50() {
            return millis.stream().sorted().toList().get(millis.size() / 2);
        }

        long p90() {
            return millis.stream().sorted().toList().get(millis.size() * 9 / 10);
        }
    }

    private Freshness measureFreshness(KafkaProducer<String, SpecificRecord> producer, CommittedFigures committed, String probe, int count,
            int sentBefore) throws Exception {
        List<Long> millis = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            long expected = sentBefore + i;
            send(producer, Topics.DOWNLOAD_ACTIVITY.name(), probe, download(probe, Instant.now().toString(), ActivityChannel.DOWNLOAD, 1));
            long start = System.nanoTime();
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(2)).pollDelay(Duration.ZERO)
                    .until(() -> committed.downloads() >= expected);
            millis.add((System.nanoTime() - start) / 1_000_000);
            Thread.sleep(100);
        }
        return new Freshness(millis, sentBefore + count);
    }

    private long rebalances() {
        return (long) hub.streams().metrics().values().stream()
                .filter(metric -> metric.metricName().name().equals("rebalance-total") && metric.metricName().group().equals("consumer-coordinator-metrics"))
                .mapToDouble(metric -> ((Number) metric.metricValue()).doubleValue()).sum();
    }

    /** Hub requests at a fixed rate from this JVM (open loop: a slow answer does not slow the sending), and the stream states seen meanwhile. */
    private final class Flood {
        private final String base;
        private final List<String> paths;
        private final java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newScheduledThreadPool(2);
        private final java.util.concurrent.ConcurrentHashMap<Integer, java.util.concurrent.atomic.LongAdder> statuses = new java.util.concurrent.ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.LongAdder failures = new java.util.concurrent.atomic.LongAdder();
        private final java.util.concurrent.atomic.LongAdder sent = new java.util.concurrent.atomic.LongAdder();
        private final java.util.Set<String> states = java.util.concurrent.ConcurrentHashMap.newKeySet();
        private final List<java.util.concurrent.CompletableFuture<?>> pending = java.util.Collections.synchronizedList(new ArrayList<>());
        private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        private long startedAt;

        Flood(String base, List<String> paths) {
            this.base = base;
            this.paths = paths;
        }

        void start(int perSecond) {
            startedAt = System.nanoTime();
            int perTick = perSecond / 100;
            timer.scheduleAtFixedRate(() -> {
                for (int i = 0; i < perTick; i++) {
                    String path = paths.get((int) (sent.sum() % paths.size()));
                    sent.increment();
                    pending.add(client.sendAsync(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                                    .header("Accept-Encoding", "gzip").GET().build(), HttpResponse.BodyHandlers.discarding())
                            .whenComplete((response, failure) -> {
                                if (failure != null) {
                                    failures.increment();
                                } else {
                                    statuses.computeIfAbsent(response.statusCode(), status -> new java.util.concurrent.atomic.LongAdder()).increment();
                                }
                            }));
                }
            }, 0, 10, TimeUnit.MILLISECONDS);
            timer.scheduleAtFixedRate(() -> states.add(hub.streams().state().name()), 0, 50, TimeUnit.MILLISECONDS);
        }

        void awaitSeconds(int seconds) throws InterruptedException {
            long left = startedAt + seconds * 1_000_000_000L - System.nanoTime();
            if (left > 0) {
                Thread.sleep(left / 1_000_000);
            }
        }

        Outcome stop() throws InterruptedException {
            timer.shutdownNow();
            timer.awaitTermination(10, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - startedAt) / 1e9;
            java.util.concurrent.CompletableFuture.allOf(pending.toArray(java.util.concurrent.CompletableFuture[]::new))
                    .handle((done, failure) -> null).orTimeout(30, TimeUnit.SECONDS).join();
            java.util.Map<Integer, Long> counts = new java.util.TreeMap<>();
            statuses.forEach((status, count) -> counts.put(status, count.sum()));
            return new Outcome(sent.sum(), seconds, counts, failures.sum());
        }

        java.util.Set<String> streamStates() {
            return states;
        }

        record Outcome(long sent, double seconds, java.util.Map<Integer, Long> statuses, long failures) {
        }
    }

    private double refreshes() {
        String metrics = text(get("/prometheus"));
        return metrics.lines().filter(line -> line.startsWith("bluebutton_hub_refreshes_total{") && line.contains("outcome=\"success\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).sum();
    }

    private List<String> ids(String path) {
        HttpResponse<byte[]> answer = get(path);
        assertThat(answer.statusCode()).as(text(answer)).isEqualTo(200);
        return json(answer).at("/items").findValuesAsText("orgId");
    }

    private static JsonNode item(JsonNode page, String orgId) {
        for (JsonNode item : page.at("/items")) {
            if (item.get("orgId").asText().equals(orgId)) {
                return item;
            }
        }
        return null;
    }

    private void awaitJson(String path, Predicate<JsonNode> until) {
        Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> {
            HttpResponse<byte[]> answer = get(path);
            return answer.statusCode() == 200 && until.test(json(answer));
        });
    }

    private void awaitStatus(String path, int status) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> get(path).statusCode() == status);
    }

    private HttpResponse<byte[]> get(String path) {
        return get(hub.url(), path, null, null);
    }

    private HttpResponse<byte[]> get(String path, String header, String value) {
        return get(hub.url(), path, header, value);
    }

    private HttpResponse<byte[]> get(String base, String path, String header, String value) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30)).GET();
        if (header != null) {
            request.header(header, value);
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String text(HttpResponse<byte[]> response) {
        return new String(response.body(), StandardCharsets.UTF_8);
    }

    private static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + text(response), e);
        }
    }

    private KafkaProducer<String, SpecificRecord> producer() {
        return new KafkaProducer<>(stack.producerConfig(), new StringSerializer(), new AvroSerializer<>(registry, false));
    }

    private static Pledge.Builder pledge(String orgId, String name, OrganizationCategory category, String state, String city, String zip,
            List<Commitment> commitments) {
        return SampleEvents.hospitalPledge(orgId).setName(name).setOrganizationType(OrganizationType.DATA_HOLDER).setCategory(category)
                .setState(state).setCity(city).setPostalCode(zip).setCommitments(commitments)
                .setPledgedAt(Instant.parse((THIS_YEAR - 3) + "-01-15T00:00:00Z"));
    }

    private static void send(KafkaProducer<String, SpecificRecord> producer, String topic, String key, SpecificRecord value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    private static DownloadActivity download(String orgId, String occurredAt, ActivityChannel channel, long count) {
        return SampleEvents.download(orgId).setOccurredAt(Instant.parse(occurredAt)).setReceivedAt(Instant.parse(occurredAt))
                .setChannel(channel).setCount(count).build();
    }

    private static AccessSnapshot snapshot(String orgId, String asOf, long patients) {
        return SampleEvents.accessSnapshot(orgId).setAsOf(LocalDate.parse(asOf)).setPatientsWithAccess(patients).setPatientsOffered(null)
                .setReceivedAt(Instant.parse(asOf + "T23:00:00Z")).build();
    }
}
