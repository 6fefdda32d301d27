package org.bluebutton.analytics.streams.figures;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.bluebutton.analytics.schemas.aggregate.EngagementKey;
import org.bluebutton.analytics.schemas.aggregate.EngagementMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthKey;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgYearKey;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.RollupContribution;
import org.bluebutton.analytics.schemas.aggregate.RollupDelta;
import org.bluebutton.analytics.schemas.aggregate.RollupKey;
import org.bluebutton.analytics.schemas.event.AccessSnapshot;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.event.EngagementActivity;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.KeyEncoding;
import org.bluebutton.analytics.streams.RecordSerdes;
import org.bluebutton.analytics.streams.quality.DataQualityTopology;
import org.bluebutton.analytics.streams.quality.InputRecords;

/**
 * The organizations' own figures in one pass over their co-partitioned input topics ({@link
 * OrganizationFigures}): {@code OrgMonthlyMetrics}, {@code OrgYearlyMetrics} and {@code EngagementMetrics}
 * on their compacted topics and in the queryable stores {@value #MONTHS_STORE}, {@value #YEARS_STORE} and
 * {@value #ENGAGEMENT_STORE}; late downloads on {@code bluebutton.late-events}; duplicates and late
 * events counted in the data-quality figures; and, summed per roll-up group, what the organizations
 * change in the roll-ups — the only records of this part that cross the network again.
 *
 * <p>Metric definitions: activity counts each (organization, eventId) once, in the month of its event
 * time, while the month is open (grace); the snapshot that stands for a month is the one with the
 * latest {@code asOf} in it (ties: the latest received), a re-sent snapshot (same organization and
 * eventId) changes nothing, ever; a year's activity is the sum of its months and its access the standing
 * snapshot with the latest date in the year.
 */
public final class OrganizationFiguresTopology {

    /** Queryable store of organization months. */
    public static final String MONTHS_STORE = OrganizationFigures.MONTHS_STORE;
    /** Queryable store of organization years. */
    public static final String YEARS_STORE = OrganizationFigures.YEARS_STORE;
    /** Queryable store of engagement figures. */
    public static final String ENGAGEMENT_STORE = OrganizationFigures.ENGAGEMENT_STORE;

    private final RecordSerdes serdes;
    private final Duration grace;
    private final Duration flushInterval;
    private final InputRecords inputs;
    private final DataQualityTopology quality;

    /**
     * @param serdes registry-backed serdes for values
     * @param grace how long after a month ends its events are still counted
     * @param flushInterval how often changed months and years are sent on (their records and roll-up changes)
     * @param inputs reads the input topics, setting unreadable records aside
     * @param quality where late events and duplicates are counted
     */
    public OrganizationFiguresTopology(RecordSerdes serdes, Duration grace, Duration flushInterval, InputRecords inputs, DataQualityTopology quality) {
        this.serdes = serdes;
        this.grace = grace;
        this.flushInterval = flushInterval;
        this.inputs = inputs;
        this.quality = quality;
    }

