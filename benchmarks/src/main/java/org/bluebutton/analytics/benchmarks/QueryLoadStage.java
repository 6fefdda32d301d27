package org.bluebutton.analytics.benchmarks;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Stage 4: the query API at a fixed request rate (open loop: requests leave on schedule whether or
 * not earlier ones were answered, and latency counts from the scheduled time, so a stall is not
 * hidden) — an organization's metrics for a random organization — against the same server's static
 * {@code /dashboard} page at the same rate.
 */
public final class QueryLoadStage {

    private final BenchPipeline pipeline;
    private final int requestsPerSecond;
    private final Duration duration;

    /** Loads the query API at {@code requestsPerSecond} for {@code duration} per endpoint. */
    public QueryLoadStage(BenchPipeline pipeline, int requestsPerSecond, Duration duration) {
        this.pipeline = pipeline;
        this.requestsPerSecond = requestsPerSecond;
        this.duration = duration;
    }

    /** The figures of one endpoint under load. */
    record Load(Latencies latencies, long errors, long sent, double seconds) {
    }

    /** Runs the stage (the streams instance must be running). */
    public List<Measurement> run(String scaleName) {
        List<BenchPipeline.Organization> orgs = pipeline.organizations();
        SplittableRandom random = new SplittableRandom(5);
        Supplier<HttpRequest> metrics = () -> HttpRequest.newBuilder(URI.create(pipeline.queryUrl() + "/v1/organizations/"
                        + orgs.get(random.nextInt(orgs.size())).orgId() + "/metrics"))
                .header("Authorization", pipeline.staffAuthorization()).GET().build();
        Supplier<HttpRequest> dashboard = () -> HttpRequest.newBuilder(URI.create(pipeline.queryUrl() + "/dashboard")).GET().build();
        load(dashboard, Duration.ofSeconds(2));
        load(metrics, Duration.ofSeconds(2));
        Load staticLoad = load(dashboard, duration);
        Load api = load(metrics, duration);
        String what = "GET /v1/organizations/{orgId}/metrics (default: last 5 years) at " + requestsPerSecond + " req/s";
        Measurement p50 = Measurement.of("query", scaleName, what + ", p50", api.latencies().percentileMillis(50), "ms",
                "GET /dashboard (static) at the same rate, p50", staticLoad.latencies().percentileMillis(50), false, Double.NaN)
                .with("sent", api.sent()).with("errors", api.errors()).with("seconds", api.seconds())
                .with("baselineErrors", staticLoad.errors());
        Measurement p99 = Measurement.of("query", scaleName, what + ", p99", api.latencies().percentileMillis(99), "ms",
                "GET /dashboard, p99", staticLoad.latencies().percentileMillis(99), false, Double.NaN)
                .with("maxMs", api.latencies().maxMillis()).with("baselineMaxMs", staticLoad.latencies().maxMillis());
        Measurement errors = Measurement.of("query", scaleName, "errors (non-200 or failed) of " + api.sent() + " requests at " + requestsPerSecond + " req/s",
                api.errors(), "requests", "GET /dashboard errors", staticLoad.errors(), false, Double.NaN);
        // Requests answered per second from the first send to the last answer: below the offered rate
        // when the server cannot keep up (then the latencies above are mostly queueing).
        Measurement served = Measurement.of("query", scaleName, "metrics requests answered/s at " + requestsPerSecond + " req/s offered",
                api.sent() / api.seconds(), "req/s", "GET /dashboard answered/s", staticLoad.sent() / staticLoad.seconds(), true, Double.NaN);
        return List.of(p50, p99, errors, served);
    }

    private Load load(Supplier<HttpRequest> requests, Duration length) {
        Latencies latencies = new Latencies();
        AtomicLong errors = new AtomicLong();
        long total = length.toSeconds() * requestsPerSecond;
        long period = 1_000_000_000L / requestsPerSecond;
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long scheduled = start + i * period;
            long wait = scheduled - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            inFlight.add(pipeline.http().sendAsync(requests.get(), HttpResponse.BodyHandlers.ofString())
                    .orTimeout(30, TimeUnit.SECONDS)
                    .whenComplete((response, failure) -> {
                        latencies.record(System.nanoTime() - scheduled);
                        if (failure != null || response.statusCode() != 200) {
                            errors.incrementAndGet();
                        }
                    }));
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        return new Load(latencies, errors.get(), total, (System.nanoTime() - start) / 1e9);
    }
}
