package org.bluebutton.analytics.streams.month;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.bluebutton.analytics.schemas.aggregate.AccessFigures;
import org.bluebutton.analytics.schemas.aggregate.ActivityCounts;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthKey;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.event.AccessSnapshot;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.RecordSerdes;
import org.bluebutton.analytics.schemas.aggregate.DataQualityMetrics;
import org.bluebutton.analytics.streams.quality.DataQualityTopology;
import org.bluebutton.analytics.streams.quality.InputRecords;

/**
 * Download activity and access snapshots → {@code OrgMonthlyMetrics} per organization and calendar
 * month (UTC), on the compacted {@code bluebutton.org-monthly-metrics} topic and in the queryable
 * store {@value #METRICS_STORE}.
 *
 * <ul>
 *   <li>Records that cannot be read or break a rule go to {@code bluebutton.dead-letters}.</li>
 *   <li>Late events and duplicates (downloads and snapshots) are counted in the data-quality figures.</li>
 *   <li>Activity counts each eventId once ({@link Admission}); events for a month closed longer than
 *       the grace period go to {@code bluebutton.late-events}.</li>
 *   <li>The snapshot that stands for a month is the one with the latest {@code asOf} in it (ties: the
 *       latest received); a re-sent snapshot (same eventId) is dropped, so it changes nothing.</li>
 * </ul>
 */
public final class OrganizationMonthTopology {

    /** Queryable store of the joined monthly metrics. */
    public static final String METRICS_STORE = "org-month-metrics";

    private final RecordSerdes serdes;
    private final Duration grace;
    private final InputRecords inputs;
    private final DataQualityTopology quality;

    /**
     * @param serdes registry-backed serdes
     * @param grace how long after a month ends its events are still counted
     * @param inputs reads the input topics, setting unreadable records aside
     * @param quality where late events and duplicates are counted
     */
    public OrganizationMonthTopology(RecordSerdes serdes, Duration grace, InputRecords inputs, DataQualityTopology quality) {
        this.serdes = serdes;
        this.grace = grace;
        this.inputs = inputs;
        this.quality = quality;
    }

    /** Adds this topology's nodes to {@code builder}; returns the monthly metrics table. */
    public KTable<OrgMonthKey, OrgMonthlyMetrics> addTo(StreamsBuilder builder) {
        KTable<OrgMonthKey, ActivityCounts> activity = activity(builder);
        KTable<OrgMonthKey, AccessFigures> access = access(builder);
        KTable<OrgMonthKey, OrgMonthlyMetrics> metrics = activity
                .outerJoin(access, MonthFigures::new, Named.as("org-month-join"))
                .mapValues((key, figures) -> new OrgMonthlyMetrics(key.getOrgId(), key.getYear(), key.getMonth(),
                                figures.activity() == null ? noActivity() : figures.activity(), figures.access()),
                        Named.as("org-month-metrics"),
                        Materialized.<OrgMonthKey, OrgMonthlyMetrics, KeyValueStore<Bytes, byte[]>>as(METRICS_STORE)
                                .withKeySerde(serdes.internalKey(OrgMonthKey.class)).withValueSerde(serdes.internalValue(OrgMonthlyMetrics.class)));
        metrics.toStream(Named.as("org-month-metrics-changes"))
                .to(Topics.ORG_MONTHLY_METRICS.name(), Produced.with(serdes.key(OrgMonthKey.class), serdes.value(OrgMonthlyMetrics.class)));
        return metrics;
    }

    /** A month's two halves before they become metrics; never stored, so it needs no serde. */
    private record MonthFigures(ActivityCounts activity, AccessFigures access) {
    }

