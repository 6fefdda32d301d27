package org.bluebutton.analytics.streams.month;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.avro.specific.SpecificRecord;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.LocalStackExtension;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthKey;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.event.AccessSnapshot;
import org.bluebutton.analytics.schemas.event.ActivityChannel;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.quality.DeadLetter;
import org.bluebutton.analytics.schemas.registry.SchemaRegistration;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClient;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClientConfig;
import org.bluebutton.analytics.schemas.serde.AvroSerializer;
import org.bluebutton.analytics.schemas.testing.SampleEvents;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.RecordSerdes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The rules of the organization-month topology, each on {@code TopologyTestDriver} (no broker) with
 * serdes against the real schema registry of the local stack. Grace period: 10 days.
 */
@ExtendWith(LocalStackExtension.class)
class OrganizationMonthTopologyIT {

    private static final Duration GRACE = Duration.ofDays(10);
    private static SchemaRegistryClient registry;

    private TopologyTestDriver driver;
    private TestInputTopic<String, byte[]> downloads;
    private TestInputTopic<String, byte[]> snapshots;
    private TestOutputTopic<OrgMonthKey, OrgMonthlyMetrics> metrics;
    private TestOutputTopic<String, DownloadActivity> late;
    private TestOutputTopic<String, DeadLetter> deadLetters;

    @BeforeAll
    static void registerSchemas(LocalStack stack) {
        registry = new SchemaRegistryClient(SchemaRegistryClientConfig.of(stack.schemaRegistryUrl()));
        new SchemaRegistration(registry).registerAll(SchemaRegistration.subjectsOf(Topics.all()));
    }

