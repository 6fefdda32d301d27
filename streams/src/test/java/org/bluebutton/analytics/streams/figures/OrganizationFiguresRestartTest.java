package org.bluebutton.analytics.streams.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.RollupDimension;
import org.bluebutton.analytics.schemas.event.ActivityChannel;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.PledgeStatus;
import org.bluebutton.analytics.schemas.registry.InMemorySchemaRegistry;
import org.bluebutton.analytics.schemas.registry.SchemaRegistration;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.RecordSerdes;
import org.bluebutton.analytics.testkit.SampleEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a task that starts again finds in its stores, and nothing in memory: months changed but not yet
 * flushed when it stopped, profile changes not yet reconciled, and the identities admitted since the
 * last flush, which must stay duplicates even when the local identity lookup is gone (a crash under
 * exactly-once wipes the task's local state; only logged stores come back). The processor runs on
 * its real stores (RocksDB, without cache and changelog) through Kafka's MockProcessorContext; a
 * restart is a new processor on the same stores. Grace period: 10 days.
 */
class OrganizationFiguresRestartTest {

    private static final Duration GRACE = Duration.ofDays(10);
    private static final String PROFILES = "organizations";
    private static final String ORG = "org-mercy";

    @TempDir
    Path stateDir;

    private final RecordSerdes serdes = serdes();
    private final Map<String, StateStore> stores = new LinkedHashMap<>();
    private Task task;

    @BeforeEach
    void startTask() {
        MockProcessorContext<String, Emission> context = context(stateDir.resolve("first").toFile());
        for (StoreBuilder<?> builder : OrganizationFiguresTopology.stores(serdes, GRACE)) {
            stores.put(builder.name(), init(builder, context));
        }
        stores.put(PROFILES, init(Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore(PROFILES), Serdes.String(),
                serdes.internalValue(Pledge.class)), context));
        profile(SampleEvents.hospitalPledge(ORG).build());
        task = new Task(context);
    }

    @AfterEach
    void closeStores() {
        stores.values().forEach(StateStore::close);
    }

    @Test
    void a_month_changed_before_a_restart_is_sent_by_the_first_flush_after_it() {
        task.process(new Input.Download(download(UUID.randomUUID().toString(), 7)));

        Task restarted = restart();
        restarted.flush();

        assertThat(restarted.months()).containsExactly(7L);
        assertThat(restarted.programDownloads()).as("the month, then its year").containsExactly(7L, 7L);
        restarted.flush();
        assertThat(restarted.months()).as("sent once").hasSize(1);
    }

    @Test
    void a_month_flushed_before_a_restart_is_not_sent_again() {
        task.process(new Input.Download(download(UUID.randomUUID().toString(), 7)));
        task.flush();

        Task restarted = restart();
        restarted.flush();

        assertThat(restarted.forwarded()).isEmpty();
    }

    @Test
    void a_profile_change_before_a_restart_moves_the_organizations_periods_at_the_first_flush_after_it() {
        task.process(new Input.Download(download(UUID.randomUUID().toString(), 7)));
        task.flush();
        profile(SampleEvents.hospitalPledge(ORG).setStatus(PledgeStatus.WITHDRAWN).build());
        task.process(new Input.ProfileChanged(ORG));

        Task restarted = restart();
        restarted.flush();

        assertThat(restarted.programDownloads()).as("the month, then its year, leave the program's figures").containsExactly(-7L, -7L);
    }

    @Test
    void identities_admitted_before_a_restart_stay_duplicates_when_the_local_lookup_is_lost() {
        List<DownloadActivity> events = IntStream.range(0, DownloadAdmission.CHUNK_IDS * 2 + 3)
                .mapToObj(i -> download(UUID.randomUUID().toString(), 1)).toList();
        events.forEach(event -> task.process(new Input.Download(event)));

        Task restarted = restartWithoutLocalIdentities();
        events.forEach(event -> restarted.process(new Input.Download(event)));
        restarted.flush();

        assertThat(restarted.incidents()).as("every resent event is a duplicate").isEqualTo(events.size());
        assertThat(restarted.months()).containsExactly((long) events.size());
    }

    @Test
    void identities_of_a_flushed_interval_stay_duplicates_when_the_local_lookup_is_lost() {
        DownloadActivity event = download(UUID.randomUUID().toString(), 5);
        task.process(new Input.Download(event));
        task.flush();

        Task restarted = restartWithoutLocalIdentities();
        restarted.process(new Input.Download(event));
        restarted.flush();

        assertThat(restarted.incidents()).isEqualTo(1);
        assertThat(restarted.months()).isEmpty();
    }

    @Test
    void chunks_that_left_the_retention_are_deleted_by_the_next_flush() {
        task.process(new Input.Download(download(UUID.randomUUID().toString(), 1)));
        task.flush();
        assertThat(chunks()).hasSize(1);

        Instant later = Instant.parse("2025-03-02T10:00:00Z").plus(DownloadAdmission.ledgerRetention(GRACE)).plus(Duration.ofDays(2));
        task.process(new Input.Download(SampleEvents.download(ORG).setEventId(UUID.randomUUID().toString()).setOccurredAt(later)
                .setReceivedAt(later).setChannel(ActivityChannel.DOWNLOAD).setCount(1).build()));
        task.flush();

        assertThat(chunks()).as("only the chunk opened by the later event").hasSize(1);
    }

    private List<KeyValue<Bytes, byte[]>> chunks() {
        List<KeyValue<Bytes, byte[]>> chunks = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> all = ((KeyValueStore<Bytes, byte[]>) stores.get(DownloadAdmission.LEDGER_STORE)).all()) {
            all.forEachRemaining(chunks::add);
        }
        return chunks;
    }

    /** A new processor on the same stores, as after a clean restart. */
    private Task restart() {
        task.processor.close();
        MockProcessorContext<String, Emission> context = context(stateDir.resolve("first").toFile());
        stores.values().forEach(context::addStateStore);
        return new Task(context);
    }

    /** A new processor on the logged stores and an empty local identity lookup, as after a crash. */
    private Task restartWithoutLocalIdentities() {
        task.processor.close();
        MockProcessorContext<String, Emission> context = context(stateDir.resolve("after-crash").toFile());
        stores.remove(DownloadAdmission.IDS_STORE).close();
        StoreBuilder<?> lookup = OrganizationFiguresTopology.stores(serdes, GRACE).stream()
                .filter(builder -> builder.name().equals(DownloadAdmission.IDS_STORE)).findFirst().orElseThrow();
        stores.put(DownloadAdmission.IDS_STORE, init(lookup, context));
        stores.values().forEach(context::addStateStore);
        return new Task(context);
    }

    private void profile(Pledge pledge) {
        TimestampedKeyValueStore<String, Pledge> profiles = (TimestampedKeyValueStore<String, Pledge>) stores.get(PROFILES);
        profiles.put(pledge.getOrgId(), ValueAndTimestamp.make(pledge, 0L));
    }

    private static DownloadActivity download(String eventId, long count) {
        Instant at = Instant.parse("2025-03-02T10:00:00Z");
        return SampleEvents.download(ORG).setEventId(eventId).setOccurredAt(at).setReceivedAt(at)
                .setChannel(ActivityChannel.DOWNLOAD).setCount(count).build();
    }

    private static StateStore init(StoreBuilder<?> builder, MockProcessorContext<String, Emission> context) {
        StateStore store = windowed(builder).withCachingDisabled().withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    /**
     * Kafka's window stores (RocksDB and in-memory alike) need Kafka Streams' internal context, which
     * MockProcessorContext is not: the identity lookup is a {@link WindowEntries} here, which keeps
     * the same (key, time) entries. The RocksDB stores themselves run in the topology specs and the
     * crash test ({@code StreamsCrashIT}).
     */
    private static StoreBuilder<?> windowed(StoreBuilder<?> builder) {
        if (builder.name().equals(DownloadAdmission.IDS_STORE)) {
            return new WindowEntries.Builder<>(builder.name());
        }
        return builder;
    }

    private static MockProcessorContext<String, Emission> context(File stateDir) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "restart-spec");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        MockProcessorContext<String, Emission> context = new MockProcessorContext<>(config, new TaskId(0, 0), stateDir);
        context.setCurrentSystemTimeMs(Instant.parse("2026-01-05T00:00:00Z").toEpochMilli());
        return context;
    }

    private static RecordSerdes serdes() {
        InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
        new SchemaRegistration(registry).registerAll(SchemaRegistration.subjectsOf(Topics.all()));
        return new RecordSerdes(registry);
    }

    /** One processor on the task's stores. */
    private static final class Task {
        final MockProcessorContext<String, Emission> context;
        final OrganizationFigures processor = new OrganizationFigures(GRACE, Duration.ofMillis(100), PROFILES);

        Task(MockProcessorContext<String, Emission> context) {
            this.context = context;
            processor.init(context);
        }

        void process(Input input) {
            processor.process(new Record<>(ORG, input, 0L));
        }

        void flush() {
            context.scheduledPunctuators().get(0).getPunctuator().punctuate(context.currentSystemTimeMs());
        }

        List<Emission> forwarded() {
            return context.forwarded().stream().map(forward -> (Emission) forward.record().value()).toList();
        }

        /** Downloads of each month record sent, in order. */
        List<Long> months() {
            return forwarded().stream().filter(Emission.Month.class::isInstance)
                    .map(e -> ((Emission.Month) e).figures()).filter(m -> m.getOrgId().equals(ORG))
                    .map(OrgMonthlyMetrics::getActivity).map(a -> a.getDownloads()).toList();
        }

        /** Changes of the program's downloads sent, in order. */
        List<Long> programDownloads() {
            return forwarded().stream().filter(Emission.Delta.class::isInstance).map(Emission.Delta.class::cast)
                    .filter(d -> d.key().getDimension() == RollupDimension.PROGRAM)
                    .map(d -> d.delta().getActivity().getDownloads()).toList();
        }

        long incidents() {
            return forwarded().stream().filter(Emission.Incident.class::isInstance).count();
        }
    }
}
