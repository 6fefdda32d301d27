package org.bluebutton.analytics.streams.figures;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowBytesStoreSupplier;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.state.internals.RocksDbWindowBytesStoreSupplier;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.streams.KeyEncoding;

/**
 * Decides whether a download event counts: once per (organization, eventId), and only while its month
 * is open. A month stays open until the grace period has passed after its end, measured in event
 * time: the latest event time this task has seen (kept in a store, so it survives restarts). Events
 * for a closed month are late: they go to the late-events topic instead of changing a published month.
 *
 * <p>Identities are remembered in a window store at their event time, for as long as their month can
 * still be open, and looked up across that whole span, so an event resent with another event time is
 * still a duplicate. Duplicates are recognised before lateness. The identity includes the
 * organization: an id another organization sends (event ids of monthly CSV rows are derivable, and
 * organization ids are public) can never make this organization's events count as duplicates.
 */
final class DownloadAdmission {

    /** What happens to an event. */
    enum Outcome { COUNTED, DUPLICATE, LATE }

    static final String IDS_STORE = "download-event-ids";
    static final String CLOCK_STORE = "download-event-clock";
    private static final String LATEST = "latest-event-time";

    private final Duration grace;
    private final long retentionMillis;
    private final WindowStore<Bytes, Long> ids;
    private final KeyValueStore<String, Long> clock;
    private long latest;

    DownloadAdmission(Duration grace, WindowStore<Bytes, Long> ids, KeyValueStore<String, Long> clock) {
        this.grace = grace;
        this.retentionMillis = idRetention(grace).toMillis();
        this.ids = ids;
        this.clock = clock;
        Long seen = clock.get(LATEST);
        this.latest = seen == null ? Long.MIN_VALUE : seen;
    }

    /** How long identities must be remembered: the longest a month can stay open after an event in it. */
    static Duration idRetention(Duration grace) {
        return grace.plus(Duration.ofDays(32));
    }

    /** How much event time one RocksDB segment of the identity store spans. */
    static final Duration SEGMENT_INTERVAL = Duration.ofDays(366);

    /**
     * The identity store. Its segments span a year of event time, not the factory's half retention: a
     * replay of ten years would otherwise open and destroy a RocksDB instance per task every month of
     * event time (about 110 per task for ten years at the default grace), which dominated the replay.
     * Expired identities then stay on local disk up to a year longer; the changelog keeps only the
     * retention period, so restoring reads no more than before.
     */
    static StoreBuilder<WindowStore<Bytes, Long>> idStore(Duration grace) {
        long retention = idRetention(grace).toMillis();
        WindowBytesStoreSupplier supplier = new RocksDbWindowBytesStoreSupplier(IDS_STORE, retention,
                Math.max(retention, SEGMENT_INTERVAL.toMillis()), 1L, false, false);
        // Every identity is distinct: a cache would only delay the changelog write it cannot save.
        return Stores.windowStoreBuilder(supplier, Serdes.Bytes(), Serdes.Long()).withCachingDisabled();
    }

    static StoreBuilder<KeyValueStore<String, Long>> clockStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CLOCK_STORE), Serdes.String(), Serdes.Long());
    }

    /** Admits or refuses {@code event}; a counted event's identity is remembered. */
    Outcome admit(DownloadActivity event) {
        long eventTime = event.getOccurredAt().toEpochMilli();
        if (eventTime > latest) {
            latest = eventTime;
            clock.put(LATEST, eventTime);
        }
        Bytes identity = Bytes.wrap(KeyEncoding.organizationEvent(event.getOrgId(), event.getEventId()));
        try (WindowStoreIterator<Long> found = ids.fetch(identity, Instant.ofEpochMilli(Math.max(0, eventTime - retentionMillis)),
                Instant.ofEpochMilli(eventTime + retentionMillis))) {
            if (found.hasNext()) {
                return Outcome.DUPLICATE; // checked first: a retry of a counted event is a duplicate, not a late event
            }
        }
        if (monthClosesAt(event.getOccurredAt()) < latest) {
            return Outcome.LATE;
        }
        ids.put(identity, eventTime, eventTime);
        return Outcome.COUNTED;
    }

    private long monthClosesAt(Instant eventTime) {
        YearMonth month = YearMonth.from(eventTime.atOffset(ZoneOffset.UTC));
        return month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(grace).toEpochMilli();
    }
}
