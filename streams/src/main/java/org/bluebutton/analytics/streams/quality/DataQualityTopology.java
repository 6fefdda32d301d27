package org.bluebutton.analytics.streams.quality;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.bluebutton.analytics.schemas.aggregate.DataQualityKey;
import org.bluebutton.analytics.schemas.aggregate.DataQualityMetrics;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.KeyEncoding;
import org.bluebutton.analytics.streams.RecordSerdes;

/**
 * What the pipeline set aside instead of counting → {@code DataQualityMetrics} per input topic and
 * calendar month, on {@code bluebutton.data-quality-metrics} and in the store {@value #METRICS_STORE}.
 * Features report each incident (a late event, a duplicate, a dead letter) as a one-incident
 * {@code DataQualityMetrics}; this topology sums them per key. Late events and duplicates count in the
 * month of their event time, dead letters in the month they were set aside. The same incidents are
 * also summed per organization ({@value #ORGANIZATION_STORE}; a dead letter belongs to the organization
 * its record was keyed by).
 */
public final class DataQualityTopology {

    /** Queryable store of the data-quality figures. */
    public static final String METRICS_STORE = "data-quality-metrics";

    /**
     * Queryable store of each organization's data-quality figures per input topic and month, kept in the
     * organization's own task (the incidents arrive keyed by organization, so no repartition).
     */
    public static final String ORGANIZATION_STORE = "organization-data-quality";

    private final RecordSerdes serdes;
    private final List<KStream<String, DataQualityMetrics>> incidents = new ArrayList<>();

    public DataQualityTopology(RecordSerdes serdes) {
        this.serdes = serdes;
    }

    /** Adds a feature's incidents (keyed by organization) to the figures. */
    public void record(KStream<String, DataQualityMetrics> featureIncidents) {
        incidents.add(featureIncidents);
    }

    /** Sums every recorded incident; call once, after every feature has recorded its incidents. */
    public KTable<DataQualityKey, DataQualityMetrics> addTo(StreamsBuilder builder) {
        if (incidents.isEmpty()) {
            throw new IllegalStateException("no feature recorded data-quality incidents");
        }
        KStream<String, DataQualityMetrics> all = incidents.get(0);
        for (int i = 1; i < incidents.size(); i++) {
            all = all.merge(incidents.get(i), Named.as("data-quality-incidents-" + i));
        }
        KTable<DataQualityKey, DataQualityMetrics> figures = all
                .groupBy((orgId, incident) -> new DataQualityKey(incident.getSourceTopic(), incident.getYear(), incident.getMonth()),
                        Grouped.with("data-quality-by-month", KeyEncoding.DATA_QUALITY,
                                serdes.internalValue(DataQualityMetrics.class)))
                .reduce(DataQualityTopology::sum, Named.as("data-quality-sum"),
                        Materialized.<DataQualityKey, DataQualityMetrics, KeyValueStore<Bytes, byte[]>>as(METRICS_STORE)
                                .withKeySerde(KeyEncoding.DATA_QUALITY)
                                .withValueSerde(serdes.internalValue(DataQualityMetrics.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ORGANIZATION_STORE),
                KeyEncoding.ORGANIZATION_INCIDENTS, serdes.internalValue(DataQualityMetrics.class)).withCachingEnabled());
        all.process(OrganizationIncidents::new, Named.as("organization-data-quality-sum"), ORGANIZATION_STORE);
        figures.toStream(Named.as("data-quality-changes"))
                .to(Topics.DATA_QUALITY_METRICS.name(),
                        Produced.with(serdes.key(DataQualityKey.class), serdes.value(DataQualityMetrics.class)));
        return figures;
    }

    /** One late event of {@code count} whose event time is {@code eventTime}. */
    public static DataQualityMetrics lateEvent(String topic, Instant eventTime, long count) {
        YearMonth month = YearMonth.from(eventTime.atOffset(ZoneOffset.UTC));
        return new DataQualityMetrics(topic, month.getYear(), month.getMonthValue(), 1L, count, 0L, 0L);
    }

    /** One duplicate whose event time is {@code eventTime}. */
    public static DataQualityMetrics duplicate(String topic, Instant eventTime) {
        YearMonth month = YearMonth.from(eventTime.atOffset(ZoneOffset.UTC));
        return new DataQualityMetrics(topic, month.getYear(), month.getMonthValue(), 0L, 0L, 1L, 0L);
    }

    /** One duplicate dated {@code date}. */
    public static DataQualityMetrics duplicate(String topic, LocalDate date) {
        return new DataQualityMetrics(topic, date.getYear(), date.getMonthValue(), 0L, 0L, 1L, 0L);
    }

    /** One record set aside at {@code failedAt}. */
    public static DataQualityMetrics deadLetter(String topic, Instant failedAt) {
        YearMonth month = YearMonth.from(failedAt.atOffset(ZoneOffset.UTC));
        return new DataQualityMetrics(topic, month.getYear(), month.getMonthValue(), 0L, 0L, 0L, 1L);
    }

    /** Adds each incident to its organization's figures for the incident's input topic and month. */
    private static final class OrganizationIncidents implements Processor<String, DataQualityMetrics, Void, Void> {
        /** Longer keys are not organization ids ingest could have written (a forged record): counted per topic only. */
        private static final int MAX_ORG_ID_LENGTH = 64;
        private KeyValueStore<OrganizationIncidentsKey, DataQualityMetrics> store;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            store = context.getStateStore(ORGANIZATION_STORE);
        }

        @Override
        public void process(Record<String, DataQualityMetrics> incident) {
            String orgId = incident.key();
            if (orgId == null || orgId.isEmpty() || orgId.length() > MAX_ORG_ID_LENGTH) {
                return;
            }
            DataQualityMetrics figures = incident.value();
            OrganizationIncidentsKey key = new OrganizationIncidentsKey(orgId, figures.getYear(), figures.getMonth(), figures.getSourceTopic());
            DataQualityMetrics before = store.get(key);
            store.put(key, before == null ? figures : sum(before, figures));
        }
    }

    static DataQualityMetrics sum(DataQualityMetrics a, DataQualityMetrics b) {
        return new DataQualityMetrics(a.getSourceTopic(), a.getYear(), a.getMonth(),
                a.getLateEvents() + b.getLateEvents(), a.getLateCount() + b.getLateCount(),
                a.getDuplicateEvents() + b.getDuplicateEvents(), a.getDeadLetters() + b.getDeadLetters());
    }
}
