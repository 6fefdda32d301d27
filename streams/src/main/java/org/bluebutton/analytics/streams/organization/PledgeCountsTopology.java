package org.bluebutton.analytics.streams.organization;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.bluebutton.analytics.schemas.aggregate.PledgeCountKey;
import org.bluebutton.analytics.schemas.aggregate.PledgeCounts;
import org.bluebutton.analytics.schemas.aggregate.PledgeLedger;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.RecordSerdes;

/**
 * Organizations → pledged organizations over time ({@code PledgeCounts} per month and year and
 * organization type) on {@code bluebutton.pledge-counts}. Every organization's current profile is
 * kept in one program-wide ledger (store {@value #LEDGER_STORE}, key {@value #PROGRAM}) with
 * adder/subtractor, so a changed pledge date or a withdrawal moves the counts of every period it
 * touches; periods the ledger no longer spans are retracted ({@link PledgeCountRows}). One key is fine
 * here: pledges number in the thousands, not millions.
 */
public final class PledgeCountsTopology {

    /** Queryable store of the program-wide ledger. */
    public static final String LEDGER_STORE = "pledge-ledger";
    /** The ledger's only key. */
    public static final String PROGRAM = "program";

    private final RecordSerdes serdes;

    public PledgeCountsTopology(RecordSerdes serdes) {
        this.serdes = serdes;
    }

    /** Adds the pledge counts of {@code organizations} to their builder. */
    public KTable<String, PledgeLedger> addTo(KTable<String, Pledge> organizations) {
        KTable<String, PledgeLedger> ledger = organizations
                .groupBy((orgId, pledge) -> KeyValue.pair(PROGRAM, pledge),
                        Grouped.with("pledges-by-program", Serdes.String(), serdes.internalValue(Pledge.class)))
                .aggregate(PledgeLedgers::empty,
                        (key, pledge, current) -> PledgeLedgers.apply(current, pledge, 1),
                        (key, pledge, current) -> PledgeLedgers.apply(current, pledge, -1),
                        Named.as("pledge-ledger-aggregate"),
                        Materialized.<String, PledgeLedger, KeyValueStore<Bytes, byte[]>>as(LEDGER_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(serdes.internalValue(PledgeLedger.class)));
        ledger.toStream(Named.as("pledge-ledger-changes"))
                .process(PledgeCountRows.supplier(serdes), Named.as("pledge-counts"))
                .to(Topics.PLEDGE_COUNTS.name(), Produced.with(serdes.key(PledgeCountKey.class), serdes.value(PledgeCounts.class)));
        return ledger;
    }
}
