package org.bluebutton.analytics.streams;

import java.time.Duration;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.bluebutton.analytics.schemas.aggregate.RollupDelta;
import org.bluebutton.analytics.schemas.aggregate.RollupKey;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.streams.figures.OrganizationFiguresTopology;
import org.bluebutton.analytics.streams.organization.OrganizationsTopology;
import org.bluebutton.analytics.streams.organization.PledgeCountsTopology;
import org.bluebutton.analytics.streams.quality.DataQualityTopology;
import org.bluebutton.analytics.streams.quality.InputRecords;
import org.bluebutton.analytics.streams.rollup.RollupTopology;

/**
 * The whole streams application's topology, composed of the feature topologies; the one method the
 * application, the TopologyTestDriver specifications and the integration tests all build from.
 *
 * <p>Shape: one sub-topology reads the four input topics, which are keyed by organization and
 * co-partitioned, and does every organization's own work in place ({@link OrganizationFiguresTopology});
 * roll-up changes cross the network once, summed per group; pledge counts and data-quality figures
 * each cross once more, for the few records they need (profile changes, incidents).
 */
public final class PledgeAnalyticsTopology {

    /** How often changed figures are sent on when no flush interval is given: the default commit interval. */
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofMillis(100);

    private final RecordSerdes serdes;
    private final Duration grace;
    private final Duration flushInterval;
    private final String applicationId;

    /**
     * @param serdes registry-backed serdes
     * @param grace how long after a month ends its events are still counted
     * @param applicationId recorded in dead letters
     */
    public PledgeAnalyticsTopology(RecordSerdes serdes, Duration grace, String applicationId) {
        this(serdes, grace, DEFAULT_FLUSH_INTERVAL, applicationId);
    }

    /**
     * @param serdes registry-backed serdes
     * @param grace how long after a month ends its events are still counted
     * @param flushInterval how often changed months, years and roll-up changes are sent on (the commit
     *                      interval is the natural choice: output is visible only at commits anyway)
     * @param applicationId recorded in dead letters
     */
    public PledgeAnalyticsTopology(RecordSerdes serdes, Duration grace, Duration flushInterval, String applicationId) {
        this.serdes = serdes;
        this.grace = grace;
        this.flushInterval = flushInterval;
        this.applicationId = applicationId;
    }

    /** The topology. */
    public Topology topology() {
        StreamsBuilder builder = new StreamsBuilder();
        DataQualityTopology quality = new DataQualityTopology(serdes);
        InputRecords inputs = new InputRecords(serdes, applicationId, quality);
        KTable<String, Pledge> organizations = new OrganizationsTopology(serdes, inputs).addTo(builder);
        new PledgeCountsTopology(serdes).addTo(organizations);
        KStream<RollupKey, RollupDelta> rollupChanges = new OrganizationFiguresTopology(serdes, grace, flushInterval, inputs, quality)
                .addTo(builder, organizations, OrganizationsTopology.STORE);
        new RollupTopology(serdes).addTo(builder, rollupChanges);
        quality.addTo(builder);
        return builder.build();
    }
}
