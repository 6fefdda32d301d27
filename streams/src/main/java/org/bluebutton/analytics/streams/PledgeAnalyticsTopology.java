package org.bluebutton.analytics.streams;

import java.time.Duration;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KTable;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthKey;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgYearKey;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.streams.engagement.EngagementTopology;
import org.bluebutton.analytics.streams.month.OrganizationMonthTopology;
import org.bluebutton.analytics.streams.organization.OrganizationsTopology;
import org.bluebutton.analytics.streams.organization.PledgeCountsTopology;
import org.bluebutton.analytics.streams.quality.DataQualityTopology;
import org.bluebutton.analytics.streams.quality.InputRecords;
import org.bluebutton.analytics.streams.rollup.RollupTopology;
import org.bluebutton.analytics.streams.year.OrganizationYearTopology;

/**
 * The whole streams application's topology, composed of the feature topologies; the one method the
 * application, the TopologyTestDriver specifications and the integration tests all build from.
 */
public final class PledgeAnalyticsTopology {

    private final RecordSerdes serdes;
    private final Duration grace;
    private final String applicationId;

    /**
     * @param serdes registry-backed serdes
     * @param grace how long after a month ends its events are still counted
     * @param applicationId recorded in dead letters
     */
    public PledgeAnalyticsTopology(RecordSerdes serdes, Duration grace, String applicationId) {
        this.serdes = serdes;
        this.grace = grace;
        this.applicationId = applicationId;
    }

    /** The topology. */
    public Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        DataQualityTopology quality = new DataQualityTopology(serdes);
        InputRecords inputs = new InputRecords(serdes, applicationId, quality);
        KTable<String, Pledge> organizations = new OrganizationsTopology(serdes, inputs).addTo(builder);
        new PledgeCountsTopology(serdes).addTo(organizations);
        KTable<OrgMonthKey, OrgMonthlyMetrics> months = new OrganizationMonthTopology(serdes, grace, inputs, quality).addTo(builder);
        KTable<OrgYearKey, OrgYearlyMetrics> years = new OrganizationYearTopology(serdes).addTo(months);
        new RollupTopology(serdes).addTo(months, years, organizations);
        new EngagementTopology(serdes, inputs, quality).addTo(builder);
        quality.addTo();
        return builder.build();
    }
}
