package org.bluebutton.analytics.streams.figures;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Windowed;
import org.apache.kafka.streams.kstream.internals.TimeWindow;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * A window store of (key, time) entries in a sorted map, for processors run on MockProcessorContext,
 * which Kafka's own window stores refuse. No retention: specs that use it stay within one.
 */
final class WindowEntries<V> implements WindowStore<Bytes, V> {

    private record Entry(Bytes key, long time) {
    }

    private static final Comparator<Entry> ORDER = Comparator.comparing(Entry::key).thenComparingLong(Entry::time);

    private final String name;
    private final TreeMap<Entry, V> entries = new TreeMap<>(ORDER);
    private boolean open;

    WindowEntries(String name) {
        this.name = name;
    }

    @Override
    public void put(Bytes key, V value, long time) {
        if (value == null) {
            entries.remove(new Entry(key, time));
        } else {
            entries.put(new Entry(key, time), value);
        }
    }

    @Override
    public V fetch(Bytes key, long time) {
        return entries.get(new Entry(key, time));
    }

    @Override
    public WindowStoreIterator<V> fetch(Bytes key, long timeFrom, long timeTo) {
        Iterator<Map.Entry<Entry, V>> found = select(e -> e.key().equals(key) && e.time() >= timeFrom && e.time() <= timeTo).iterator();
        return new WindowStoreIterator<>() {
            @Override
            public boolean hasNext() {
                return found.hasNext();
            }

            @Override
            public KeyValue<Long, V> next() {
                Map.Entry<Entry, V> next = found.next();
                return KeyValue.pair(next.getKey().time(), next.getValue());
            }

            @Override
            public Long peekNextKey() {
                throw new UnsupportedOperationException("peekNextKey");
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, V> fetch(Bytes keyFrom, Bytes keyTo, long timeFrom, long timeTo) {
        return windowed(select(e -> e.key().compareTo(keyFrom) >= 0 && e.key().compareTo(keyTo) <= 0 && e.time() >= timeFrom && e.time() <= timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, V> fetchAll(long timeFrom, long timeTo) {
        return windowed(select(e -> e.time() >= timeFrom && e.time() <= timeTo));
    }

    @Override
    public KeyValueIterator<Windowed<Bytes>, V> all() {
        return windowed(select(e -> true));
    }

    private List<Map.Entry<Entry, V>> select(Predicate<Entry> wanted) {
        List<Map.Entry<Entry, V>> selected = new ArrayList<>();
        entries.forEach((entry, value) -> {
            if (wanted.test(entry)) {
                selected.add(Map.entry(entry, value));
            }
        });
        return selected;
    }

    private KeyValueIterator<Windowed<Bytes>, V> windowed(List<Map.Entry<Entry, V>> selected) {
        Iterator<Map.Entry<Entry, V>> found = selected.iterator();
        return new KeyValueIterator<>() {
            @Override
            public boolean hasNext() {
                return found.hasNext();
            }

            @Override
            public KeyValue<Windowed<Bytes>, V> next() {
                Map.Entry<Entry, V> next = found.next();
                long time = next.getKey().time();
                return KeyValue.pair(new Windowed<>(next.getKey().key(), new TimeWindow(time, time + 1)), next.getValue());
            }

            @Override
            public Windowed<Bytes> peekNextKey() {
                throw new UnsupportedOperationException("peekNextKey");
            }

            @Override
            public void close() {
            }
        };
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        open = true;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        open = false;
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    /** Builds one; caching and logging settings are ignored (it has neither). */
    static final class Builder<V> implements StoreBuilder<WindowEntries<V>> {
        private final String name;

        Builder(String name) {
            this.name = name;
        }

        @Override
        public StoreBuilder<WindowEntries<V>> withCachingEnabled() {
            return this;
        }

        @Override
        public StoreBuilder<WindowEntries<V>> withCachingDisabled() {
            return this;
        }

        @Override
        public StoreBuilder<WindowEntries<V>> withLoggingEnabled(Map<String, String> config) {
            return this;
        }

        @Override
        public StoreBuilder<WindowEntries<V>> withLoggingDisabled() {
            return this;
        }

        @Override
        public WindowEntries<V> build() {
            return new WindowEntries<>(name);
        }

        @Override
        public Map<String, String> logConfig() {
            return Map.of();
        }

        @Override
        public boolean loggingEnabled() {
            return false;
        }

        @Override
        public String name() {
            return name;
        }
    }
}
