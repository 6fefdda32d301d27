package org.bluebutton.analytics.streams.organization;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.KeyValueStore;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.RecordSerdes;
import org.bluebutton.analytics.streams.quality.InputRecords;

/**
 * Pledges → the table of organizations (current profile, type, category, state, commitments,
 * status) keyed by organization id, in the queryable store {@value #STORE}. Unreadable pledges are
 * dead-lettered like any input.
 */
public final class OrganizationsTopology {

    /** Queryable store of the organizations' current pledge profiles. */
    public static final String STORE = "organizations";

    private final RecordSerdes serdes;
    private final InputRecords inputs;

    public OrganizationsTopology(RecordSerdes serdes, InputRecords inputs) {
        this.serdes = serdes;
        this.inputs = inputs;
    }

    /** Adds the organizations table to {@code builder}. */
    public KTable<String, Pledge> addTo(StreamsBuilder builder) {
        return inputs.read(builder, Topics.PLEDGES.name(), Pledge.class, (key, pledge) -> InputRecords.identityViolation(key, pledge.getOrgId()))
                .toTable(Named.as("organizations-table"),
                        Materialized.<String, Pledge, KeyValueStore<Bytes, byte[]>>as(STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(serdes.internalValue(Pledge.class))
                                // every change reaches the organization figures as it is processed, in the same transaction
                                .withCachingDisabled());
    }
}