    private KTable<OrgMonthKey, ActivityCounts> activity(StreamsBuilder builder) {
        builder.addStateStore(EventIds.store(Admission.EVENT_IDS_STORE, Admission.idRetention(grace)));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(Admission.EVENT_CLOCK_STORE), Serdes.String(), Serdes.Long()));
        KStream<String, DownloadActivity> readable = inputs.read(builder, Topics.DOWNLOAD_ACTIVITY.name(), DownloadActivity.class,
                OrganizationMonthTopology::downloadRuleViolation);
        KStream<String, Admission.Verdict> verdicts = readable.processValues(() -> new Admission(grace), Named.as("download-admission"),
                Admission.EVENT_IDS_STORE, Admission.EVENT_CLOCK_STORE);
        verdicts.filter((orgId, verdict) -> verdict.outcome() == Admission.Outcome.LATE, Named.as("late-downloads"))
                .mapValues(Admission.Verdict::event)
                .to(Topics.LATE_EVENTS.name(), Produced.with(Serdes.String(), serdes.value(DownloadActivity.class)));
        quality.record(verdicts.filter((orgId, verdict) -> verdict.outcome() != Admission.Outcome.COUNTED, Named.as("download-incidents"))
                .mapValues(OrganizationMonthTopology::incident, Named.as("download-incident-figures")));
        return verdicts.filter((orgId, verdict) -> verdict.outcome() == Admission.Outcome.COUNTED, Named.as("counted-downloads"))
                .mapValues(Admission.Verdict::event)
                .groupBy((orgId, event) -> monthKey(orgId, event.getOccurredAt()),
                        Grouped.with("downloads-by-month", serdes.internalKey(OrgMonthKey.class), serdes.internalValue(DownloadActivity.class)))
                .aggregate(OrganizationMonthTopology::noActivity, (key, event, counts) -> add(counts, event),
                        Materialized.<OrgMonthKey, ActivityCounts, KeyValueStore<Bytes, byte[]>>as("org-month-activity")
                                .withKeySerde(serdes.internalKey(OrgMonthKey.class)).withValueSerde(serdes.internalValue(ActivityCounts.class)));
    }

    private KTable<OrgMonthKey, AccessFigures> access(StreamsBuilder builder) {
        builder.addStateStore(EventIds.store(FirstSnapshots.SNAPSHOT_IDS_STORE, Admission.idRetention(grace)));
        KStream<String, FirstSnapshots.Arrival> arrivals = inputs.read(builder, Topics.ACCESS_SNAPSHOTS.name(), AccessSnapshot.class,
                        (key, snapshot) -> InputRecords.keyMismatch(key, snapshot.getOrgId()))
                .processValues(() -> new FirstSnapshots(Admission.idRetention(grace)), Named.as("first-snapshots"),
                        FirstSnapshots.SNAPSHOT_IDS_STORE);
        quality.record(arrivals.filter((orgId, arrival) -> arrival.duplicate(), Named.as("snapshot-duplicates"))
                .mapValues(arrival -> DataQualityTopology.duplicate(Topics.ACCESS_SNAPSHOTS.name(), arrival.snapshot().getAsOf()),
                        Named.as("snapshot-incident-figures")));
        return arrivals.filter((orgId, arrival) -> !arrival.duplicate(), Named.as("first-arrivals"))
                .mapValues(FirstSnapshots.Arrival::snapshot, Named.as("first-arrival-snapshots"))
                .groupBy((orgId, snapshot) -> monthKey(orgId, snapshot.getAsOf()),
                        Grouped.with("snapshots-by-month", serdes.internalKey(OrgMonthKey.class), serdes.internalValue(AccessSnapshot.class)))
                .reduce(OrganizationMonthTopology::standing,
                        Materialized.<OrgMonthKey, AccessSnapshot, KeyValueStore<Bytes, byte[]>>as("org-month-snapshot")
                                .withKeySerde(serdes.internalKey(OrgMonthKey.class)).withValueSerde(serdes.internalValue(AccessSnapshot.class)))
                .mapValues(snapshot -> new AccessFigures(snapshot.getAsOf(), snapshot.getPatientsWithAccess(),
                        snapshot.getPatientsOffered(), snapshot.getPatientsRegistered()));
    }

    /** How far an event time may lie after the time ingest received it (clients' clocks run ahead). */
    static final Duration CLOCK_SKEW = Duration.ofDays(1);

    /**
     * Rules a download event must meet beyond its schema. An event time far after reception would move
     * the task's event-time clock forward and close every open month of the partition, so it is refused.
     */
    static String downloadRuleViolation(String key, DownloadActivity event) {
        String mismatch = InputRecords.keyMismatch(key, event.getOrgId());
        if (mismatch != null) {
            return mismatch;
        }
        if (event.getCount() < 1) {
            return "count must be at least 1, got " + event.getCount();
        }
        if (event.getOccurredAt().isAfter(event.getReceivedAt().plus(CLOCK_SKEW))) {
            return "occurredAt " + event.getOccurredAt() + " is more than " + CLOCK_SKEW + " after receivedAt " + event.getReceivedAt();
        }
        return null;
    }

    /** The snapshot that stands for a month: latest asOf, then latest received; equal ones keep the first. */
    static AccessSnapshot standing(AccessSnapshot current, AccessSnapshot next) {
        int byDate = next.getAsOf().compareTo(current.getAsOf());
        if (byDate != 0) {
            return byDate > 0 ? next : current;
        }
        return next.getReceivedAt().isAfter(current.getReceivedAt()) ? next : current;
    }

    static OrgMonthKey monthKey(String orgId, Instant eventTime) {
        YearMonth month = YearMonth.from(eventTime.atOffset(ZoneOffset.UTC));
        return new OrgMonthKey(orgId, month.getYear(), month.getMonthValue());
    }

    static OrgMonthKey monthKey(String orgId, LocalDate date) {
        return new OrgMonthKey(orgId, date.getYear(), date.getMonthValue());
    }

    private static DataQualityMetrics incident(Admission.Verdict verdict) {
        DownloadActivity event = verdict.event();
        return verdict.outcome() == Admission.Outcome.LATE
                ? DataQualityTopology.lateEvent(Topics.DOWNLOAD_ACTIVITY.name(), event.getOccurredAt(), event.getCount())
                : DataQualityTopology.duplicate(Topics.DOWNLOAD_ACTIVITY.name(), event.getOccurredAt());
    }

    private static ActivityCounts noActivity() {
        return new ActivityCounts(0L, 0L, 0L, 0L, 0L);
    }

    private static ActivityCounts add(ActivityCounts counts, DownloadActivity event) {
        ActivityCounts.Builder next = ActivityCounts.newBuilder(counts).setEvents(counts.getEvents() + 1);
        long count = event.getCount();
        switch (event.getChannel()) {
            case VIEW -> next.setViews(counts.getViews() + count);
            case DOWNLOAD -> next.setDownloads(counts.getDownloads() + count);
            case TRANSMIT -> next.setTransmits(counts.getTransmits() + count);
            case API -> next.setApiAccesses(counts.getApiAccesses() + count);
            default -> {
                // UNKNOWN (a channel added after this reader was built) counts as an event only
            }
        }
        return next.build();
    }
}