    @BeforeEach
    void startDriver() throws Exception {
        RecordSerdes serdes = new RecordSerdes(registry);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "month-spec-" + UUID.randomUUID());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("month-spec").toString());
        driver = new TopologyTestDriver(new OrganizationMonthTopology(serdes, GRACE, "month-spec").topology(), config);
        downloads = driver.createInputTopic(Topics.DOWNLOAD_ACTIVITY.name(), new StringSerializer(), new ByteArraySerializer());
        snapshots = driver.createInputTopic(Topics.ACCESS_SNAPSHOTS.name(), new StringSerializer(), new ByteArraySerializer());
        metrics = driver.createOutputTopic(Topics.ORG_MONTHLY_METRICS.name(),
                serdes.key(OrgMonthKey.class).deserializer(), serdes.value(OrgMonthlyMetrics.class).deserializer());
        late = driver.createOutputTopic(Topics.LATE_EVENTS.name(), Serdes.String().deserializer(),
                serdes.value(DownloadActivity.class).deserializer());
        deadLetters = driver.createOutputTopic(Topics.DEAD_LETTERS.name(), Serdes.String().deserializer(),
                serdes.value(DeadLetter.class).deserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void distinct_events_are_summed_per_channel_in_the_month_of_their_event_time() {
        send(download("org-a", "2025-03-02T10:00:00Z", ActivityChannel.DOWNLOAD, 1));
        send(download("org-a", "2025-03-01T00:00:00Z", ActivityChannel.VIEW, 250));
        send(download("org-a", "2025-03-31T23:59:59Z", ActivityChannel.TRANSMIT, 2));
        send(download("org-a", "2025-04-01T00:00:00Z", ActivityChannel.DOWNLOAD, 5));

        Map<OrgMonthKey, OrgMonthlyMetrics> latest = metrics.readKeyValuesToMap();

        OrgMonthlyMetrics march = latest.get(new OrgMonthKey("org-a", 2025, 3));
        assertThat(march.getActivity()).isEqualTo(SampleEvents.activity(250, 1, 2, 0, 3));
        assertThat(march.getAccess()).isNull();
        assertThat(latest.get(new OrgMonthKey("org-a", 2025, 4)).getActivity().getDownloads()).isEqualTo(5);
    }

    @Test
    void a_retried_event_counts_once() {
        DownloadActivity event = download("org-a", "2025-03-02T10:00:00Z", ActivityChannel.DOWNLOAD, 7);

        send(event);
        send(event);

        assertThat(metrics.readKeyValuesToMap().get(new OrgMonthKey("org-a", 2025, 3)).getActivity())
                .isEqualTo(SampleEvents.activity(0, 7, 0, 0, 1));
    }

    @Test
    void an_event_within_the_grace_period_still_updates_its_month() {
        send(download("org-a", "2025-04-09T00:00:00Z", ActivityChannel.VIEW, 1));

        send(download("org-a", "2025-03-20T00:00:00Z", ActivityChannel.DOWNLOAD, 3));

        assertThat(metrics.readKeyValuesToMap().get(new OrgMonthKey("org-a", 2025, 3)).getActivity().getDownloads()).isEqualTo(3);
        assertThat(late.isEmpty()).isTrue();
    }

    @Test
    void an_event_after_the_grace_period_goes_to_late_events_and_is_not_counted() {
        send(download("org-a", "2025-03-05T00:00:00Z", ActivityChannel.DOWNLOAD, 1));
        send(download("org-a", "2025-04-12T00:00:00Z", ActivityChannel.VIEW, 1));
        DownloadActivity tooLate = download("org-a", "2025-03-20T00:00:00Z", ActivityChannel.DOWNLOAD, 100);

        send(tooLate);

        assertThat(late.readValuesToList()).containsExactly(tooLate);
        assertThat(metrics.readKeyValuesToMap().get(new OrgMonthKey("org-a", 2025, 3)).getActivity().getDownloads()).isEqualTo(1);
    }

    @Test
    void the_snapshot_with_the_latest_date_in_the_month_stands_for_it() {
        send(snapshot("org-a", "2025-03-15", 100, "2025-03-16T00:00:00Z"));
        send(snapshot("org-a", "2025-03-31", 120, "2025-04-01T00:00:00Z"));
        send(snapshot("org-a", "2025-03-20", 110, "2025-04-02T00:00:00Z"));

        OrgMonthlyMetrics march = metrics.readKeyValuesToMap().get(new OrgMonthKey("org-a", 2025, 3));

        assertThat(march.getAccess().getPatientsWithAccess()).isEqualTo(120);
        assertThat(march.getActivity()).isEqualTo(SampleEvents.activity(0, 0, 0, 0, 0));
    }

    @Test
    void a_later_correction_of_the_same_date_supersedes_and_a_resent_snapshot_changes_nothing() {
        AccessSnapshot first = snapshot("org-a", "2025-03-31", 120, "2025-04-01T00:00:00Z");
        send(first);
        send(first);
        send(snapshot("org-a", "2025-03-31", 125, "2025-04-03T00:00:00Z"));

        assertThat(metrics.readKeyValuesToMap().get(new OrgMonthKey("org-a", 2025, 3)).getAccess().getPatientsWithAccess())
                .isEqualTo(125);
    }

    @Test
    void unreadable_bytes_become_a_dead_letter_with_the_reason_and_processing_continues() {
        downloads.pipeInput("org-a", "not avro".getBytes());
        send(download("org-a", "2025-03-02T10:00:00Z", ActivityChannel.DOWNLOAD, 1));

        assertThat(deadLetters.readValuesToList()).singleElement().satisfies(letter -> {
            assertThat(letter.getSourceTopic()).isEqualTo(Topics.DOWNLOAD_ACTIVITY.name());
            assertThat(letter.getReason()).contains("wire format");
            assertThat(letter.getValue()).isEqualTo(ByteBuffer.wrap("not avro".getBytes()));
        });
        assertThat(metrics.readKeyValuesToMap().get(new OrgMonthKey("org-a", 2025, 3)).getActivity().getDownloads()).isEqualTo(1);
    }

    @Test
    void an_event_breaking_a_rule_becomes_a_dead_letter_and_is_not_counted() {
        send(download("org-a", "2025-03-02T10:00:00Z", ActivityChannel.DOWNLOAD, 0));

        assertThat(deadLetters.readValuesToList()).singleElement()
                .satisfies(letter -> assertThat(letter.getReason()).contains("count must be at least 1"));
        assertThat(metrics.isEmpty()).isTrue();
    }

    private void send(DownloadActivity event) {
        downloads.pipeInput(event.getOrgId(), bytes(Topics.DOWNLOAD_ACTIVITY.name(), event));
    }

    private void send(AccessSnapshot snapshot) {
        snapshots.pipeInput(snapshot.getOrgId(), bytes(Topics.ACCESS_SNAPSHOTS.name(), snapshot));
    }

    private static byte[] bytes(String topic, SpecificRecord record) {
        return new AvroSerializer<SpecificRecord>(registry, false).serialize(topic, record);
    }

    private static DownloadActivity download(String orgId, String occurredAt, ActivityChannel channel, long count) {
        return SampleEvents.download(orgId).setOccurredAt(Instant.parse(occurredAt)).setChannel(channel).setCount(count).build();
    }

    private static AccessSnapshot snapshot(String orgId, String asOf, long patients, String receivedAt) {
        return SampleEvents.accessSnapshot(orgId).setEventId(UUID.randomUUID().toString()).setAsOf(LocalDate.parse(asOf))
                .setPatientsWithAccess(patients).setPatientsOffered(null).setReceivedAt(Instant.parse(receivedAt)).build();
    }
}
