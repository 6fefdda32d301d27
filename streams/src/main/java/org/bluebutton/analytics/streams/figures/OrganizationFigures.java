package org.bluebutton.analytics.streams.figures;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.bluebutton.analytics.schemas.aggregate.AccessFigures;
import org.bluebutton.analytics.schemas.aggregate.ActivityCounts;
import org.bluebutton.analytics.schemas.aggregate.EngagementKey;
import org.bluebutton.analytics.schemas.aggregate.EngagementMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthKey;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgYearKey;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.PeriodGranularity;
import org.bluebutton.analytics.schemas.aggregate.RollupContribution;
import org.bluebutton.analytics.schemas.event.AccessSnapshot;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.event.EngagementActivity;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.PledgeStatus;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.KeyEncoding;
import org.bluebutton.analytics.streams.quality.DataQualityTopology;

/**
 * Everything that belongs to one organization, done in the task that reads the organization's
 * partitions: admission of downloads (each (organization, eventId) once, lateness), the standing
 * snapshot of each month, month and year figures, engagement figures, and what the organization
 * contributes to roll-ups. No repartition stands between an event and its organization's figures,
 * which the query API reads as soon as the event is processed.
 *
 * <p>A month's figures are stored as each event is processed (the query API reads them at once). Its
 * output record, its year (recomputed from the year's months) and the roll-up changes are sent by a
 * flush that runs once per flush interval (wall-clock punctuation), not per event: many events of one
 * month become one output record and one change per roll-up group. Which months await the flush is
 * kept in the logged store {@value #PENDING_STORE}, and what each organization period last contributed
 * to roll-ups in {@value #PUBLISHED_STORE}; both are written in the same exactly-once transactions as
 * the figures, so a crash between two flushes loses nothing and sends nothing twice.
 */
final class OrganizationFigures implements Processor<String, Input, String, Emission> {

    static final String MONTHS_STORE = "org-month-metrics";
    static final String YEARS_STORE = "org-year-metrics";
    static final String ENGAGEMENT_STORE = "engagement-metrics";
    static final String MONTH_SNAPSHOTS_STORE = "org-month-snapshot";
    static final String SNAPSHOT_IDS_STORE = "snapshot-event-ids";
    static final String ENGAGEMENT_IDS_STORE = "engagement-event-ids";
    static final String PENDING_STORE = "figures-pending";
    static final String PUBLISHED_STORE = "rollup-published";

    private static final byte MONTH = 1;
    private static final byte YEAR = 2; // a tag of published entries only: years are derived from their months at each flush
    private static final byte ORGANIZATION = 3;

    private final Duration grace;
    private final Duration flushInterval;
    private final String organizationsStore;
    private ProcessorContext<String, Emission> context;
    private DownloadAdmission admission;
    private TimestampedKeyValueStore<String, Pledge> organizations;
    private KeyValueStore<OrgMonthKey, OrgMonthlyMetrics> months;
    private KeyValueStore<OrgYearKey, OrgYearlyMetrics> years;
    private KeyValueStore<EngagementKey, EngagementMetrics> engagement;
    private KeyValueStore<OrgMonthKey, AccessSnapshot> monthSnapshots;
    private KeyValueStore<Bytes, Long> snapshotIds;
    private KeyValueStore<Bytes, Long> engagementIds;
    private KeyValueStore<Bytes, Integer> pending;
    private KeyValueStore<Bytes, RollupContribution> published;
    /** Months changed since the last flush, as stored: saves reading back what this interval wrote. */
    private final Map<OrgMonthKey, OrgMonthlyMetrics> working = new HashMap<>();

    OrganizationFigures(Duration grace, Duration flushInterval, String organizationsStore) {
        this.grace = grace;
        this.flushInterval = flushInterval;
        this.organizationsStore = organizationsStore;
    }

