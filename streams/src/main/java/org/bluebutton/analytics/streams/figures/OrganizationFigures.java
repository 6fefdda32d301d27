package org.bluebutton.analytics.streams.figures;

import java.time.Duration;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
 * output record, its year (moved by its months' changes) and the roll-up changes are sent by a
 * flush that runs once per flush interval (wall-clock punctuation), not per event: many events of one
 * month become one output record and one change per roll-up group. What each organization period
 * last published (its figures and the profile they were published under) is in {@value
 * #PUBLISHED_STORE}, written in the same exactly-once transactions as the figures. Which months await
 * the flush is kept in memory only: a task that starts (after a restart, a crash or a move) finds them
 * again by comparing each stored month with what it last published, so a crash between two flushes
 * loses nothing and sends nothing twice, without a changelog record per changed month.
 */
final class OrganizationFigures implements Processor<String, Input, String, Emission> {

    static final String MONTHS_STORE = "org-month-metrics";
    static final String YEARS_STORE = "org-year-metrics";
    static final String ENGAGEMENT_STORE = "engagement-metrics";
    static final String MONTH_SNAPSHOTS_STORE = "org-month-snapshot";
    static final String SNAPSHOT_IDS_STORE = "snapshot-event-ids";
    static final String ENGAGEMENT_IDS_STORE = "engagement-event-ids";
    static final String PUBLISHED_STORE = "rollup-published";

    private static final byte MONTH = 1;
    private static final byte YEAR = 2;

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
    private KeyValueStore<Bytes, RollupContribution> published;
    /** Months changed since the last flush, as stored: what the next flush sends. */
    private final Map<OrgMonthKey, OrgMonthlyMetrics> working = new LinkedHashMap<>();
    /** Organizations whose profile changed since the last flush: every period of theirs is reconciled. */
    private final Set<String> profilesChanged = new LinkedHashSet<>();

    OrganizationFigures(Duration grace, Duration flushInterval, String organizationsStore) {
        this.grace = grace;
        this.flushInterval = flushInterval;
        this.organizationsStore = organizationsStore;
    }

    @Override
    public void init(ProcessorContext<String, Emission> context) {
        this.context = context;
        this.admission = new DownloadAdmission(grace, context.getStateStore(DownloadAdmission.IDS_STORE),
                context.getStateStore(DownloadAdmission.LEDGER_STORE), context.getStateStore(DownloadAdmission.CLOCK_STORE));
        this.organizations = context.getStateStore(organizationsStore);
        this.months = context.getStateStore(MONTHS_STORE);
        this.years = context.getStateStore(YEARS_STORE);
        this.engagement = context.getStateStore(ENGAGEMENT_STORE);
        this.monthSnapshots = context.getStateStore(MONTH_SNAPSHOTS_STORE);
        this.snapshotIds = context.getStateStore(SNAPSHOT_IDS_STORE);
        this.engagementIds = context.getStateStore(ENGAGEMENT_IDS_STORE);
        this.published = context.getStateStore(PUBLISHED_STORE);
        // A task revived after a failed commit keeps this processor: what these held may include
        // records of the aborted transaction, which are now processed again.
        working.clear();
        profilesChanged.clear();
        recover();
        context.schedule(flushInterval, PunctuationType.WALL_CLOCK_TIME, now -> flush());
    }

    @Override
    public void close() {
        working.clear();
        profilesChanged.clear();
    }

    /**
     * Finds what awaits a flush after a start: every month whose figures, or whose organization's
     * profile, differ from what the month last published. One pass over the months (their number grows
     * with organizations and years, not with events).
     */
    private void recover() {
        Map<String, Pledge> profiles = new HashMap<>();
        try (KeyValueIterator<OrgMonthKey, OrgMonthlyMetrics> all = months.all()) {
            while (all.hasNext()) {
                KeyValue<OrgMonthKey, OrgMonthlyMetrics> month = all.next();
                RollupContribution now = publication(month.value.getOrgId(), month.value.getActivity(), month.value.getAccess(),
                        profile(month.value.getOrgId(), profiles));
                if (!now.equals(published.get(monthKey(month.key)))) {
                    working.put(month.key, month.value);
                }
            }
        }
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
            profilesChanged.add(profile.orgId());
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
     * marks it for the next flush (in memory: a restarted task finds it again, see {@link #recover()}).
     */
    private void changed(OrgMonthKey key, OrgMonthlyMetrics month) {
        months.put(key, month);
        working.put(key, month);
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
        admission.closeChunks();
        if (working.isEmpty() && profilesChanged.isEmpty()) {
            return;
        }
        long now = context.currentSystemTimeMs();
        Map<String, Pledge> profiles = new HashMap<>();
        Deltas deltas = new Deltas();
        Map<OrgYearKey, OrgYearlyMetrics> changedYears = new LinkedHashMap<>();
        List<Map.Entry<OrgMonthKey, OrgMonthlyMetrics>> changed = new ArrayList<>(working.entrySet());
        working.clear();
        for (Map.Entry<OrgMonthKey, OrgMonthlyMetrics> entry : changed) {
            OrgMonthKey monthKey = entry.getKey();
            OrgMonthlyMetrics month = entry.getValue();
            context.forward(new Record<>(monthKey.getOrgId(), new Emission.Month(monthKey, month), now));
            RollupContribution before = reconcile(monthKey(monthKey), month.getOrgId(), month.getActivity(), month.getAccess(),
                    PeriodGranularity.MONTH, month.getYear(), month.getMonth(), profiles, deltas);
            // The stored year holds every month as last published: it moves by this month's change.
            OrgYearlyMetrics year = changedYears.computeIfAbsent(new OrgYearKey(monthKey.getOrgId(), monthKey.getYear()), this::storedYear);
            Years.replace(year, before == null ? null : before.getActivity(), before == null ? null : before.getAccess(), month);
        }
        for (Map.Entry<OrgYearKey, OrgYearlyMetrics> entry : changedYears.entrySet()) {
            OrgYearKey yearKey = entry.getKey();
            OrgYearlyMetrics year = entry.getValue();
            years.put(yearKey, year);
            context.forward(new Record<>(yearKey.getOrgId(), new Emission.Year(yearKey, year), now));
            reconcile(yearKey(yearKey), year.getOrgId(), year.getActivity(), year.getAccess(), PeriodGranularity.YEAR,
                    year.getYear(), null, profiles, deltas);
        }
        for (String orgId : profilesChanged) {
            reconcileOrganization(orgId, profiles, deltas);
        }
        profilesChanged.clear();
        deltas.drain((group, delta) -> context.forward(new Record<>(group.getDimensionValue(), new Emission.Delta(group, delta), now)));
    }

    /** A year as stored, or an empty one: the sum of its months as they were last published. */
    private OrgYearlyMetrics storedYear(OrgYearKey key) {
        OrgYearlyMetrics year = years.get(key);
        return year != null ? year : Years.of(key.getOrgId(), key.getYear(), List.of());
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
     * Moves one organization period's roll-up contribution from what it last published to what it
     * publishes now: its figures under its current profile (contributing to roll-ups only while the
     * profile is active), and remembers what it published; returns what it published before (or null).
     */
    private RollupContribution reconcile(Bytes periodKey, String orgId, ActivityCounts activity, AccessFigures access, PeriodGranularity granularity,
            int year, Integer month, Map<String, Pledge> profiles, Deltas deltas) {
        RollupContribution now = publication(orgId, activity, access, profile(orgId, profiles));
        RollupContribution before = published.get(periodKey);
        if (now.equals(before)) {
            return before;
        }
        if (before != null && before.getActive()) {
            deltas.apply(before, granularity, year, month, -1);
        }
        if (now.getActive()) {
            deltas.apply(now, granularity, year, month, 1);
        }
        published.put(periodKey, now);
        return before;
    }

    private Pledge profile(String orgId, Map<String, Pledge> profiles) {
        return profiles.computeIfAbsent(orgId, id -> {
            ValueAndTimestamp<Pledge> found = organizations.get(id);
            return found == null ? null : found.value();
        });
    }

    /** What a period publishes: its figures, and the groups its profile puts them in (none without a profile). */
    static RollupContribution publication(String orgId, ActivityCounts activity, AccessFigures access, Pledge profile) {
        boolean active = profile != null && profile.getStatus() != PledgeStatus.WITHDRAWN;
        return new RollupContribution(orgId, profile == null ? null : profile.getOrganizationType(), profile == null ? null : profile.getCategory(),
                profile == null ? null : profile.getState(), active, ActivityCounts.newBuilder(activity).build(),
                access == null ? null : access.getPatientsWithAccess(), access == null ? null : AccessFigures.newBuilder(access).build());
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

    private static Bytes tagged(byte kind, byte[] key) {
        byte[] bytes = new byte[key.length + 1];
        bytes[0] = kind;
        System.arraycopy(key, 0, bytes, 1, key.length);
        return Bytes.wrap(bytes);
    }

}
