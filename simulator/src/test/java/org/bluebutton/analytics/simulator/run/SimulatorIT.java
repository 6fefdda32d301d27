package org.bluebutton.analytics.simulator.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bluebutton.analytics.harness.Pipeline;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.LocalStackExtension;
import org.bluebutton.analytics.schemas.event.AccessSnapshot;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.event.EngagementActivity;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.PledgeStatus;
import org.bluebutton.analytics.schemas.serde.SchemaRegistrySerdeConfig;
import org.bluebutton.analytics.schemas.serde.SpecificAvroDeserializer;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.simulator.config.IngestConnection;
import org.bluebutton.analytics.simulator.config.SimulationConfig;
import org.bluebutton.analytics.simulator.plan.MalformedKind;
import org.bluebutton.analytics.simulator.plan.Step;
import org.bluebutton.analytics.simulator.truth.ActivityCounts;
import org.bluebutton.analytics.simulator.truth.GroundTruth;
import org.bluebutton.analytics.simulator.truth.MalformedTruth;
import org.bluebutton.analytics.simulator.truth.OrgMonthTruth;
import org.bluebutton.analytics.simulator.truth.OrganizationTruth;
import org.bluebutton.analytics.simulator.truth.ReceivedEvents;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/**
 * The simulator against the real ingest service on the real local stack: what the ground truth says
 * was acknowledged is exactly what the input topics hold (read back committed, deduplicated by
 * eventId), malformed requests were refused and published nothing, and retries put duplicate records
 * on the topics that the truth does not count.
 */
@ExtendWith(LocalStackExtension.class)
class SimulatorIT {

    /** Ingest only, on the shared stack, for every test of the class. */
    private static Pipeline ingest;

    private final LocalStack stack;

    SimulatorIT(LocalStack stack) {
        this.stack = stack;
    }

    @BeforeAll
    static void startIngest(LocalStack stack) {
        ingest = Pipeline.on(stack).withoutStreams().start();
    }

    @AfterAll
    static void stopIngest() {
        ingest.close();
    }

    @Test
    void the_input_topics_hold_exactly_what_the_ground_truth_says_ingest_acknowledged() {
        // given 20 organizations over one year
        SimulationConfig config = new SimulationConfig(20, 1, 2025, 7, 1.0, "it", SimulationConfig.DEFAULT_GRACE);

        // when
        SimulationResult result = SimulatorRun.run(config, connection(), System.out);
        GroundTruth truth = result.truth();
        ReceivedEvents received = result.received();

        // then every batch was acknowledged and every event's fate is certain
        assertThat(truth.totals().unacknowledgedBatches()).isZero();
        assertThat(truth.totals().transientRetries()).isZero();
        assertThat(truth.totals().ambiguousEvents()).isZero();
        assertThat(truth.totals().organizations()).isEqualTo(20);

        // and the download topic holds exactly the acknowledged events: same ids, same sums per organization and month
        List<DownloadActivity> downloads = values(Topics.DOWNLOAD_ACTIVITY.name(), "it-");
        Map<String, DownloadActivity> distinct = new LinkedHashMap<>();
        downloads.forEach(d -> distinct.putIfAbsent(d.getEventId(), d));
        assertThat(distinct.keySet()).isEqualTo(received.downloadEventIds());
        assertThat(byOrganizationMonth(distinct.values())).isEqualTo(received.downloadsByOrgMonth());

        // and retries put duplicate records on the topic that the truth counts once
        assertThat(downloads).hasSize((int) received.downloadRecords());
        assertThat(downloads.size()).isGreaterThan(distinct.size());
        assertThat(result.statistics().duplicatesSent()).isPositive();

        // and what the truth counts is what was received minus the late events
        long countedEvents = truth.organizationMonths().stream().mapToLong(m -> m.activity().events()).sum();
        assertThat(countedEvents + truth.totals().lateEvents()).isEqualTo(distinct.size());
        assertThat(truth.totals().lateEvents()).isPositive();

        // and snapshots and engagement activities likewise
        List<AccessSnapshot> snapshots = values(Topics.ACCESS_SNAPSHOTS.name(), "it-");
        assertThat(snapshots.stream().map(AccessSnapshot::getEventId).collect(Collectors.toSet())).isEqualTo(received.snapshotEventIds());
        assertThat(snapshots).hasSize((int) received.snapshotRecords());
        List<EngagementActivity> engagement = values(Topics.ENGAGEMENT_ACTIVITY.name(), "it-");
        assertThat(engagement.stream().map(EngagementActivity::getEventId).collect(Collectors.toSet()))
                .isEqualTo(received.engagementEventIds());
        assertThat(engagement).hasSize((int) received.engagementRecords());

        // and the monthly CSV uploads became the snapshots on the month's last day the truth expected
        long csvMonths = truth.organizationMonths().stream().filter(m -> m.access() != null
                && m.access().asOf().equals(YearMonth.of(m.year(), m.month()).atEndOfMonth())).count();
        assertThat(csvMonths).isPositive();
        assertThat(truth.totals().csvUploads()).isGreaterThanOrEqualTo(csvMonths);

        // and malformed requests were refused with their 4xx and none of their events reached a topic
        long malformedPlanned = result.plan().steps().filter(Step.SendMalformed.class::isInstance).count();
        assertThat(truth.totals().malformedRefused()).isEqualTo(malformedPlanned);
        assertThat(truth.malformedRequests()).extracting(MalformedTruth::kind).containsExactlyInAnyOrder(MalformedKind.values());
        Set<String> everyId = new HashSet<>(distinct.keySet());
        values(Topics.ACCESS_SNAPSHOTS.name(), "").forEach(s -> everyId.add(((AccessSnapshot) s).getEventId()));
        values(Topics.DOWNLOAD_ACTIVITY.name(), "").forEach(d -> everyId.add(((DownloadActivity) d).getEventId()));
        assertThat(received.refusedEventIds()).isNotEmpty().doesNotContainAnyElementsOf(everyId);

        // and the pledges topic's latest profiles are the organizations of the truth: corrected categories, withdrawals at ingest's time
        Map<String, Pledge> latest = new HashMap<>();
        this.<Pledge>values(Topics.PLEDGES.name(), "it-").forEach(p -> latest.put(p.getOrgId(), p));
        assertThat(latest.keySet()).isEqualTo(truth.organizations().stream().map(OrganizationTruth::orgId).collect(Collectors.toSet()));
        for (OrganizationTruth organization : truth.organizations()) {
            Pledge pledge = latest.get(organization.orgId());
            assertThat(pledge.getCategory().name()).isEqualTo(organization.category().name());
            assertThat(pledge.getState()).isEqualTo(organization.state());
            assertThat(pledge.getPledgedAt()).isEqualTo(organization.pledgedAt());
            assertThat(pledge.getStatus() == PledgeStatus.WITHDRAWN).isEqualTo(organization.withdrawnAt() != null);
            if (organization.withdrawnAt() != null) {
                assertThat(pledge.getWithdrawnAt()).isEqualTo(organization.withdrawnAt());
            }
        }
        assertThat(truth.totals().withdrawals()).isPositive();
        assertThat(truth.totals().categoryCorrections()).isPositive();
    }