    @Override
    public void init(ProcessorContext<String, Emission> context) {
        this.context = context;
        this.admission = new DownloadAdmission(grace, context.getStateStore(DownloadAdmission.IDS_STORE),
                context.getStateStore(DownloadAdmission.CLOCK_STORE));
        this.organizations = context.getStateStore(organizationsStore);
        this.months = context.getStateStore(MONTHS_STORE);
        this.years = context.getStateStore(YEARS_STORE);
        this.engagement = context.getStateStore(ENGAGEMENT_STORE);
        this.monthSnapshots = context.getStateStore(MONTH_SNAPSHOTS_STORE);
        this.snapshotIds = context.getStateStore(SNAPSHOT_IDS_STORE);
        this.engagementIds = context.getStateStore(ENGAGEMENT_IDS_STORE);
        this.pending = context.getStateStore(PENDING_STORE);
        this.published = context.getStateStore(PUBLISHED_STORE);
        // A task revived after a failed commit keeps this processor: what this map held may include
        // records of the aborted transaction, which are now processed again.
        working.clear();
        context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, now -> flush());
    }

    @Override
    public void close() {
        working.clear();
    }

    @Override
    public void process(Record<String, Input> record) {
        Input input = record.value();
        if (input instanceof Input.Download download) {
            download(record, download.event());
        } else if (input instanceof Input.Snapshot snapshot) {
            snapshot(record, snapshot.snapshot());
        } else if (input instanceof Input.Engagement activity) {
            engagement(record, activity.activity());
        } else if (input instanceof Input.ProfileChanged profile) {
            pending.put(organizationKey(profile.orgId()), 1);
        }
    }

    private void download(Record<String, Input> record, DownloadActivity event) {
        switch (admission.admit(event)) {
            case DUPLICATE -> forward(record, new Emission.Incident(
                    DataQualityTopology.duplicate(Topics.DOWNLOAD_ACTIVITY.name(), event.getOccurredAt())));
            case LATE -> {
                forward(record, new Emission.Late(event));
                forward(record, new Emission.Incident(
                        DataQualityTopology.lateEvent(Topics.DOWNLOAD_ACTIVITY.name(), event.getOccurredAt(), event.getCount())));
            }
            case COUNTED -> count(event);
        }
    }

    private void count(DownloadActivity event) {
        YearMonth period = YearMonth.from(event.getOccurredAt().atOffset(ZoneOffset.UTC));
        OrgMonthKey monthKey = new OrgMonthKey(event.getOrgId(), period.getYear(), period.getMonthValue());
        OrgMonthlyMetrics month = month(monthKey);
        add(month.getActivity(), event);
        changed(monthKey, month);
    }

    private void snapshot(Record<String, Input> record, AccessSnapshot snapshot) {
        Bytes identity = Bytes.wrap(KeyEncoding.organizationEvent(snapshot.getOrgId(), snapshot.getEventId()));
        if (snapshotIds.get(identity) != null) {
            // Kept for good, so a retry of a superseded snapshot can never win again, however late it comes.
            forward(record, new Emission.Incident(DataQualityTopology.duplicate(Topics.ACCESS_SNAPSHOTS.name(), snapshot.getAsOf())));
            return;
        }
        snapshotIds.put(identity, snapshot.getAsOf().toEpochDay());
        OrgMonthKey monthKey = new OrgMonthKey(snapshot.getOrgId(), snapshot.getAsOf().getYear(), snapshot.getAsOf().getMonthValue());
        AccessSnapshot current = monthSnapshots.get(monthKey);
        if (current != null && standing(current, snapshot) == current) {
            return;
        }
        monthSnapshots.put(monthKey, snapshot);
        OrgMonthlyMetrics month = month(monthKey);
        month.setAccess(new AccessFigures(snapshot.getAsOf(), snapshot.getPatientsWithAccess(), snapshot.getPatientsOffered(),
                snapshot.getPatientsRegistered()));
        changed(monthKey, month);
    }

    /** The month's figures: from this interval's working set, else the store, else none yet. */
    private OrgMonthlyMetrics month(OrgMonthKey key) {
        OrgMonthlyMetrics month = working.get(key);
        if (month == null) {
            month = months.get(key);
        }
        return month != null ? month
                : new OrgMonthlyMetrics(key.getOrgId(), key.getYear(), key.getMonth(), noActivity(), null);
    }

    /**
     * Stores a changed month at once (the store and its changelog are what a commit makes durable) and
     * marks it for the next flush; the marker is written every time (the record cache makes that one
     * changelog record per commit), so it never depends on what this processor remembers in memory.
     */
    private void changed(OrgMonthKey key, OrgMonthlyMetrics month) {
        months.put(key, month);
        working.put(key, month);
        pending.put(monthKey(key), 1);
    }

    private void engagement(Record<String, Input> record, EngagementActivity activity) {
        Bytes identity = Bytes.wrap(KeyEncoding.organizationEvent(activity.getOrgId(), activity.getEventId()));
        if (engagementIds.get(identity) != null) {
            forward(record, new Emission.Incident(DataQualityTopology.duplicate(Topics.ENGAGEMENT_ACTIVITY.name(), activity.getOccurredOn())));
            return;
        }
        engagementIds.put(identity, (long) activity.getOccurredOn().toEpochDay());
        EngagementKey key = new EngagementKey(activity.getOrgId(), activity.getOccurredOn().getYear(), activity.getEngagementType());
        EngagementMetrics current = engagement.get(key);
        long reached = activity.getPeopleReached() == null ? 0L : activity.getPeopleReached();
        EngagementMetrics next = current == null
                ? new EngagementMetrics(key.getOrgId(), key.getYear(), key.getEngagementType(), 1L, reached)
                : new EngagementMetrics(key.getOrgId(), key.getYear(), key.getEngagementType(), current.getActivities() + 1,
                        current.getPeopleReached() + reached);
        engagement.put(key, next);
        forward(record, new Emission.Engagement(key, next)); // stories are few: sent as they come
    }

    /**
     * Sends the figures of every month changed since the last flush and of their years (recomputed
     * from the year's months), and what the changes (and changed profiles) do to each roll-up group,
     * summed per group.
     */
    void flush() {
        working.clear();
        List<Bytes> keys = new ArrayList<>();
        try (KeyValueIterator<Bytes, Integer> all = pending.all()) {
            all.forEachRemaining(entry -> keys.add(entry.key));
        }
        if (keys.isEmpty()) {
            return;
        }
        long now = context.currentSystemTimeMs();
        Map<String, Pledge> profiles = new HashMap<>();
        Deltas deltas = new Deltas();
        Set<OrgYearKey> changedYears = new LinkedHashSet<>();
        for (Bytes key : keys) {
            byte[] encoded = key.get();
            byte[] rest = Arrays.copyOfRange(encoded, 1, encoded.length);
            if (encoded[0] == MONTH) {
                OrgMonthKey monthKey = KeyEncoding.ORG_MONTH.deserializer().deserialize(null, rest);
                OrgMonthlyMetrics month = months.get(monthKey);
                context.forward(new Record<>(monthKey.getOrgId(), new Emission.Month(monthKey, month), now));
                reconcile(monthKey(monthKey), month.getOrgId(), month.getActivity(), month.getAccess(), PeriodGranularity.MONTH,
                        month.getYear(), month.getMonth(), profiles, deltas);
                changedYears.add(new OrgYearKey(monthKey.getOrgId(), monthKey.getYear()));
            } else if (encoded[0] == ORGANIZATION) {
                reconcileOrganization(new KeyEncoding.Reader(rest).string(), profiles, deltas);
            } else {
                throw new IllegalStateException("unknown pending entry kind " + encoded[0]);
            }
            pending.delete(key);
        }
        for (OrgYearKey yearKey : changedYears) {
            OrgYearlyMetrics year = yearOf(yearKey);
            years.put(yearKey, year);
            context.forward(new Record<>(yearKey.getOrgId(), new Emission.Year(yearKey, year), now));
            reconcile(yearKey(yearKey), year.getOrgId(), year.getActivity(), year.getAccess(), PeriodGranularity.YEAR,
                    year.getYear(), null, profiles, deltas);
        }
        deltas.drain((group, delta) -> context.forward(new Record<>(group.getDimensionValue(), new Emission.Delta(group, delta), now)));
    }

    /** A year from its months (the one rule: {@link Years}). */
    private OrgYearlyMetrics yearOf(OrgYearKey key) {
        List<OrgMonthlyMetrics> ofYear = new ArrayList<>();
        try (KeyValueIterator<OrgMonthKey, OrgMonthlyMetrics> range = months.range(new OrgMonthKey(key.getOrgId(), key.getYear(), 0),
                new OrgMonthKey(key.getOrgId(), key.getYear(), 0xFF))) {
            range.forEachRemaining(month -> ofYear.add(month.value));
        }
        return Years.of(key.getOrgId(), key.getYear(), ofYear);
    }

    /** A profile changed: every period of the organization moves to the groups the new profile puts it in (or leaves them). */
    private void reconcileOrganization(String orgId, Map<String, Pledge> profiles, Deltas deltas) {
        List<KeyValue<OrgMonthKey, OrgMonthlyMetrics>> ofMonths = new ArrayList<>();
        try (KeyValueIterator<OrgMonthKey, OrgMonthlyMetrics> all = months.range(new OrgMonthKey(orgId, 0, 0), new OrgMonthKey(orgId, 0xFFFF, 0xFF))) {
            all.forEachRemaining(ofMonths::add);
        }
        for (KeyValue<OrgMonthKey, OrgMonthlyMetrics> month : ofMonths) {
            reconcile(monthKey(month.key), orgId, month.value.getActivity(), month.value.getAccess(), PeriodGranularity.MONTH,
                    month.key.getYear(), month.key.getMonth(), profiles, deltas);
        }
        List<KeyValue<OrgYearKey, OrgYearlyMetrics>> ofYears = new ArrayList<>();
        try (KeyValueIterator<OrgYearKey, OrgYearlyMetrics> all = years.range(new OrgYearKey(orgId, 0), new OrgYearKey(orgId, 0xFFFF))) {
            all.forEachRemaining(ofYears::add);
        }
        for (KeyValue<OrgYearKey, OrgYearlyMetrics> year : ofYears) {
            reconcile(yearKey(year.key), orgId, year.value.getActivity(), year.value.getAccess(), PeriodGranularity.YEAR,
                    year.key.getYear(), null, profiles, deltas);
        }
    }

    /**
     * Moves one organization period's roll-up contribution from what it last contributed to what it
     * contributes now: its figures under its current profile, or nothing without an active profile.
     */
    private void reconcile(Bytes periodKey, String orgId, ActivityCounts activity, AccessFigures access, PeriodGranularity granularity,
            int year, Integer month, Map<String, Pledge> profiles, Deltas deltas) {
        Pledge profile = profiles.computeIfAbsent(orgId, id -> {
            ValueAndTimestamp<Pledge> found = organizations.get(id);
            return found == null ? null : found.value();
        });
        RollupContribution now = profile == null || profile.getStatus() == PledgeStatus.WITHDRAWN ? null
                : new RollupContribution(orgId, profile.getOrganizationType(), profile.getCategory(), profile.getState(), true,
                        ActivityCounts.newBuilder(activity).build(), access == null ? null : access.getPatientsWithAccess());
        RollupContribution before = published.get(periodKey);
        if (Objects.equals(before, now)) {
            return;
        }
        if (before != null) {
            deltas.apply(before, granularity, year, month, -1);
        }
        if (now != null) {
            deltas.apply(now, granularity, year, month, 1);
            published.put(periodKey, now);
        } else {
            published.delete(periodKey);
        }
    }

    private void forward(Record<String, Input> record, Emission emission) {
        context.forward(record.withValue(emission));
    }

    /** The snapshot that stands for a month: latest asOf, then latest received; equal ones keep the first. */
    static AccessSnapshot standing(AccessSnapshot current, AccessSnapshot next) {
        int byDate = next.getAsOf().compareTo(current.getAsOf());
        if (byDate != 0) {
            return byDate > 0 ? next : current;
        }
        return next.getReceivedAt().isAfter(current.getReceivedAt()) ? next : current;
    }

    private static ActivityCounts noActivity() {
        return new ActivityCounts(0L, 0L, 0L, 0L, 0L);
    }

    private static void add(ActivityCounts counts, DownloadActivity event) {
        counts.setEvents(counts.getEvents() + 1);
        long count = event.getCount();
        switch (event.getChannel()) {
            case VIEW -> counts.setViews(counts.getViews() + count);
            case DOWNLOAD -> counts.setDownloads(counts.getDownloads() + count);
            case TRANSMIT -> counts.setTransmits(counts.getTransmits() + count);
            case API -> counts.setApiAccesses(counts.getApiAccesses() + count);
            default -> {
                // UNKNOWN (a channel added after this reader was built) counts as an event only
            }
        }
    }

    static Bytes monthKey(OrgMonthKey key) {
        return tagged(MONTH, KeyEncoding.ORG_MONTH.serializer().serialize(null, key));
    }

    static Bytes yearKey(OrgYearKey key) {
        return tagged(YEAR, KeyEncoding.ORG_YEAR.serializer().serialize(null, key));
    }

    static Bytes organizationKey(String orgId) {
        return tagged(ORGANIZATION, new KeyEncoding.Writer().string(orgId).bytes());
    }

    private static Bytes tagged(byte kind, byte[] key) {
        byte[] bytes = new byte[key.length + 1];
        bytes[0] = kind;
        System.arraycopy(key, 0, bytes, 1, key.length);
        return Bytes.wrap(bytes);
    }

}
