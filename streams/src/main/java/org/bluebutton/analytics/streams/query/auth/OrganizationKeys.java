package org.bluebutton.analytics.streams.query.auth;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.bluebutton.analytics.schemas.registry.SchemaRegistry;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryUnavailableException;
import org.bluebutton.analytics.schemas.security.ApiCredential;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every organization's current API key (its hash only), read from the compacted credentials topic that
 * ingest writes, so that an organization's key opens its own figures here with the very rule ingest
 * applies: the latest credential of the organization, not revoked. A background consumer without a group
 * reads the topic from the beginning and then follows it, so a rotation or a revocation reaches this
 * instance within a poll (about 200 ms) of ingest's write.
 *
 * <p>Until the topic has been read up to where it ended at start, an organization's key can be neither
 * admitted nor refused: {@link #byKeyId} throws {@link CredentialsUnavailableException} (a 503 with
 * {@code Retry-After}), as it does once the consumer failed.
 */
public final class OrganizationKeys implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OrganizationKeys.class);
    private static final Duration REGISTRY_RETRY = Duration.ofSeconds(1);

    private final String topic;
    private final Consumer<String, ApiCredential> consumer;
    private final Map<String, ApiCredential> byOrganization = new ConcurrentHashMap<>();
    private final Map<String, ApiCredential> byKeyId = new ConcurrentHashMap<>();
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean failed;

    OrganizationKeys(String topic, Consumer<String, ApiCredential> consumer) {
        this.topic = topic;
        this.consumer = consumer;
        this.thread = new Thread(this::run, "query-organization-keys");
        this.thread.setDaemon(true);
    }

    /**
     * Starts following the credentials topic with {@code kafkaClientConfig} (bootstrap servers and the
     * connection's security settings), decoding with {@code registry}.
     */
    public static OrganizationKeys follow(Map<String, Object> kafkaClientConfig, SchemaRegistry registry) {
        Map<String, Object> config = new HashMap<>(kafkaClientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "query-organization-keys");
        OrganizationKeys keys = new OrganizationKeys(Topics.API_CREDENTIALS.name(), new KafkaConsumer<>(config,
                Topics.API_CREDENTIALS.keyDeserializer(registry), Topics.API_CREDENTIALS.valueDeserializer(registry)));
        keys.thread.start();
        return keys;
    }

    /**
     * The current, unrevoked credential whose key id is {@code keyId}; empty for an unknown, rotated or
     * revoked key.
     *
     * @throws CredentialsUnavailableException while the credentials are not read yet, or no longer followed
     */
    public Optional<ApiCredential> byKeyId(String keyId) {
        if (caughtUp.getCount() > 0 || failed) {
            throw new CredentialsUnavailableException(failed ? "the organizations' keys can no longer be read"
                    : "the organizations' keys are still being read");
        }
        return Optional.ofNullable(byKeyId.get(keyId)).filter(credential -> credential.getRevokedAt() == null);
    }

    /** Waits until the credentials that existed at start have been read. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void apply(String orgId, ApiCredential credential) {
        ApiCredential previous = credential == null ? byOrganization.remove(orgId) : byOrganization.put(orgId, credential);
        if (previous != null) {
            byKeyId.remove(previous.getKeyId(), previous); // a rotated key's id leaves with the rotation
        }
        if (credential != null) {
            byKeyId.put(credential.getKeyId(), credential);
        }
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
                if (caughtUp.getCount() > 0) {
                    endAtStart.entrySet().removeIf(end -> consumer.position(end.getKey()) >= end.getValue());
                    if (endAtStart.isEmpty()) {
                        LOG.info("Organization keys read: {} organizations", byOrganization.size());
                        caughtUp.countDown();
                    }
                }
            }
        } catch (WakeupException e) {
            // close() asked the consumer to stop
        } catch (RuntimeException e) {
            failed = true; // a stale list of keys must not keep admitting: organization keys get 503 from now on
            LOG.error("Stopped following {}", topic, e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void poll() {
        try {
            for (ConsumerRecord<String, ApiCredential> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.key() != null) {
                    apply(record.key(), record.value());
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
            // Only ingest writes this topic; an unreadable record is a bug to see, not to stop on.
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

    /** Stops following the topic. */
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
