package org.bluebutton.analytics.streams.month;

import java.time.Duration;
import java.time.ZoneOffset;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.bluebutton.analytics.schemas.event.AccessSnapshot;

/**
 * Marks each snapshot's arrivals after the first as duplicates. Ingest stamps every request with a new receivedAt, so a
 * client's retry of an earlier snapshot would otherwise look newer than a correction sent in between
 * and undo it.
 */
final class FirstSnapshots implements FixedKeyProcessor<String, AccessSnapshot, FirstSnapshots.Arrival> {

    /** A snapshot's arrival, and whether its eventId arrived before. */
    record Arrival(AccessSnapshot snapshot, boolean duplicate) {
    }

    static final String SNAPSHOT_IDS_STORE = "snapshot-event-ids";

    private final Duration retention;
    private FixedKeyProcessorContext<String, Arrival> context;
    private EventIds eventIds;

    FirstSnapshots(Duration retention) {
        this.retention = retention;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Arrival> context) {
        this.context = context;
        this.eventIds = new EventIds(context.getStateStore(SNAPSHOT_IDS_STORE), retention);
    }

    @Override
    public void process(FixedKeyRecord<String, AccessSnapshot> record) {
        AccessSnapshot snapshot = record.value();
        long eventTime = snapshot.getAsOf().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        boolean duplicate = eventIds.seen(snapshot.getEventId(), eventTime);
        if (!duplicate) {
            eventIds.admit(snapshot.getEventId(), eventTime);
        }
        context.forward(record.withValue(new Arrival(snapshot, duplicate)));
    }
}
