package org.bluebutton.analytics.streams.year;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.bluebutton.analytics.schemas.aggregate.AccessFigures;
import org.bluebutton.analytics.schemas.aggregate.ActivityCounts;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthKey;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgYearKey;
import org.bluebutton.analytics.schemas.aggregate.OrgYearState;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.RecordSerdes;

/**
 * {@code OrgMonthlyMetrics} → {@code OrgYearlyMetrics} on {@code bluebutton.org-yearly-metrics} and in
 * the store {@value #METRICS_STORE}. Activity is the sum of the year's months; patients with access is
 * the standing snapshot with the latest date in the year — never a sum of monthly gauges. Each month
 * is kept in the state, so when a month changes (a late event within grace, a superseding snapshot)
 * its old figures are subtracted and its new ones added.
 */
public final class OrganizationYearTopology {

    /** Queryable store of the yearly metrics. */
    public static final String METRICS_STORE = "org-year-metrics";

    private final RecordSerdes serdes;

    public OrganizationYearTopology(RecordSerdes serdes) {
        this.serdes = serdes;
    }

    /** Adds the yearly aggregation of {@code months} to their builder; returns the yearly table. */
    public KTable<OrgYearKey, OrgYearlyMetrics> addTo(KTable<OrgMonthKey, OrgMonthlyMetrics> months) {
        KTable<OrgYearKey, OrgYearlyMetrics> years = months
                .groupBy((key, month) -> KeyValue.pair(new OrgYearKey(key.getOrgId(), key.getYear()), month),
                        Grouped.with("org-months-by-year", serdes.internalKey(OrgYearKey.class), serdes.internalValue(OrgMonthlyMetrics.class)))
                .aggregate(OrganizationYearTopology::emptyYear,
                        (year, month, state) -> withMonth(state, month),
                        (year, month, state) -> withoutMonth(state, month),
                        Named.as("org-year-aggregate"),
                        Materialized.<OrgYearKey, OrgYearState, KeyValueStore<Bytes, byte[]>>as("org-year-state")
                                .withKeySerde(serdes.internalKey(OrgYearKey.class)).withValueSerde(serdes.internalValue(OrgYearState.class)))
                .mapValues((key, state) -> metrics(key, state), Named.as("org-year-metrics"),
                        Materialized.<OrgYearKey, OrgYearlyMetrics, KeyValueStore<Bytes, byte[]>>as(METRICS_STORE)
                                .withKeySerde(serdes.internalKey(OrgYearKey.class)).withValueSerde(serdes.internalValue(OrgYearlyMetrics.class)));
        years.toStream(Named.as("org-year-metrics-changes"))
                .to(Topics.ORG_YEARLY_METRICS.name(), Produced.with(serdes.key(OrgYearKey.class), serdes.value(OrgYearlyMetrics.class)));
        return years;
    }

    static OrgYearState emptyYear() {
        return new OrgYearState(new HashMap<>(), new HashMap<>());
    }

    static OrgYearState withMonth(OrgYearState state, OrgMonthlyMetrics month) {
        Map<String, ActivityCounts> activity = new HashMap<>(state.getActivityByMonth());
        Map<String, AccessFigures> access = new HashMap<>(state.getAccessByMonth());
        String key = Integer.toString(month.getMonth());
        activity.put(key, month.getActivity());
        if (month.getAccess() == null) {
            access.remove(key);
        } else {
            access.put(key, month.getAccess());
        }
        return new OrgYearState(activity, access);
    }

    static OrgYearState withoutMonth(OrgYearState state, OrgMonthlyMetrics month) {
        Map<String, ActivityCounts> activity = new HashMap<>(state.getActivityByMonth());
        Map<String, AccessFigures> access = new HashMap<>(state.getAccessByMonth());
        String key = Integer.toString(month.getMonth());
        activity.remove(key);
        access.remove(key);
        return new OrgYearState(activity, access);
    }

    static OrgYearlyMetrics metrics(OrgYearKey key, OrgYearState state) {
        long views = 0;
        long downloads = 0;
        long transmits = 0;
        long api = 0;
        long events = 0;
        int monthsWithActivity = 0;
        for (ActivityCounts month : state.getActivityByMonth().values()) {
            views += month.getViews();
            downloads += month.getDownloads();
            transmits += month.getTransmits();
            api += month.getApiAccesses();
            events += month.getEvents();
            if (month.getEvents() > 0) {
                monthsWithActivity++;
            }
        }
        AccessFigures latest = state.getAccessByMonth().values().stream()
                .max(Comparator.comparing(AccessFigures::getAsOf)).orElse(null);
        return new OrgYearlyMetrics(key.getOrgId(), key.getYear(), new ActivityCounts(views, downloads, transmits, api, events),
                latest, monthsWithActivity, state.getAccessByMonth().size());
    }
}
