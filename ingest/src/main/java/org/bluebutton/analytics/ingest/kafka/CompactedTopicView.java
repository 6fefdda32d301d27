package org.bluebutton.analytics.ingest.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest value per key of a compacted topic, kept in memory by a background consumer that reads
 * every partition from the beginning and then follows new records. It is the same on every instance
 * (each reads the whole topic), so ingest instances share organizations and credentials without
 * sharing files.
 *
 * <p>{@link #put} applies this instance's own acknowledged write at once (read-your-writes); the
 * record's offset guards against the consumer, still behind, putting an older value back.
 *
 * <p>{@link #freshness()} says whether the view can be trusted now. Every {@code checkInterval} the
 * view asks the broker for the end offsets; once its position reaches them, the view is confirmed
 * current as of the moment it asked. The view is {@link Freshness#CURRENT} only while such a
 * confirmation is at most {@code maxStaleness} old, it caught up at start and its consumer still runs.
 * So a change written to the topic is seen by every current view within {@code maxStaleness}: a view
 * that cannot show that it has read it says so instead of answering from what it had. A key whose
 * latest record could not be read is {@link #isUnreadable unreadable} until a readable record of it
 * follows: its value is unknown, and only its value (one record anyone can write to the topic must not
 * stop every organization).
 *
 * @param <V> the value type
 */
public final class CompactedTopicView<V> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CompactedTopicView.class);
    private static final Duration REGISTRY_RETRY = Duration.ofSeconds(1);

    private record Entry<V>(V value, int partition, long offset) {
    }

    /** Whether the view can be trusted, and if not, why. */
    public enum Freshness {
        /** Confirmed against the broker's end offsets within the allowed staleness. */
        CURRENT,
        /** Still reading what the topic held at start. */
        STARTING,
        /** The consumer stopped following the topic (see the log). */
        STOPPED,
        /** The broker answers, but the view has not reached its end offsets in time (e.g. registry down). */
        BEHIND,
        /** The broker did not answer the last end-offset request. */
        BROKER_UNREACHABLE
    }

    /** An end-offset request, asked at {@code askedAtNanos}, that the position has yet to reach. */
    private record Check(long askedAtNanos, Map<TopicPartition, Long> ends) {
    }

    private final String topic;
    private final Consumer<String, V> consumer;
    private final BiConsumer<V, V> onChange;
    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    /** Keys whose latest record was unreadable, with that record's offset; a later readable record clears it. */
    private final Map<String, Long> unreadable = new ConcurrentHashMap<>();
    private final long maxStalenessNanos;
    private final long checkIntervalNanos;
    private volatile boolean running = true;
    private volatile boolean failed;
    private volatile long confirmedAtNanos;
    private volatile boolean confirmedOnce;
    private volatile boolean brokerAnswered = true;
    // Touched by the view's thread only.
    private Check pending;
    private long lastAskedNanos;

    /**
     * @param topic the compacted topic
     * @param consumer a consumer without a group (this view assigns partitions itself); owned and closed by the view
     * @param onChange called with (previous, current) on every change, current null for a tombstone
     * @param maxStaleness how old the last confirmation against the broker may be for the view to be current
     */
    public CompactedTopicView(String topic, Consumer<String, V> consumer, BiConsumer<V, V> onChange, Duration maxStaleness) {
        this.topic = topic;
        this.consumer = consumer;
        this.onChange = onChange;
        this.maxStalenessNanos = maxStaleness.toNanos();
        // Several confirmations per staleness period, so one slow answer does not make the view stale.
        this.checkIntervalNanos = Math.max(Duration.ofMillis(50).toNanos(), maxStalenessNanos / 5);
        this.thread = new Thread(this::run, "view-" + topic);
        this.thread.setDaemon(true);
    }

    /** Starts following the topic. */
    public void start() {
        thread.start();
    }

    /** Waits until everything that was in the topic at start has been read. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether everything that was in the topic at start has been read. */
    public boolean isCaughtUp() {
        return caughtUp.getCount() == 0;
    }

    /** Whether the view is caught up and still following the topic; false once its consumer died. */
    public boolean isHealthy() {
        return isCaughtUp() && !failed && thread.isAlive();
    }

    /** Whether the view can be trusted now, and if not, why. */
    public Freshness freshness() {
        if (failed || !thread.isAlive()) {
            return Freshness.STOPPED;
        }
        if (!isCaughtUp() || !confirmedOnce) {
            return Freshness.STARTING;
        }
        if (System.nanoTime() - confirmedAtNanos > maxStalenessNanos) {
            return brokerAnswered ? Freshness.BEHIND : Freshness.BROKER_UNREACHABLE;
        }
        return Freshness.CURRENT;
    }

    /** Whether {@code key}'s latest record could not be read (its value is unknown until a readable one follows). */
    public boolean isUnreadable(String key) {
        return unreadable.containsKey(key);
    }

    /** The latest value for {@code key}. */
    public Optional<V> get(String key) {
        Entry<V> entry = entries.get(key);
        return entry == null ? Optional.empty() : Optional.ofNullable(entry.value());
    }

    /** Every current value (tombstoned keys left out), in no particular order. */
    public List<V> values() {
        return entries.values().stream().map(Entry::value).filter(Objects::nonNull).toList();
    }

    /** Number of keys with a value. */
    public long size() {
        return entries.values().stream().filter(entry -> entry.value() != null).count();
    }

    /** Applies a write this instance made and Kafka acknowledged at {@code partition}/{@code offset}. */
    public void put(String key, V value, int partition, long offset) {
        apply(key, value, partition, offset);
    }

    /** Writes are rare (admin changes), so one lock keeps the offset check and the update together. */
    private synchronized void apply(String key, V value, int partition, long offset) {
        Entry<V> current = entries.get(key);
        if (current != null && current.partition() == partition && current.offset() >= offset) {
            return; // this write, or a newer one, is already applied
        }
        unreadable.computeIfPresent(key, (k, unreadableOffset) -> unreadableOffset < offset ? null : unreadableOffset);
        // A tombstone stays as an entry without a value, so that its offset still guards the key.
        entries.put(key, new Entry<>(value, partition, offset));
        onChange.accept(current == null ? null : current.value(), value);
    }

    private void run() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofMinutes(5)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> endAtStart = new HashMap<>(consumer.endOffsets(partitions, Duration.ofMinutes(5)));
            while (running) {
                poll();
                confirm(partitions);
                if (caughtUp.getCount() > 0) {
                    endAtStart.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
                    // Caught up once what was there at start is read and the broker confirmed it: the first request then finds the view current.
                    if (endAtStart.isEmpty() && confirmedOnce) {
                        LOG.info("View of {} caught up with {} keys", topic, size());
                        caughtUp.countDown();
                    }
                }
            }
        } catch (WakeupException e) {
            // close() asked the consumer to stop
        } catch (RuntimeException e) {
            failed = true; // health reports it: a stale view must not keep answering
            LOG.error("View of {} stopped following the topic", topic, e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Asks for the end offsets now and then, and records the moment of the last request whose offsets
     * the position has reached. A broker that does not answer leaves the confirmation where it was.
     */
    private void confirm(List<TopicPartition> partitions) {
        long now = System.nanoTime();
        if (pending == null && now - lastAskedNanos >= checkIntervalNanos) {
            lastAskedNanos = now;
            try {
                pending = new Check(now, consumer.endOffsets(partitions, Duration.ofNanos(maxStalenessNanos)));
                brokerAnswered = true;
            } catch (TimeoutException e) {
                brokerAnswered = false;
            }
        }
        if (pending != null && pending.ends().entrySet().stream().allMatch(end -> consumer.position(end.getKey()) >= end.getValue())) {
            confirmedAtNanos = pending.askedAtNanos();
            confirmedOnce = true;
            pending = null;
        }
    }

    private void poll() {
        try {
            for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.key() != null) {
                    apply(record.key(), record.value(), record.partition(), record.offset());
                }
            }
        } catch (RecordDeserializationException e) {
            if (e.getCause() instanceof SchemaRegistryUnavailableException) {
                // The record is fine, the registry is away: read it again later rather than lose it.
                LOG.warn("Schema registry unavailable while reading {}@{} of {}; retrying", e.topicPartition(), e.offset(), topic);
                consumer.seek(e.topicPartition(), e.offset());
                sleep(REGISTRY_RETRY);
                return;
            }
            // Only ingest writes these topics; an unreadable record is a bug to see, not to stop on. Its key's
            // value is unknown from here on (a revocation may be in it), so the view is not current until a
            // readable record of that key follows. A record without a key changes no value.
            String key = keyOf(e.keyBuffer());
            if (key != null) {
                unreadable.merge(key, e.offset(), Math::max);
            }
            LOG.error("Skipping unreadable record {}@{} of {}: {}", e.topicPartition(), e.offset(), topic,
                    e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
        }
    }

    private static String keyOf(ByteBuffer keyBuffer) {
        if (keyBuffer == null) {
            return null;
        }
        ByteBuffer copy = keyBuffer.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        consumer.wakeup();
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }
}
