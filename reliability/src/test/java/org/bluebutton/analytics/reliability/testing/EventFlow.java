package org.bluebutton.analytics.reliability.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A data holder's steady stream of download-activity batches on a background thread, as a careful
 * client sends them: each batch is retried <em>whole</em> (same event ids) until ingest answers 202 —
 * after a 503 it waits the {@code Retry-After} (capped at {@link #MAX_RETRY_WAIT} to keep the tests
 * short), after any other 5xx or a broken connection half a second. Only 202-acknowledged batches
 * enter {@link #acknowledged()}, the ground truth the aggregates must equal. Any other 4xx is a test
 * failure, recorded in {@link #refusals()}.
 *
 * <p>Event times are within the last ten minutes (UTC), so they fall in months the streams
 * application keeps open whatever other tests sent before.
 */
public final class EventFlow implements AutoCloseable {

    /** Channels of the download-activity API. */
    public enum Channel { VIEW, DOWNLOAD, TRANSMIT, API }

    /** The longest a 503's {@code Retry-After} is honoured. */
    public static final Duration MAX_RETRY_WAIT = Duration.ofSeconds(1);

    private final IngestClient client;
    private final String orgId;
    private final String key;
    private final int batchSize;
    private final Duration pause;
    private final Random random;
    private final Thread thread;
    private final List<Acknowledged> acknowledged = new CopyOnWriteArrayList<>();
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private final AtomicLong unavailable = new AtomicLong();
    private final List<Instant> unavailableAt = new CopyOnWriteArrayList<>();
    private final AtomicLong serverErrors = new AtomicLong();
    private final AtomicLong transportErrors = new AtomicLong();
    private final AtomicLong unavailableWithoutRetryAfter = new AtomicLong();
    private final AtomicLong slowestAnswerMillis = new AtomicLong();
    private volatile boolean stopping;

    /** A batch ingest acknowledged: when (and when its last attempt was sent), after how many attempts, and what it held. */
    public record Acknowledged(Instant at, int attempts, List<String> eventIds, Map<Channel, Long> counts, int firstYear, int lastYear,
            Instant sentAt) {
    }

    /** Starts a flow of {@code batchSize}-event batches for {@code orgId}, one every {@code pause}. */
    public EventFlow(IngestClient client, String orgId, String key, int batchSize, Duration pause, long seed) {
        this.client = client;
        this.orgId = orgId;
        this.key = key;
        this.batchSize = batchSize;
        this.pause = pause;
        this.random = new Random(seed);
        this.thread = new Thread(this::run, "event-flow-" + orgId);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        while (!stopping) {
            sendUntilAcknowledged();
            sleep(pause);
        }
    }

    private void sendUntilAcknowledged() {
        List<String> ids = new ArrayList<>();
        Map<Channel, Long> counts = new EnumMap<>(Channel.class);
        StringBuilder body = new StringBuilder("[");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int firstYear = Integer.MAX_VALUE;
        int lastYear = Integer.MIN_VALUE;
        for (int i = 0; i < batchSize; i++) {
            String id = UUID.randomUUID().toString();
            Channel channel = Channel.values()[random.nextInt(Channel.values().length)];
            long count = 1 + random.nextInt(9);
            Instant occurred = now.minusSeconds(random.nextInt(600));
            int year = occurred.atZone(ZoneOffset.UTC).getYear();
            firstYear = Math.min(firstYear, year);
            lastYear = Math.max(lastYear, year);
            ids.add(id);
            counts.merge(channel, count, Long::sum);
            body.append(i == 0 ? "" : ",").append("{\"eventId\":\"").append(id).append("\",\"occurredAt\":\"").append(occurred)
                    .append("\",\"channel\":\"").append(channel).append("\",\"count\":").append(count).append('}');
        }
        String json = body.append(']').toString();
        int attempts = 0;
        while (true) {
            attempts++;
            Instant sentAt = Instant.now();
            long started = System.nanoTime();
            IngestClient.Answer answer = client.post("/v1/organizations/" + orgId + "/download-activity", key, IngestClient.JSON, json);
            slowestAnswerMillis.accumulateAndGet(Duration.ofNanos(System.nanoTime() - started).toMillis(), Math::max);
            if (answer.status() == 202) {
                acknowledged.add(new Acknowledged(Instant.now(), attempts, List.copyOf(ids), Map.copyOf(counts), firstYear, lastYear, sentAt));
                return;
            }
            if (answer.status() == 503) {
                unavailable.incrementAndGet();
                unavailableAt.add(Instant.now());
                Duration wait = MAX_RETRY_WAIT;
                if (answer.retryAfter() == null) {
                    unavailableWithoutRetryAfter.incrementAndGet();
                } else {
                    wait = Duration.ofSeconds(Math.min(Long.parseLong(answer.retryAfter().trim()), MAX_RETRY_WAIT.toSeconds()));
                }
                sleep(wait);
            } else if (answer.status() == 0 || answer.status() >= 500) {
                (answer.status() == 0 ? transportErrors : serverErrors).incrementAndGet();
                sleep(Duration.ofMillis(500));
            } else {
                refusals.add(answer.status() + " " + answer.body());
                return;
            }
            if (stopping && attempts > 200) {
                refusals.add("gave up after " + attempts + " attempts");
                return;
            }
        }
    }

    /** Batches acknowledged so far. */
    public List<Acknowledged> acknowledged() {
        return List.copyOf(acknowledged);
    }

    /** Events acknowledged so far. */
    public long acknowledgedEvents() {
        return acknowledged.stream().mapToLong(batch -> batch.eventIds().size()).sum();
    }

    /** The sum of the acknowledged counts per channel. */
    public Map<Channel, Long> acknowledgedCounts() {
        Map<Channel, Long> sums = new EnumMap<>(Channel.class);
        for (Channel channel : Channel.values()) {
            sums.put(channel, 0L);
        }
        acknowledged.forEach(batch -> batch.counts().forEach((channel, count) -> sums.merge(channel, count, Long::sum)));
        return sums;
    }

    /** Answers that were neither 202 nor retryable (none expected). */
    public List<String> refusals() {
        return List.copyOf(refusals);
    }

    /** 503 answers received. */
    public long unavailableAnswers() {
        return unavailable.get();
    }

    /** 503 answers received between {@code from} and {@code to}. */
    public long unavailableAnswersBetween(Instant from, Instant to) {
        return unavailableAt.stream().filter(at -> !at.isBefore(from) && !at.isAfter(to)).count();
    }

    /** Batches whose acknowledged attempt was sent at or after {@code from} and acknowledged at or before {@code to}. */
    public List<Acknowledged> acknowledgedWithin(Instant from, Instant to) {
        return acknowledged.stream().filter(batch -> !batch.sentAt().isBefore(from) && !batch.at().isAfter(to)).toList();
    }

    /** 503 answers without a Retry-After header (none expected). */
    public long unavailableWithoutRetryAfter() {
        return unavailableWithoutRetryAfter.get();
    }

    /** 5xx answers other than 503. */
    public long serverErrors() {
        return serverErrors.get();
    }

    /** Requests that failed in transport (connection refused or reset, timeout). */
    public long transportErrors() {
        return transportErrors.get();
    }

    /** Batches that needed more than one attempt. */
    public long retriedBatches() {
        return acknowledged.stream().filter(batch -> batch.attempts() > 1).count();
    }

    /** The longest any single request took to be answered. */
    public Duration slowestAnswer() {
        return Duration.ofMillis(slowestAnswerMillis.get());
    }

    /** The first acknowledgement at or after {@code instant}, if any. */
    public Instant firstAcknowledgedAfter(Instant instant) {
        return acknowledged.stream().map(Acknowledged::at).filter(at -> !at.isBefore(instant)).min(Instant::compareTo).orElse(null);
    }

    /** The years the acknowledged events' times fall in. */
    public int[] years() {
        return new int[] {
            acknowledged.stream().mapToInt(Acknowledged::firstYear).min().orElseThrow(),
            acknowledged.stream().mapToInt(Acknowledged::lastYear).max().orElseThrow()};
    }

    /** Stops sending and waits for the batch in flight to be acknowledged (or given up). */
    @Override
    public void close() {
        stopping = true;
        try {
            thread.join(Duration.ofSeconds(120).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            throw new IllegalStateException("the event flow of " + orgId + " did not stop within 120 s");
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
