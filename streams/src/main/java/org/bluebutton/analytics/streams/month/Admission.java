package org.bluebutton.analytics.streams.month;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.bluebutton.analytics.schemas.event.DownloadActivity;

/**
 * Decides whether a download event counts: once per eventId, and only while its month is open. A
 * month stays open until the grace period has passed after its end, measured in event time: the
 * latest event time this task has seen (kept in a store, so it survives restarts). Events for a
 * closed month are late: they go to the late-events topic instead of changing a published month.
 *
 * <p>Event ids are remembered in a window store at their event time, for as long as their month can
 * still be open, and looked up across that whole span, so an id resent with another event time is
 * still a duplicate. Duplicates are recognised before lateness.
 */
final class Admission implements FixedKeyProcessor<String, DownloadActivity, Admission.Verdict> {

    /** What happens to an event. */
    enum Outcome { COUNTED, DUPLICATE, LATE }

    /** An event and what happens to it. */
    record Verdict(DownloadActivity event, Outcome outcome) {
    }

    static final String EVENT_IDS_STORE = "download-event-ids";
    static final String EVENT_CLOCK_STORE = "download-event-clock";
    private static final String LATEST = "latest-event-time";

    private final Duration grace;
    private final Duration retention;
    private FixedKeyProcessorContext<String, Verdict> context;
    private EventIds eventIds;
    private KeyValueStore<String, Long> clock;

    Admission(Duration grace) {
        this.grace = grace;
        this.retention = idRetention(grace);
    }

    /** How long event ids must be remembered: the longest a month can stay open after an event in it. */
    static Duration idRetention(Duration grace) {
        return grace.plus(Duration.ofDays(32));
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Verdict> context) {
        this.context = context;
        this.eventIds = new EventIds(context.getStateStore(EVENT_IDS_STORE), retention);
        this.clock = context.getStateStore(EVENT_CLOCK_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, DownloadActivity> record) {
        DownloadActivity event = record.value();
        long eventTime = event.getOccurredAt().toEpochMilli();
        Long seen = clock.get(LATEST);
        long latest = seen == null ? eventTime : Math.max(seen, eventTime);
        if (seen == null || eventTime > seen) {
            clock.put(LATEST, eventTime);
        }
        Outcome outcome;
        if (eventIds.seen(event.getEventId(), eventTime)) {
            outcome = Outcome.DUPLICATE; // checked first: a retry of a counted event is a duplicate, not a late event
        } else if (monthClosesAt(event.getOccurredAt()).toEpochMilli() < latest) {
            outcome = Outcome.LATE;
        } else {
            eventIds.admit(event.getEventId(), eventTime);
            outcome = Outcome.COUNTED;
        }
        context.forward(record.withValue(new Verdict(event, outcome)));
    }

    private Instant monthClosesAt(Instant eventTime) {
        YearMonth month = YearMonth.from(eventTime.atOffset(ZoneOffset.UTC));
        return month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(grace);
    }
}
