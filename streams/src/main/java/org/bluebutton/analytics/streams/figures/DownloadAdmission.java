package org.bluebutton.analytics.streams.figures;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
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
 * <p>Identities are remembered at their event time, for as long as their month can still be open, and
 * looked up across that whole span, so an event resent with another event time is still a duplicate.
 * Duplicates are recognised before lateness. The identity includes the organization: an id another
 * organization sends (event ids of monthly CSV rows are derivable, and organization ids are public)
 * can never make this organization's events count as duplicates.
 *
 * <p>Where identities are kept, and why in two places: the lookup needs one entry per identity (the
 * local window store {@value #IDS_STORE}), but one changelog record per identity was half of all the
 * records the application wrote. So the local store is not logged; what makes identities durable is
 * the ledger {@value #LEDGER_STORE}: an organization's identities admitted since the last flush are
 * one chunk (at most {@value #CHUNK_IDS} identities), rewritten in the record cache as it grows, so
 * each chunk costs about one changelog record per commit instead of one per event. When a task starts
 * (after a restore, a move to another instance, or a crash, which under exactly-once wipes the local
 * state) the local store is filled again from the ledger's chunks of the retention period.
 *
 * <p>The ledger is a key-value store (a compacted changelog) keyed by the chunk's opening time first,
 * and each flush deletes the chunks that have left the retention: a window store's changelog would be
 * cleaned by its records' timestamps, which a replay of old input takes from the input, so the broker
 * could delete chunks a restart in the middle of the replay still needs.
 */
final class DownloadAdmission {

    /** What happens to an event. */
    enum Outcome { COUNTED, DUPLICATE, LATE }

    static final String IDS_STORE = "download-event-ids";
    static final String LEDGER_STORE = "download-identity-chunks";
    static final String CLOCK_STORE = "download-event-clock";
    private static final String LATEST = "latest-event-time";
    /** Identities per chunk at most: a chunk is rewritten whole at each new identity, so it stays small. */
    static final int CHUNK_IDS = 16;
    /** How much event time one chunk may span (its identities must all outlive it by the retention). */
    static final Duration CHUNK_SPAN = Duration.ofDays(31);

    private final long retentionMillis;
    private final long ledgerRetentionMillis;
    private final WindowStore<Bytes, Long> ids;
    private final KeyValueStore<Bytes, byte[]> ledger;
    private final KeyValueStore<String, Long> clock;
    private final long graceMillis;
    /** The chunk each organization adds to until the next flush. */
    private final Map<String, Chunk> open = new HashMap<>();
    private long latest;

    DownloadAdmission(Duration grace, WindowStore<Bytes, Long> ids, KeyValueStore<Bytes, byte[]> ledger, KeyValueStore<String, Long> clock) {
        this.graceMillis = grace.toMillis();
        this.retentionMillis = idRetention(grace).toMillis();
        this.ledgerRetentionMillis = ledgerRetention(grace).toMillis();
        this.ids = ids;
        this.ledger = ledger;
        this.clock = clock;
        Long seen = clock.get(LATEST);
        this.latest = seen == null ? Long.MIN_VALUE : seen;
        rebuild();
    }

    /** How long identities must be remembered: the longest a month can stay open after an event in it. */
    static Duration idRetention(Duration grace) {
        return grace.plus(Duration.ofDays(32));
    }

    /** How long chunks are kept: a chunk is dated when it opens and spans at most {@link #CHUNK_SPAN}. */
    static Duration ledgerRetention(Duration grace) {
        return idRetention(grace).plus(CHUNK_SPAN).plus(Duration.ofDays(1));
    }

    /** How much event time one RocksDB segment of the identity stores spans. */
    static final Duration SEGMENT_INTERVAL = Duration.ofDays(366);

    /**
     * The local identity lookup. Its segments span a year of event time, not the factory's half
     * retention: a replay of ten years would otherwise open and destroy a RocksDB instance per task
     * every month of event time, which dominated the replay. Not logged: the ledger is its changelog.
     */
    static StoreBuilder<WindowStore<Bytes, Long>> idStore(Duration grace) {
        // Every identity is distinct: a cache would only hold what the lookup reads from RocksDB anyway.
        return Stores.windowStoreBuilder(supplier(IDS_STORE, idRetention(grace)), Serdes.Bytes(), Serdes.Long())
                .withCachingDisabled().withLoggingDisabled();
    }

    /** The durable chunks; the record cache turns a chunk's rewrites between two commits into one changelog record. */
    static StoreBuilder<KeyValueStore<Bytes, byte[]>> ledgerStore() {
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(LEDGER_STORE), Serdes.Bytes(), Serdes.ByteArray()).withCachingEnabled();
    }

    private static WindowBytesStoreSupplier supplier(String name, Duration retention) {
        long millis = retention.toMillis();
        return new RocksDbWindowBytesStoreSupplier(name, millis, Math.max(millis, SEGMENT_INTERVAL.toMillis()), 1L, false, false);
    }

    static StoreBuilder<KeyValueStore<String, Long>> clockStore() {
        // Cached: the clock moves with nearly every event of a replay; one changelog record per commit is enough.
        return Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CLOCK_STORE), Serdes.String(), Serdes.Long()).withCachingEnabled();
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
        remember(event.getOrgId(), event.getEventId(), eventTime);
        return Outcome.COUNTED;
    }

    /**
     * Ends every open chunk (the next identity of an organization starts a new one) and deletes the
     * chunks that have left the retention. Called by each flush.
     */
    void closeChunks() {
        open.clear();
        if (latest == Long.MIN_VALUE) {
            return;
        }
        long expiredBefore = latest - ledgerRetentionMillis;
        if (expiredBefore <= 0) {
            return;
        }
        List<Bytes> expired = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> chunks = ledger.range(null, Bytes.wrap(new KeyEncoding.Writer().i64(expiredBefore).bytes()))) {
            chunks.forEachRemaining(chunk -> expired.add(chunk.key));
        }
        expired.forEach(ledger::delete);
    }

    private void remember(String orgId, String eventId, long eventTime) {
        Chunk chunk = open.get(orgId);
        if (chunk == null || chunk.size == CHUNK_IDS || latest - chunk.openedAt > CHUNK_SPAN.toMillis()) {
            // Dated by the task's clock, which no identity in it precedes by more than the retention.
            // Keyed by opening time first, so expired chunks are one range (event times are never negative).
            chunk = new Chunk(Bytes.wrap(new KeyEncoding.Writer().i64(latest).string(orgId).string(eventId).bytes()), latest);
            open.put(orgId, chunk);
        }
        chunk.add(eventId, eventTime);
        ledger.put(chunk.key, chunk.bytes());
    }

    /** Fills the local lookup from the ledger's chunks that can still hold a live identity. */
    private void rebuild() {
        if (latest == Long.MIN_VALUE) {
            return; // nothing admitted yet
        }
        long liveFrom = latest - retentionMillis;
        try (KeyValueIterator<Bytes, byte[]> chunks = ledger.range(Bytes.wrap(new KeyEncoding.Writer().i64(Math.max(0, latest - ledgerRetentionMillis)).bytes()),
                null)) {
            while (chunks.hasNext()) {
                KeyValue<Bytes, byte[]> chunk = chunks.next();
                KeyEncoding.Reader key = new KeyEncoding.Reader(chunk.key.get());
                key.i64();
                String orgId = key.string();
                KeyEncoding.Reader entries = new KeyEncoding.Reader(chunk.value);
                while (entries.hasMore()) {
                    String eventId = entries.string();
                    long eventTime = entries.i64();
                    if (eventTime >= liveFrom) {
                        ids.put(Bytes.wrap(KeyEncoding.organizationEvent(orgId, eventId)), eventTime, eventTime);
                    }
                }
            }
        }
    }

    private long monthClosesAt(Instant eventTime) {
        YearMonth month = YearMonth.from(eventTime.atOffset(ZoneOffset.UTC));
        return month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() + graceMillis;
    }

    /** An organization's identities admitted since its chunk opened: (eventId, event time) pairs. */
    private static final class Chunk {
        final Bytes key;
        final long openedAt;
        final KeyEncoding.Writer entries = new KeyEncoding.Writer();
        int size;

        Chunk(Bytes key, long openedAt) {
            this.key = key;
            this.openedAt = openedAt;
        }

        void add(String eventId, long eventTime) {
            entries.string(eventId).i64(eventTime);
            size++;
        }

        byte[] bytes() {
            return entries.bytes();
        }
    }
}
