package org.bluebutton.analytics.streams.month;

import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The event ids a task has admitted, remembered in a window store at their event time for a
 * retention period and looked up across that whole span, so an id resent with another event time is
 * still recognised.
 */
final class EventIds {

    private final WindowStore<String, Long> store;
    private final long retentionMillis;

    EventIds(WindowStore<String, Long> store, Duration retention) {
        this.store = store;
        this.retentionMillis = retention.toMillis();
    }

    /** The store backing an {@code EventIds} named {@code name}. */
    static StoreBuilder<WindowStore<String, Long>> store(String name, Duration retention) {
        return Stores.windowStoreBuilder(Stores.persistentWindowStore(name, retention, Duration.ofMillis(1), false),
                Serdes.String(), Serdes.Long());
    }

    /** Whether {@code eventId} was admitted at any event time still remembered. */
    boolean seen(String eventId, long eventTime) {
        try (WindowStoreIterator<Long> found = store.fetch(eventId, Instant.ofEpochMilli(Math.max(0, eventTime - retentionMillis)),
                Instant.ofEpochMilli(eventTime + retentionMillis))) {
            return found.hasNext();
        }
    }

    /** Remembers {@code eventId} as admitted at {@code eventTime}. */
    void admit(String eventId, long eventTime) {
        store.put(eventId, eventTime, eventTime);
    }
}