    /**
     * Adds the organization figures to {@code builder}, reading profiles from {@code organizations}
     * (materialized as {@code organizationsStore}, without a cache, so each change reaches the figures
     * as it is processed); returns the roll-up changes keyed by group.
     */
    public KStream<RollupKey, RollupDelta> addTo(StreamsBuilder builder, KTable<String, Pledge> organizations, String organizationsStore) {
        stores(serdes, grace).forEach(builder::addStateStore);

        KStream<String, Input> downloads = inputs.read(builder, Topics.DOWNLOAD_ACTIVITY.name(), DownloadActivity.class, Rules::download)
                .mapValues(Input.Download::new, Named.as("downloads-in"));
        KStream<String, Input> snapshots = inputs.read(builder, Topics.ACCESS_SNAPSHOTS.name(), AccessSnapshot.class, Rules::snapshot)
                .mapValues(Input.Snapshot::new, Named.as("snapshots-in"));
        KStream<String, Input> engagement = inputs.read(builder, Topics.ENGAGEMENT_ACTIVITY.name(), EngagementActivity.class, Rules::engagement)
                .mapValues(Input.Engagement::new, Named.as("engagement-in"));
        KStream<String, Input> profiles = organizations.toStream(Named.as("profile-changes"))
                .mapValues((orgId, profile) -> new Input.ProfileChanged(orgId), Named.as("profiles-in"));

        KStream<String, Emission> emitted = downloads
                .merge(snapshots, Named.as("with-snapshots"))
                .merge(engagement, Named.as("with-engagement"))
                .merge(profiles, Named.as("with-profiles"))
                .process(() -> new OrganizationFigures(grace, flushInterval, organizationsStore), Named.as("organization-figures"),
                        organizationsStore, DownloadAdmission.IDS_STORE, DownloadAdmission.LEDGER_STORE, DownloadAdmission.CLOCK_STORE, MONTHS_STORE, YEARS_STORE,
                        ENGAGEMENT_STORE, OrganizationFigures.MONTH_SNAPSHOTS_STORE, OrganizationFigures.SNAPSHOT_IDS_STORE,
                        OrganizationFigures.ENGAGEMENT_IDS_STORE, OrganizationFigures.PUBLISHED_STORE);

        Map<String, KStream<String, Emission>> kinds = emitted.split(Named.as("emitted-"))
                .branch((orgId, e) -> e instanceof Emission.Month, Branched.as("months"))
                .branch((orgId, e) -> e instanceof Emission.Year, Branched.as("years"))
                .branch((orgId, e) -> e instanceof Emission.Engagement, Branched.as("engagement"))
                .branch((orgId, e) -> e instanceof Emission.Late, Branched.as("late"))
                .branch((orgId, e) -> e instanceof Emission.Incident, Branched.as("incidents"))
                .defaultBranch(Branched.as("deltas"));
        kinds.get("emitted-months")
                .map((orgId, e) -> KeyValue.pair(((Emission.Month) e).key(), ((Emission.Month) e).figures()), Named.as("month-records"))
                .to(Topics.ORG_MONTHLY_METRICS.name(), Produced.with(serdes.key(OrgMonthKey.class), serdes.value(OrgMonthlyMetrics.class)));
        kinds.get("emitted-years")
                .map((orgId, e) -> KeyValue.pair(((Emission.Year) e).key(), ((Emission.Year) e).figures()), Named.as("year-records"))
                .to(Topics.ORG_YEARLY_METRICS.name(), Produced.with(serdes.key(OrgYearKey.class), serdes.value(OrgYearlyMetrics.class)));
        kinds.get("emitted-engagement")
                .map((orgId, e) -> KeyValue.pair(((Emission.Engagement) e).key(), ((Emission.Engagement) e).figures()), Named.as("engagement-records"))
                .to(Topics.ENGAGEMENT_METRICS.name(), Produced.with(serdes.key(EngagementKey.class), serdes.value(EngagementMetrics.class)));
        kinds.get("emitted-late")
                .mapValues(e -> ((Emission.Late) e).event(), Named.as("late-records"))
                .to(Topics.LATE_EVENTS.name(), Produced.with(Serdes.String(), serdes.value(DownloadActivity.class)));
        quality.record(kinds.get("emitted-incidents").mapValues(e -> ((Emission.Incident) e).incident(), Named.as("figure-incidents")));
        return kinds.get("emitted-deltas")
                .map((group, e) -> KeyValue.pair(((Emission.Delta) e).key(), ((Emission.Delta) e).delta()), Named.as("rollup-changes"));
    }

    /** The stores of {@link OrganizationFigures}, but the profiles' (the organizations table's). */
    static List<StoreBuilder<?>> stores(RecordSerdes serdes, Duration grace) {
        return List.of(DownloadAdmission.idStore(grace), DownloadAdmission.ledgerStore(), DownloadAdmission.clockStore(),
                cached(MONTHS_STORE, KeyEncoding.ORG_MONTH, serdes.internalValue(OrgMonthlyMetrics.class)),
                cached(YEARS_STORE, KeyEncoding.ORG_YEAR, serdes.internalValue(OrgYearlyMetrics.class)),
                cached(ENGAGEMENT_STORE, KeyEncoding.ENGAGEMENT, serdes.internalValue(EngagementMetrics.class)),
                uncached(OrganizationFigures.MONTH_SNAPSHOTS_STORE, KeyEncoding.ORG_MONTH, serdes.internalValue(AccessSnapshot.class)),
                uncached(OrganizationFigures.SNAPSHOT_IDS_STORE, Serdes.Bytes(), Serdes.Long()),
                uncached(OrganizationFigures.ENGAGEMENT_IDS_STORE, Serdes.Bytes(), Serdes.Long()),
                uncached(OrganizationFigures.PUBLISHED_STORE, Serdes.Bytes(), serdes.internalValue(RollupContribution.class)));
    }

    private static <K, V> StoreBuilder<KeyValueStore<K, V>> cached(String name, Serde<K> keys, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values).withCachingEnabled();
    }

    /**
     * Stores written at most once per key between two commits (identities, the standing snapshot, what
     * a flush published): a cache could not save a changelog write and would only take room from the
     * months and years.
     */
    private static <K, V> StoreBuilder<KeyValueStore<K, V>> uncached(String name, Serde<K> keys, Serde<V> values) {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), keys, values).withCachingDisabled();
    }
}
