package org.bluebutton.analytics.streams.query.store;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the query API closed until the application has once caught up with its input as it stood when
 * this instance started: its group's committed offsets reach the end (committed records) that every
 * source partition had then. A new application id replaying years of input would otherwise serve
 * the figures of whatever part it has replayed — exact-looking and wrong. An instance joining a
 * running deployment, or restarted, opens as soon as its group's commits reach that end (a commit
 * interval or two). Once open it stays open: later lag is the ordinary freshness of live figures.
 *
 * <p>Kafka Streams commits a partition's consumer position when it has nothing buffered for it, so
 * transaction markers at the end of a partition do not keep the gate closed.
 */
public final class CatchUpGate implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CatchUpGate.class);
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(250);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> adminConfig;
    private final String applicationId;
    private final Set<String> sourceTopics;
    private volatile boolean open;
    private volatile long behind = -1;
    private volatile Thread watcher;

    /**
     * @param adminConfig connection settings of an admin client
     * @param applicationId the application's id (its consumer group)
     * @param sourceTopics the input topics the application reads
     */
    public CatchUpGate(Map<String, Object> adminConfig, String applicationId, Set<String> sourceTopics) {
        this.adminConfig = Map.copyOf(adminConfig);
        this.applicationId = applicationId;
        this.sourceTopics = Set.copyOf(sourceTopics);
    }

    /** Notes where the input ends now and watches the group's commits until they reach it. */
    public void start() {
        Thread thread = new Thread(this::watch, "catch-up-gate-" + applicationId);
        thread.setDaemon(true);
        watcher = thread;
        thread.start();
    }

    /** Throws {@link CatchingUpException} while the application has not caught up once. */
    public void check() {
        if (!open) {
            long records = behind;
            throw new CatchingUpException(records < 0
                    ? "the application is starting and has not yet compared its position with its input"
                    : "the application is replaying its input: " + records + " records behind the input as it stood at start");
        }
    }

    /** Whether the application has caught up once. */
    public boolean isOpen() {
        return open;
    }

    private void watch() {
        try (Admin admin = Admin.create(adminConfig)) {
            Map<TopicPartition, Long> ends = null;
            while (!open && !Thread.currentThread().isInterrupted()) {
                try {
                    if (ends == null) {
                        ends = ends(admin);
                    }
                    long remaining = remaining(admin, ends);
                    behind = remaining;
                    if (remaining == 0) {
                        open = true;
                        LOG.info("Streams application {} has caught up with its input; the query API answers", applicationId);
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    LOG.debug("Could not compare the position of {} with its input yet: {}", applicationId, e.toString());
                }
                Thread.sleep(CHECK_INTERVAL.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Map<TopicPartition, Long> ends(Admin admin) throws InterruptedException, ExecutionException,
            TimeoutException {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicDescription topic : admin.describeTopics(sourceTopics).allTopicNames().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).values()) {
            topic.partitions().forEach(partition -> latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /** Records between the group's committed offsets and the ends noted at start. */
    private long remaining(Admin admin, Map<TopicPartition, Long> ends) throws InterruptedException, ExecutionException,
            TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        long remaining = 0;
        Set<TopicPartition> partitions = new HashSet<>(ends.keySet());
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            remaining += Math.max(0, ends.get(partition) - (offset == null ? 0 : offset.offset()));
        }
        return remaining;
    }

    @Override
    public void close() {
        Thread thread = watcher;
        if (thread != null) {
            thread.interrupt();
        }
    }
}
