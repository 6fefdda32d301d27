package org.bluebutton.analytics.streams.rollup;

import java.util.function.Function;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TableJoined;
import org.apache.kafka.streams.state.KeyValueStore;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthKey;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgYearKey;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.PeriodGranularity;
import org.bluebutton.analytics.schemas.aggregate.RollupContribution;
import org.bluebutton.analytics.schemas.aggregate.RollupDimension;
import org.bluebutton.analytics.schemas.aggregate.RollupKey;
import org.bluebutton.analytics.schemas.aggregate.RollupMetrics;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.RecordSerdes;

/**
 * Organization months and years → {@code RollupMetrics} per program, category and state, per month
 * and per year, on {@code bluebutton.rollup-metrics} and in one queryable store per dimension and
 * granularity ({@link #store}).
 *
 * <p>Each organization period is joined (foreign key: the organization) to the organization's current
 * profile, so it counts in the group the profile puts it in; withdrawn organizations are filtered out
 * of the joined table, which retracts them. Each group sums its members with adder/subtractor, so a
 * superseding snapshot, a category or state change and a withdrawal move the numbers at every level.
 * A group whose last member left is written as a tombstone.
 */
public final class RollupTopology {

    /** The group every organization belongs to, for {@code PROGRAM}. */
    public static final String PROGRAM_WIDE = "ALL";

    private final RecordSerdes serdes;

    public RollupTopology(RecordSerdes serdes) {
        this.serdes = serdes;
    }

    /** The queryable store of one dimension at one granularity, e.g. {@code rollup-category-month}. */
    public static String store(RollupDimension dimension, PeriodGranularity granularity) {
        return "rollup-" + dimension.name().toLowerCase() + "-" + granularity.name().toLowerCase();
    }

    /** Adds every roll-up to the builder of the given tables. */
    public void addTo(KTable<OrgMonthKey, OrgMonthlyMetrics> months, KTable<OrgYearKey, OrgYearlyMetrics> years,
            KTable<String, Pledge> organizations) {
        KTable<OrgMonthKey, RollupContribution> monthly = months.join(organizations,
                (key, month) -> key.getOrgId(),
                (month, profile) -> Contributions.of(month.getOrgId(), month.getActivity(), month.getAccess(), profile),
                TableJoined.as("org-month-profile"),
                Materialized.<OrgMonthKey, RollupContribution, KeyValueStore<Bytes, byte[]>>as("org-month-contribution")
                        .withKeySerde(serdes.internalKey(OrgMonthKey.class)).withValueSerde(serdes.internalValue(RollupContribution.class)))
                .filter((key, contribution) -> contribution.getActive(), Named.as("active-org-months"));
        KTable<OrgYearKey, RollupContribution> yearly = years.join(organizations,
                (key, year) -> key.getOrgId(),
                (year, profile) -> Contributions.of(year.getOrgId(), year.getActivity(), year.getAccess(), profile),
                TableJoined.as("org-year-profile"),
                Materialized.<OrgYearKey, RollupContribution, KeyValueStore<Bytes, byte[]>>as("org-year-contribution")
                        .withKeySerde(serdes.internalKey(OrgYearKey.class)).withValueSerde(serdes.internalValue(RollupContribution.class)))
                .filter((key, contribution) -> contribution.getActive(), Named.as("active-org-years"));
        for (RollupDimension dimension : new RollupDimension[] {RollupDimension.PROGRAM, RollupDimension.CATEGORY, RollupDimension.STATE}) {
            rollUp(monthly, PeriodGranularity.MONTH, dimension, key -> key.getYear(), OrgMonthKey::getMonth);
            rollUp(yearly, PeriodGranularity.YEAR, dimension, OrgYearKey::getYear, key -> null);
        }
    }

    private <K> void rollUp(KTable<K, RollupContribution> contributions, PeriodGranularity granularity, RollupDimension dimension,
            Function<K, Integer> year, Function<K, Integer> month) {
        String name = store(dimension, granularity);
        contributions
                .groupBy((key, contribution) -> KeyValue.pair(
                                new RollupKey(dimension, group(dimension, contribution), granularity, year.apply(key), month.apply(key)), contribution),
                        Grouped.with(name + "-by-group", serdes.internalKey(RollupKey.class), serdes.internalValue(RollupContribution.class)))
                .aggregate(Contributions::empty,
                        (key, contribution, sums) -> Contributions.apply(key, sums, contribution, 1),
                        (key, contribution, sums) -> Contributions.apply(key, sums, contribution, -1),
                        Named.as(name + "-aggregate"),
                        Materialized.<RollupKey, RollupMetrics, KeyValueStore<Bytes, byte[]>>as(name)
                                .withKeySerde(serdes.internalKey(RollupKey.class)).withValueSerde(serdes.internalValue(RollupMetrics.class)))
                .toStream(Named.as(name + "-changes"))
                .mapValues(sums -> sums.getOrganizationsReporting() == 0 ? null : sums, Named.as(name + "-or-tombstone"))
                .to(Topics.ROLLUP_METRICS.name(), Produced.with(serdes.key(RollupKey.class), serdes.value(RollupMetrics.class)));
    }

    private static String group(RollupDimension dimension, RollupContribution contribution) {
        return switch (dimension) {
            case CATEGORY -> contribution.getCategory().name();
            case STATE -> contribution.getState();
            default -> PROGRAM_WIDE;
        };
    }
}
