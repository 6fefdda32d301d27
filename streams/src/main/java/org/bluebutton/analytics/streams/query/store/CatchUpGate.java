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
 * this instance started. A new application id replaying years of input would otherwise serve the
 * figures of whatever part it has replayed — exact-looking and wrong. Two steps: the group's committed
 * offsets reach the end (committed records) every source partition had at start; then, after the
 * settling time (long enough for a flush to send the last changes of the organizations' figures and a
 * commit to carry them), they reach the end the application's repartition topics had then, which feed
 * the roll-ups, the pledge counts and the data-quality figures. An instance joining a running
 * deployment, or restarted, opens after about the settling time. Once open it stays open: later lag is
 * the ordinary freshness of live figures.
 *
 * <p>Kafka Streams commits a partition's consumer position when it has nothing buffered for it, so
 * transaction markers at the end of a partition do not keep the gate closed; records the broker has
 * deleted (before the log start) are not waited for.
 */
public final class CatchUpGate implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CatchUpGate.class);
    private static final Duration CHECK_INTERVAL = Duration.ofMillis(250);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
    /** Failed comparisons in a row before each warning: about five seconds of them. */
    private static final int FAILURES_PER_WARNING = 20;

    private final Map<String, Object> adminConfig;
    private final String applicationId;
    private final Set<String> sourceTopics;
    private final Duration settle;
    private volatile boolean open;
    private volatile long behind = -1;
    private volatile Thread watcher;

    /**
     * @param adminConfig connection settings of an admin client
     * @param applicationId the application's id (its consumer group)
     * @param sourceTopics the input topics the application reads
     * @param settle how long after the sources a flush and a commit certainly follow (two commit intervals)
     */
    public CatchUpGate(Map<String, Object> adminConfig, String applicationId, Set<String> sourceTopics, Duration settle) {
        this.adminConfig = Map.copyOf(adminConfig);
        this.applicationId = applicationId;
        this.sourceTopics = Set.copyOf(sourceTopics);
        this.settle = settle;
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
            Map<TopicPartition, Long> sourceEnds = retry(() -> ends(admin, sourceTopics));
            awaitCommits(admin, sourceEnds);
            Thread.sleep(settle.toMillis());
            Map<TopicPartition, Long> internalEnds = retry(() -> ends(admin, repartitionTopics(admin)));
            awaitCommits(admin, internalEnds);
            behind = 0;
            open = true;
            LOG.info("Streams application {} has caught up with its input; the query API answers", applicationId);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitCommits(Admin admin, Map<TopicPartition, Long> ends) throws InterruptedException {
        while (true) {
            long remaining = retry(() -> remaining(admin, ends));
            behind = remaining;
            if (remaining == 0) {
                return;
            }
            Thread.sleep(CHECK_INTERVAL.toMillis());
        }
    }

    /** What {@code call} answers, asked again every check interval while the cluster cannot answer. */
    private <T> T retry(AdminCall<T> call) throws InterruptedException {
        int failures = 0;
        while (true) {
            try {
                return call.get();
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                failures++;
                if (failures % FAILURES_PER_WARNING == 0) {
                    LOG.warn("Cannot compare the position of streams application {} with its input ({} attempts): {}", applicationId, failures,
                            e instanceof ExecutionException ? e.getCause() : e);
                }
            }
            Thread.sleep(CHECK_INTERVAL.toMillis());
        }
    }

    @FunctionalInterface
    private interface AdminCall<T> {
        T get() throws InterruptedException, ExecutionException, TimeoutException;
    }

    private Set<String> repartitionTopics(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        Set<String> topics = new HashSet<>();
        for (String name : admin.listTopics().names().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            if (name.startsWith(applicationId + "-") && name.endsWith("-repartition")) {
                topics.add(name);
            }
        }
        return topics;
    }

    /** The end (committed records) of each partition of {@code topics}. */
    private static Map<TopicPartition, Long> ends(Admin admin, Set<String> topics) throws InterruptedException, ExecutionException,
            TimeoutException {
        Map<TopicPartition, Long> ends = new HashMap<>();
        if (topics.isEmpty()) {
            return ends;
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).values()) {
            topic.partitions().forEach(partition -> latest.put(new TopicPartition(topic.name(), partition.partition()), OffsetSpec.latest()));
        }
        admin.listOffsets(latest, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((partition, info) -> ends.put(partition, info.offset()));
        return ends;
    }

    /** Records between where the group is (its commit, or the log start when that is later) and the ends noted. */
    private long remaining(Admin admin, Map<TopicPartition, Long> ends) throws InterruptedException, ExecutionException, TimeoutException {
        if (ends.isEmpty()) {
            return 0;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId).partitionsToOffsetAndMetadata()
                .get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        ends.keySet().forEach(partition -> earliest.put(partition, OffsetSpec.earliest()));
        Map<TopicPartition, Long> starts = new HashMap<>();
        admin.listOffsets(earliest).all().get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .forEach((partition, info) -> starts.put(partition, info.offset()));
        long remaining = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata offset = committed.get(end.getKey());
            long position = Math.max(offset == null ? 0 : offset.offset(), starts.getOrDefault(end.getKey(), 0L));
            remaining += Math.max(0, end.getValue() - position);
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
