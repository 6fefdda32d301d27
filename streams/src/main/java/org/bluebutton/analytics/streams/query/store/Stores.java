package org.bluebutton.analytics.streams.query.store;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.bluebutton.analytics.schemas.aggregate.DataQualityKey;
import org.bluebutton.analytics.schemas.aggregate.DataQualityMetrics;
import org.bluebutton.analytics.schemas.aggregate.EngagementKey;
import org.bluebutton.analytics.schemas.aggregate.EngagementMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthKey;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgYearKey;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.PeriodGranularity;
import org.bluebutton.analytics.schemas.aggregate.PledgeLedger;
import org.bluebutton.analytics.schemas.aggregate.RollupDimension;
import org.bluebutton.analytics.schemas.aggregate.RollupKey;
import org.bluebutton.analytics.schemas.aggregate.RollupMetrics;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.streams.KeyEncoding;
import org.bluebutton.analytics.streams.RecordSerdes;
import org.bluebutton.analytics.streams.figures.OrganizationFiguresTopology;
import org.bluebutton.analytics.streams.organization.OrganizationsTopology;
import org.bluebutton.analytics.streams.organization.PledgeCountsTopology;
import org.bluebutton.analytics.streams.quality.DataQualityTopology;
import org.bluebutton.analytics.streams.quality.OrganizationIncidentsKey;
import org.bluebutton.analytics.streams.rollup.RollupTopology;

/** The topology's queryable stores, typed. */
public final class Stores {

    public final StoreType<String, Pledge> organizations;
    public final StoreType<OrgMonthKey, OrgMonthlyMetrics> orgMonths;
    public final StoreType<OrgYearKey, OrgYearlyMetrics> orgYears;
    public final StoreType<String, PledgeLedger> pledgeLedger;
    public final StoreType<EngagementKey, EngagementMetrics> engagement;
    public final StoreType<DataQualityKey, DataQualityMetrics> dataQuality;
    public final StoreType<OrganizationIncidentsKey, DataQualityMetrics> organizationDataQuality;
    private final Map<String, StoreType<RollupKey, RollupMetrics>> rollups = new LinkedHashMap<>();
    private final Map<String, StoreType<?, ?>> byName = new LinkedHashMap<>();

    private final String applicationId;

    public Stores(RecordSerdes serdes, String applicationId) {
        this.applicationId = applicationId;
        organizations = add(new StoreType<>(OrganizationsTopology.STORE, Serdes.String(), serdes.internalValue(Pledge.class),
                changelog(OrganizationsTopology.STORE), orgId -> orgId));
        orgMonths = add(new StoreType<>(OrganizationFiguresTopology.MONTHS_STORE, KeyEncoding.ORG_MONTH,
                serdes.internalValue(OrgMonthlyMetrics.class), changelog(OrganizationFiguresTopology.MONTHS_STORE), OrgMonthKey::getOrgId));
        orgYears = add(new StoreType<>(OrganizationFiguresTopology.YEARS_STORE, KeyEncoding.ORG_YEAR,
                serdes.internalValue(OrgYearlyMetrics.class), changelog(OrganizationFiguresTopology.YEARS_STORE), OrgYearKey::getOrgId));
        pledgeLedger = add(new StoreType<>(PledgeCountsTopology.LEDGER_STORE, Serdes.String(), serdes.internalValue(PledgeLedger.class),
                changelog(PledgeCountsTopology.LEDGER_STORE)));
        engagement = add(new StoreType<>(OrganizationFiguresTopology.ENGAGEMENT_STORE, KeyEncoding.ENGAGEMENT,
                serdes.internalValue(EngagementMetrics.class), changelog(OrganizationFiguresTopology.ENGAGEMENT_STORE), EngagementKey::getOrgId));
        dataQuality = add(new StoreType<>(DataQualityTopology.METRICS_STORE, KeyEncoding.DATA_QUALITY,
                serdes.internalValue(DataQualityMetrics.class), changelog(DataQualityTopology.METRICS_STORE)));
        organizationDataQuality = add(new StoreType<>(DataQualityTopology.ORGANIZATION_STORE, KeyEncoding.ORGANIZATION_INCIDENTS,
                serdes.internalValue(DataQualityMetrics.class), changelog(DataQualityTopology.ORGANIZATION_STORE), OrganizationIncidentsKey::orgId));
        for (RollupDimension dimension : new RollupDimension[] {RollupDimension.PROGRAM, RollupDimension.CATEGORY, RollupDimension.STATE}) {
            for (PeriodGranularity granularity : new PeriodGranularity[] {PeriodGranularity.MONTH, PeriodGranularity.YEAR}) {
                String name = RollupTopology.store(dimension, granularity);
                rollups.put(name, add(new StoreType<>(name, KeyEncoding.ROLLUP, serdes.internalValue(RollupMetrics.class),
                        changelog(name))));
            }
        }
    }

    /** The roll-up store of a dimension and granularity. */
    public StoreType<RollupKey, RollupMetrics> rollup(RollupDimension dimension, PeriodGranularity granularity) {
        return rollups.get(RollupTopology.store(dimension, granularity));
    }

    /** A store by name, or null when the topology has no such queryable store. */
    public StoreType<?, ?> named(String name) {
        return byName.get(name);
    }

    /** The changelog topic Kafka Streams names for a store of this application. */
    private String changelog(String store) {
        return applicationId + "-" + store + "-changelog";
    }

    private <K, V> StoreType<K, V> add(StoreType<K, V> type) {
        byName.put(type.name(), type);
        return type;
    }
}
