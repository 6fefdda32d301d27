package org.bluebutton.analytics.streams.query.auth;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bluebutton.analytics.schemas.registry.SchemaRegistry;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryUnavailableException;
import org.bluebutton.analytics.schemas.security.ApiCredential;
import org.bluebutton.analytics.schemas.security.StaffAccount;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every key that may call the query API, as hashes only, read from the two compacted topics ingest writes:
 * each organization's current API key (credentials topic) and each named staff account's current key and
 * role (staff-accounts topic). A key opens routes here by the very rule ingest applies: the latest record
 * of its organization or account, not revoked. A background consumer without a group reads both topics
 * from the beginning and then follows them, so an issue, rotation or revocation reaches this instance
 * within a poll (about 200 ms) of ingest's write.
 *
 * <p>Until both topics have been read up to where they ended at start, a key can be neither admitted nor
 * refused: the lookups throw {@link CredentialsUnavailableException} (a 503 with {@code Retry-After}), as
 * they do once the consumer failed. A record that cannot be read makes the keys of its organization or
 * account unjudgeable (503) until a readable record of it follows, as in ingest.
 */
public final class CallerKeys implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CallerKeys.class);
    private static final Duration REGISTRY_RETRY = Duration.ofSeconds(1);

    private final Consumer<String, SpecificRecord> consumer;
    private final Map<String, ApiCredential> byOrganization = new ConcurrentHashMap<>();
    private final Map<String, ApiCredential> byKeyId = new ConcurrentHashMap<>();
    private final Map<String, StaffAccount> staffByName = new ConcurrentHashMap<>();
    private final Map<String, StaffAccount> staffByKeyId = new ConcurrentHashMap<>();
    /** (topic, record key) of latest records that could not be read. */
    private final Map<String, Boolean> unreadable = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean failed;

    CallerKeys(Consumer<String, SpecificRecord> consumer) {
        this.consumer = consumer;
        this.thread = new Thread(this::run, "query-caller-keys");
        this.thread.setDaemon(true);
    }

    /**
     * Starts following the credentials and staff-accounts topics with {@code kafkaClientConfig} (bootstrap
     * servers and the connection's security settings), decoding with {@code registry}.
     */
    public static CallerKeys follow(Map<String, Object> kafkaClientConfig, SchemaRegistry registry) {
        Map<String, Object> config = new HashMap<>(kafkaClientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "query-caller-keys");
        Deserializer<ApiCredential> credentials = Topics.API_CREDENTIALS.valueDeserializer(registry);
        Deserializer<StaffAccount> staff = Topics.STAFF_ACCOUNTS.valueDeserializer(registry);
        Deserializer<SpecificRecord> byTopic = new Deserializer<>() {
            @Override
            public SpecificRecord deserialize(String topic, byte[] data) {
                return Topics.STAFF_ACCOUNTS.name().equals(topic) ? staff.deserialize(topic, data) : credentials.deserialize(topic, data);
            }

            @Override
            public SpecificRecord deserialize(String topic, Headers headers, byte[] data) {
                return deserialize(topic, data);
            }
        };
        CallerKeys keys = new CallerKeys(new KafkaConsumer<>(config, new StringDeserializer(), byTopic));
        keys.thread.start();
        return keys;
    }

    /**
     * The current, unrevoked organization credential whose key id is {@code keyId}; empty for an unknown,
     * rotated or revoked key.
     *
     * @throws CredentialsUnavailableException while the keys are not read yet, no longer followed, or the
     *     organization's latest record could not be read
     */
    public Optional<ApiCredential> byKeyId(String keyId) {
        requireRead();
        Optional<ApiCredential> found = Optional.ofNullable(byKeyId.get(keyId));
        if (found.isPresent() && unreadable.containsKey(Topics.API_CREDENTIALS.name() + "/" + found.get().getOrgId())) {
            throw new CredentialsUnavailableException("the latest key record of organization " + found.get().getOrgId() + " could not be read");
        }
        return found.filter(credential -> credential.getRevokedAt() == null);
    }

    /**
     * The unrevoked staff account whose current key id is {@code keyId}; empty for an unknown, rotated or
     * revoked key.
     *
     * @throws CredentialsUnavailableException as {@link #byKeyId}
     */
    public Optional<StaffAccount> staffByKeyId(String keyId) {
        requireRead();
        Optional<StaffAccount> found = Optional.ofNullable(staffByKeyId.get(keyId));
        if (found.isPresent() && unreadable.containsKey(Topics.STAFF_ACCOUNTS.name() + "/" + found.get().getName())) {
            throw new CredentialsUnavailableException("the latest record of staff account " + found.get().getName() + " could not be read");
        }
        return found.filter(account -> account.getRevokedAt() == null);
    }

    private void requireRead() {
        if (caughtUp.getCount() > 0 || failed) {
            throw new CredentialsUnavailableException(failed ? "the keys can no longer be read" : "the keys are still being read");
        }
    }

    /** Waits until the keys that existed at start have been read. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void apply(String topic, String key, SpecificRecord value) {
        unreadable.remove(topic + "/" + key);
        if (Topics.STAFF_ACCOUNTS.name().equals(topic)) {
            StaffAccount account = (StaffAccount) value;
            StaffAccount previous = account == null ? staffByName.remove(key) : staffByName.put(key, account);
            if (previous != null) {
                staffByKeyId.remove(previous.getKeyId(), previous); // a rotated key's id leaves with the rotation
            }
            if (account != null) {
                staffByKeyId.put(account.getKeyId(), account);
            }
            return;
        }
        ApiCredential credential = (ApiCredential) value;
        ApiCredential previous = credential == null ? byOrganization.remove(key) : byOrganization.put(key, credential);
        if (previous != null) {
            byKeyId.remove(previous.getKeyId(), previous);
        }
        if (credential != null) {
            byKeyId.put(credential.getKeyId(), credential);
        }
    }

    private void run() {
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.API_CREDENTIALS.name(), Topics.STAFF_ACCOUNTS.name())) {
                consumer.partitionsFor(topic, Duration.ofMinutes(5)).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> endAtStart = new HashMap<>(consumer.endOffsets(partitions, Duration.ofMinutes(5)));
            while (running) {
                poll();
                if (caughtUp.getCount() > 0) {
                    endAtStart.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
                    if (endAtStart.isEmpty()) {
                        LOG.info("Keys read: {} organizations, {} staff accounts", byOrganization.size(), staffByName.size());
                        caughtUp.countDown();
                    }
                }
            }
        } catch (WakeupException e) {
            // close() asked the consumer to stop
        } catch (RuntimeException e) {
            failed = true; // a stale list of keys must not keep admitting: keys get 503 from now on
            LOG.error("Stopped following the keys", e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void poll() {
        try {
            for (ConsumerRecord<String, SpecificRecord> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.key() != null) {
                    apply(record.topic(), record.key(), record.value());
                }
            }
        } catch (RecordDeserializationException e) {
            if (e.getCause() instanceof SchemaRegistryUnavailableException) {
                // The record is fine, the registry is away: read it again later rather than lose a revocation.
                LOG.warn("Schema registry unavailable while reading {}@{}; retrying", e.topicPartition(), e.offset());
                consumer.seek(e.topicPartition(), e.offset());
                pause();
                return;
            }
            // Only ingest writes these topics; an unreadable record is a bug to see, not to stop on. Its key's
            // value is unknown from here on (a revocation may be in it), so that key is not judged until a
            // readable record of it follows.
            if (e.keyBuffer() != null) {
                java.nio.ByteBuffer copy = e.keyBuffer().duplicate();
                byte[] bytes = new byte[copy.remaining()];
                copy.get(bytes);
                unreadable.put(e.topicPartition().topic() + "/" + new String(bytes, java.nio.charset.StandardCharsets.UTF_8), true);
            }
            LOG.error("Skipping unreadable record {}@{}: {}", e.topicPartition(), e.offset(),
                    e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            consumer.seek(e.topicPartition(), e.offset() + 1);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(REGISTRY_RETRY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops following the topics. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
