package org.bluebutton.analytics.streams.organization;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.bluebutton.analytics.schemas.aggregate.PledgeCountKey;
import org.bluebutton.analytics.schemas.aggregate.PledgeCounts;
import org.bluebutton.analytics.schemas.aggregate.PledgeLedger;
import org.bluebutton.analytics.streams.RecordSerdes;

/**
 * Turns each version of the program-wide ledger into its rows of pledge counts, and retracts the rows
 * of periods the ledger no longer spans with tombstones: when the earliest pledge date is corrected
 * later, or the last organization is deleted, the compacted topic must not keep counts for periods
 * that now have none. The ledger behind the last rows written is kept in store {@value #EMITTED_STORE}.
 */
final class PledgeCountRows implements Processor<String, PledgeLedger, PledgeCountKey, PledgeCounts> {

    static final String EMITTED_STORE = "pledge-counts-emitted";

    private ProcessorContext<PledgeCountKey, PledgeCounts> context;
    private KeyValueStore<String, PledgeLedger> emitted;

    /** The processor with its store. */
    static ProcessorSupplier<String, PledgeLedger, PledgeCountKey, PledgeCounts> supplier(RecordSerdes serdes) {
        return new ProcessorSupplier<>() {
            @Override
            public Processor<String, PledgeLedger, PledgeCountKey, PledgeCounts> get() {
                return new PledgeCountRows();
            }

            @Override
            public Set<StoreBuilder<?>> stores() {
                return Set.of(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(EMITTED_STORE), Serdes.String(),
                        serdes.internalValue(PledgeLedger.class)));
            }
        };
    }

    @Override
    public void init(ProcessorContext<PledgeCountKey, PledgeCounts> context) {
        this.context = context;
        this.emitted = context.getStateStore(EMITTED_STORE);
    }

    @Override
    public void process(Record<String, PledgeLedger> record) {
        PledgeLedger current = record.value() == null ? PledgeLedgers.empty() : record.value();
        Map<PledgeCountKey, PledgeCounts> rows = rowsOf(current);
        PledgeLedger previous = emitted.get(record.key());
        if (previous != null) {
            for (PledgeCountKey gone : rowsOf(previous).keySet()) {
                if (!rows.containsKey(gone)) {
                    context.forward(record.withKey(gone).withValue(null));
                }
            }
        }
        rows.forEach((key, counts) -> context.forward(record.withKey(key).withValue(counts)));
        emitted.put(record.key(), current);
    }

    private static Map<PledgeCountKey, PledgeCounts> rowsOf(PledgeLedger ledger) {
        Map<PledgeCountKey, PledgeCounts> rows = new LinkedHashMap<>();
        for (PledgeCounts counts : PledgeLedgers.counts(ledger)) {
            rows.put(new PledgeCountKey(counts.getGranularity(), counts.getYear(), counts.getMonth(), counts.getOrganizationType()), counts);
        }
        return rows;
    }
}
