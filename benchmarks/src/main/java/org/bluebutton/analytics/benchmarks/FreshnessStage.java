package org.bluebutton.analytics.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Year;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stage 3: end-to-end freshness — one download event accepted by ingest (its 202) until the query
 * API's figures for its organization include it — while other organizations send a steady background
 * load. The query API is polled every {@link #POLL_MS} ms, which bounds the resolution. The baseline
 * is the commit interval: with exactly_once_v2 nothing is visible before the transaction commits.
 */
public final class FreshnessStage {

    private static final int POLL_MS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchPipeline pipeline;
    private final Duration commitInterval;
    private final int probes;
    private final double probesPerSecond;
    private final int backgroundEventsPerSecond;

    /** Sends {@code probes} probe events at {@code probesPerSecond} with a background load of {@code backgroundEventsPerSecond}. */
    public FreshnessStage(BenchPipeline pipeline, Duration commitInterval, int probes, double probesPerSecond, int backgroundEventsPerSecond) {
        this.pipeline = pipeline;
        this.commitInterval = commitInterval;
        this.probes = probes;
        this.probesPerSecond = probesPerSecond;
        this.backgroundEventsPerSecond = backgroundEventsPerSecond;
    }

    /** Runs the stage (the streams instance must be running and caught up). */
    public List<Measurement> run(String scaleName) throws Exception {
        List<BenchPipeline.Organization> holders = pipeline.dataHolders();
        BenchPipeline.Organization probe = holders.get(0);
        int year = Year.now().getValue();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread background = new Thread(() -> background(holders.subList(1, holders.size()), running), "freshness-background");
        background.start();
        Latencies freshness = new Latencies();
        int notVisible = 0;
        try {
            long events = eventsOf(probe, year);
            long periodNanos = (long) (1e9 / probesPerSecond);
            long next = System.nanoTime();
            for (int i = 0; i < probes + 5; i++) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                next += periodNanos;
                post(probe, IngestStage.batch(new SplittableRandom(i), 1));
                long accepted = System.nanoTime();
                long deadline = accepted + Duration.ofSeconds(30).toNanos();
                long seen;
                while ((seen = eventsOf(probe, year)) <= events && System.nanoTime() < deadline) {
                    Thread.sleep(POLL_MS);
                }
                long visible = System.nanoTime();
                if (seen <= events) {
                    notVisible++;
                } else if (i >= 5) { // the first five warm the path
                    freshness.record(visible - accepted);
                }
                events = seen;
            }
        } finally {
            running.set(false);
            background.join();
        }
        double commitMs = commitInterval.toMillis();
        Measurement p50 = Measurement.of("freshness", scaleName, "event accepted by ingest → visible in /v1/organizations/{orgId}/metrics, p50",
                freshness.percentileMillis(50), "ms", "commit interval (exactly_once_v2 makes nothing visible sooner)", commitMs, false, Double.NaN)
                .with("probes", freshness.count()).with("probesPerSecond", probesPerSecond).with("backgroundEventsPerSecond", backgroundEventsPerSecond)
                .with("pollMs", POLL_MS).with("notVisibleWithin30s", notVisible);
        Measurement p99 = Measurement.of("freshness", scaleName, "event accepted by ingest → visible in the query API, p99",
                freshness.percentileMillis(99), "ms", "commit interval", commitMs, false, Double.NaN).with("maxMs", freshness.maxMillis());
        return List.of(p50, p99);
    }

    private void background(List<BenchPipeline.Organization> orgs, AtomicBoolean running) {
        int batch = 100;
        long periodNanos = (long) (1e9 * batch / Math.max(1, backgroundEventsPerSecond));
        SplittableRandom random = new SplittableRandom(99);
        long next = System.nanoTime();
        int i = 0;
        try {
            while (running.get() && backgroundEventsPerSecond > 0) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                next += periodNanos;
                post(orgs.get(i++ % orgs.size()), IngestStage.batch(random, batch));
            }
        } catch (Exception e) {
            throw new IllegalStateException("background load failed: " + e.getMessage(), e);
        }
    }

    private void post(BenchPipeline.Organization org, String body) throws Exception {
        HttpResponse<String> response = pipeline.http().send(HttpRequest.newBuilder(
                        URI.create(pipeline.ingestUrl() + "/v1/organizations/" + org.orgId() + "/download-activity"))
                .header("Authorization", "Bearer " + org.apiKey()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("ingest answered " + response.statusCode() + ": " + response.body());
        }
    }

    /** The organization's distinct events counted in {@code year}; 0 while the API has none or answers 503. */
    private long eventsOf(BenchPipeline.Organization org, int year) throws Exception {
        HttpResponse<String> response = pipeline.http().send(HttpRequest.newBuilder(
                        URI.create(pipeline.queryUrl() + "/v1/organizations/" + org.orgId() + "/metrics?from=" + year + "&to=" + year))
                .header("Authorization", pipeline.staffAuthorization()).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return 0;
        }
        for (JsonNode y : JSON.readTree(response.body()).path("years")) {
            if (y.path("year").asInt() == year) {
                return y.path("activity").path("events").asLong();
            }
        }
        return 0;
    }
}