    @Test
    void the_command_runs_a_simulation_and_writes_a_ground_truth_that_reads_back() throws Exception {
        // given
        Path truthFile = Files.createTempDirectory("simulator-it").resolve("truth.json");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        SimulatorCommand command = new SimulatorCommand(java.time.Clock.systemUTC(), new PrintStream(printed, true, StandardCharsets.UTF_8));

        // when
        int exitCode = new CommandLine(command).execute("--ingest-url", ingest.ingestUrl(), "--staff-key", ingest.staffKey().reveal(),
                "--organizations", "6", "--years", "1", "--start-year", "2024", "--seed", "3", "--run-tag", "cli", "--truth-out",
                truthFile.toString());

        // then
        assertThat(exitCode).isZero();
        GroundTruth truth = GroundTruth.read(truthFile);
        assertThat(truth.organizations()).hasSize(6).allSatisfy(o -> assertThat(o.orgId()).startsWith("cli-"));
        assertThat(truth.simulation().startYear()).isEqualTo(2024);
        assertThat(truth.organizationMonths()).extracting(OrgMonthTruth::year).containsOnly(2024);
        assertThat(truth.organizationMonths().stream().map(OrgMonthTruth::activity).reduce(ActivityCounts.NONE, ActivityCounts::plus).events())
                .isPositive();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("events acknowledged", "ground truth written to");
        assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain(ingest.staffKey().reveal());
    }

    @Test
    void a_second_run_with_the_same_run_tag_is_stopped_at_the_first_organization_with_a_clear_message() {
        // given a run that created its organizations
        SimulationConfig config = new SimulationConfig(2, 1, 2025, 9, 0.2, "again", SimulationConfig.DEFAULT_GRACE);
        SimulatorRun.run(config, connection(), null);

        // when / then
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> SimulatorRun.run(config, connection(), null))
                .isInstanceOf(UnexpectedResponseException.class)
                .hasMessageContaining("409").hasMessageContaining("another run tag");
    }

    private IngestConnection connection() {
        return new IngestConnection(URI.create(ingest.ingestUrl()), ingest.staffKey().reveal(), 4, 5, Duration.ofSeconds(60),
                Duration.ofSeconds(5));
    }


    private static Map<String, Map<YearMonth, ActivityCounts>> byOrganizationMonth(Iterable<DownloadActivity> events) {
        Map<String, Map<YearMonth, ActivityCounts>> sums = new HashMap<>();
        for (DownloadActivity event : events) {
            YearMonth month = YearMonth.from(event.getOccurredAt().atOffset(ZoneOffset.UTC));
            org.bluebutton.analytics.simulator.program.Channel channel =
                    org.bluebutton.analytics.simulator.program.Channel.valueOf(event.getChannel().name());
            sums.computeIfAbsent(event.getOrgId(), k -> new HashMap<>())
                    .merge(month, ActivityCounts.NONE.plus(channel, event.getCount()), ActivityCounts::plus);
        }
        return sums;
    }

    /** Every committed value of {@code topic} whose key starts with {@code keyPrefix}, in offset order per partition. */
    @SuppressWarnings("unchecked")
    private <V extends SpecificRecord> List<V> values(String topic, String keyPrefix) {
        SpecificAvroDeserializer<SpecificRecord> deserializer = new SpecificAvroDeserializer<>();
        deserializer.configure(Map.of(SchemaRegistrySerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()), false);
        List<V> found = new ArrayList<>();
        try (KafkaConsumer<String, SpecificRecord> consumer = new KafkaConsumer<>(stack.consumerConfig("simulator-it-" + System.nanoTime()),
                new StringDeserializer(), deserializer)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("reading " + topic + " to its end").isLessThan(deadline);
                for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && record.key().startsWith(keyPrefix)) {
                        found.add((V) record.value());
                    }
                }
            }
        }
        return found;
    }
}
