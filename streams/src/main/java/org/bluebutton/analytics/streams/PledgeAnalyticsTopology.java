package org.bluebutton.analytics.streams;

import java.time.Duration;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KTable;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthKey;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.streams.month.OrganizationMonthTopology;
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
        KTable<OrgMonthKey, OrgMonthlyMetrics> months = new OrganizationMonthTopology(serdes, grace, applicationId).addTo(builder);
        new OrganizationYearTopology(serdes).addTo(months);
        return builder.build();
    }
}
