package org.bluebutton.analytics.reliability.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.Year;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A staff member asking the query API for an organization's figures every 200 ms on a background
 * thread, to measure what a fault costs its users: the answers by status (0: transport error), the
 * longest stretch without figures once the first figures were there, the first figures after a given
 * moment, and whether an answer ever showed fewer events than an earlier one — a stale or partial
 * figure (nothing in these tests takes events away).
 */
public final class QueryProbe implements AutoCloseable {

    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PipelineUnderTest pipeline;
    private final String baseUrl;
    private final String orgId;
    private final List<Instant> figuresAt = new CopyOnWriteArrayList<>();
    private final AtomicLong mostEventsSeen = new AtomicLong(-1);
    private final List<String> backwards = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final AtomicLong longestGapMillis = new AtomicLong();
    private volatile String lastRefusal = "none";
    private volatile boolean stopping;

    /** Starts asking the pipeline's query API for {@code orgId}'s figures of this year and the last. */
    public QueryProbe(PipelineUnderTest pipeline, String orgId) {
        this(pipeline, pipeline.queryUrl(), orgId);
    }

    /** Starts asking the query API at {@code baseUrl} (one instance of several) for {@code orgId}'s figures. */
    public QueryProbe(PipelineUnderTest pipeline, String baseUrl, String orgId) {
        this.pipeline = pipeline;
        this.baseUrl = baseUrl;
        this.orgId = orgId;
        this.thread = new Thread(this::run, "query-probe-" + orgId);
        this.thread.setDaemon(true);
        this.thread.start();
    }

    private void run() {
        int year = Year.now(ZoneOffset.UTC).getValue();
        long lastSuccess = -1;
        while (!stopping) {
            int status = status(year);
            statuses.computeIfAbsent(status, key -> new AtomicLong()).incrementAndGet();
            long now = System.nanoTime();
            if (status == 200) {
                lastSuccess = now;
                figuresAt.add(Instant.now());
            } else if (lastSuccess != -1) {
                longestGapMillis.accumulateAndGet(Duration.ofNanos(now - lastSuccess).toMillis(), Math::max);
            }
            try {
                Thread.sleep(INTERVAL.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private int status(int year) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/v1/organizations/" + orgId + "/metrics?from="
                + (year - 1) + "&to=" + year)).timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + pipeline.staffKey()).GET().build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                lastRefusal = response.statusCode() + " " + response.body().substring(0, Math.min(300, response.body().length()));
                if (response.statusCode() == 503 && response.headers().firstValue("Retry-After").isEmpty()) {
                    backwards.add("503 without Retry-After: " + lastRefusal);
                }
            } else {
                long events = 0;
                for (JsonNode figures : JSON.readTree(response.body()).path("years")) {
                    events += figures.path("activity").path("events").asLong();
                }
                long before = mostEventsSeen.getAndAccumulate(events, Math::max);
                if (events < before) {
                    backwards.add(Instant.now() + ": " + events + " events after " + before + " were shown");
                }
            }
            return response.statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Answers so far by HTTP status (0: the request failed in transport), in status order. */
    public Map<Integer, Long> answersByStatus() {
        Map<Integer, Long> copy = new TreeMap<>();
        statuses.forEach((status, count) -> copy.put(status, count.get()));
        return copy;
    }

    /** The status and the start of the body of the last answer without figures. */
    public String lastRefusal() {
        return lastRefusal;
    }

    /** The first answer with figures at or after {@code instant}, if any. */
    public Instant firstFiguresAfter(Instant instant) {
        return figuresAt.stream().filter(at -> !at.isBefore(instant)).findFirst().orElse(null);
    }

    /**
     * Answers that showed fewer events than an earlier answer (a stale or partial figure), or a 503
     * without Retry-After: none expected.
     */
    public List<String> staleOrPartialAnswers() {
        return List.copyOf(backwards);
    }

    /** The longest time from a 200 to a later answer without figures, with no 200 between: the outage its users saw. */
    public Duration longestGap() {
        return Duration.ofMillis(longestGapMillis.get());
    }

    @Override
    public void close() {
        stopping = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(40).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
