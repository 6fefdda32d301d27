package org.bluebutton.analytics.benchmarks;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.bluebutton.analytics.localstack.process.ChildProcess;
import org.bluebutton.analytics.schemas.event.ActivityChannel;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.serde.AvroSerializer;
import org.bluebutton.analytics.schemas.serde.SchemaRegistrySerdeConfig;
import org.bluebutton.analytics.schemas.topic.Topics;

/**
 * Stage 1: download events accepted per second by ingest over HTTP (JSON batches of 1,000, several
 * concurrent clients, each request answered 202 only after Kafka acknowledged it) against Kafka's
 * {@code ProducerPerformance} sending as many records of the same size, with ingest's producer
 * settings, to a topic of the same partition count on the same broker.
 */
public final class IngestStage {

    /** Events sent through ingest at 1x (500 requests of 1,000). */
    static final long EVENTS_AT_1X = 500_000;
    static final int BATCH = 1_000;
    /** Enough for C2 to compile the request path of a freshly started ingest JVM. */
    private static final int WARM_UP_BATCHES = 100;
    static final String BASELINE_TOPIC = "bench.producer-baseline";
    private static final long BASELINE_MIN_RECORDS = 500_000;

    private final BenchPipeline pipeline;
    private final int clients;
    private final String ingestHeap;
    private final List<String> ingestJvmOptions;
    private String url;

    /**
     * Sends with {@code clients} concurrent HTTP clients to an ingest in its own JVM with
     * {@code ingestHeap} (e.g. 512m), or, when {@code ingestHeap} is null, to {@code pipeline}'s
     * in-process ingest.
     */
    public IngestStage(BenchPipeline pipeline, int clients, String ingestHeap, List<String> ingestJvmOptions) {
        this.pipeline = pipeline;
        this.clients = clients;
        this.ingestHeap = ingestHeap;
        this.ingestJvmOptions = ingestJvmOptions;
    }

    /** Runs the stage at {@code scale}. */
    public List<Measurement> run(String scaleName, double scale) throws Exception {
        if (ingestHeap == null) {
            url = pipeline.ingestUrl();
            return measure(scaleName, scale);
        }
        try (IngestProcess ingest = IngestProcess.start(pipeline, pipeline.staffKeySha256(), ingestHeap, ingestJvmOptions, ChildProcess.freePort())) {
            url = ingest.url();
            return measure(scaleName, scale);
        }
    }

    private List<Measurement> measure(String scaleName, double scale) throws Exception {
        List<BenchPipeline.Organization> holders = pipeline.dataHolders();
        send(holders, WARM_UP_BATCHES, new Latencies(), 7);
        long batches = Math.max(1, (long) (EVENTS_AT_1X * scale) / BATCH);
        Latencies latencies = new Latencies();
        long start = System.nanoTime();
        long accepted = send(holders, batches, latencies, 11);
        double seconds = (System.nanoTime() - start) / 1e9;
        double eventsPerSecond = accepted / seconds;

        int recordSize = (int) Math.round(averageRecordBytes());
        Map<String, String> props = Map.of(
                "bootstrap.servers", pipeline.stack().bootstrapServers(),
                // ingest's producer settings (IngestBeans): the comparison is HTTP + validation + Avro, not tuning.
                "acks", "all", "enable.idempotence", "true", "linger.ms", "5", "batch.size", "131072", "compression.type", "lz4");
        try (Admin admin = Admin.create(pipeline.stack().adminConfig())) {
            admin.createTopics(List.of(new NewTopic(BASELINE_TOPIC, Topics.DOWNLOAD_ACTIVITY.partitions(), (short) 1))).all().get();
        }
        // At least BASELINE_MIN_RECORDS: the tool has no warm-up phase, so a short run would mostly measure its start.
        KafkaBaselines.ProducerRun baseline = KafkaBaselines.producerPerformance(BASELINE_TOPIC, Math.max(accepted, BASELINE_MIN_RECORDS), recordSize, props);

        Measurement throughput = Measurement.of("ingest", scaleName, "download events accepted/s over HTTP (202 after Kafka ack)",
                eventsPerSecond, "events/s", "ProducerPerformance acks=all, ingest's producer settings, same record size", baseline.recordsPerSecond(), true, 0.5)
                .with("events", accepted).with("requests", batches).with("batchSize", BATCH).with("clients", clients).with("seconds", seconds)
                .with("recordBytes", recordSize).with("ingestJvm", ingestHeap == null ? "in-process with the load generator (benchmark JVM)" : "own JVM, -Xmx" + ingestHeap)
                .with("baselineRecords", baseline.records()).with("baselineMBPerSecond", baseline.megabytesPerSecond());
        Measurement p50 = Measurement.of("ingest", scaleName, "request latency p50 (batch of 1,000)", latencies.percentileMillis(50), "ms",
                "ProducerPerformance per-record latency p50", baseline.p50Ms(), false, Double.NaN);
        Measurement p99 = Measurement.of("ingest", scaleName, "request latency p99 (batch of 1,000)", latencies.percentileMillis(99), "ms",
                "ProducerPerformance per-record latency p99", baseline.p99Ms(), false, Double.NaN)
                .with("maxMs", latencies.maxMillis());
        return List.of(throughput, p50, p99);
    }

    /** Sends {@code batches} batches spread over the clients; returns the events acknowledged. */
    private long send(List<BenchPipeline.Organization> holders, long batches, Latencies latencies, long seed) throws Exception {
        AtomicLong next = new AtomicLong();
        AtomicLong accepted = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                SplittableRandom random = new SplittableRandom(seed * 1000 + c);
                futures.add(pool.submit(() -> {
                    for (long b = next.getAndIncrement(); b < batches; b = next.getAndIncrement()) {
                        BenchPipeline.Organization org = holders.get((int) (b % holders.size()));
                        HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/v1/organizations/" + org.orgId() + "/download-activity"))
                                .header("Authorization", "Bearer " + org.apiKey())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(batch(random, BATCH))).build();
                        long sent = System.nanoTime();
                        HttpResponse<String> response = pipeline.http().send(request, HttpResponse.BodyHandlers.ofString());
                        latencies.record(System.nanoTime() - sent);
                        if (response.statusCode() != 202) {
                            throw new IllegalStateException("ingest answered " + response.statusCode() + ": " + response.body());
                        }
                        accepted.addAndGet(BATCH);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return accepted.get();
    }

    /** A JSON batch like a portal's: single downloads and views in the last hour. */
    static String batch(SplittableRandom random, int size) {
        long now = System.currentTimeMillis();
        String[] channels = {"VIEW", "DOWNLOAD", "DOWNLOAD", "TRANSMIT", "API"};
        StringBuilder json = new StringBuilder(size * 110).append('[');
        for (int i = 0; i < size; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"eventId\":\"").append(HistoryLoader.randomUuid(random))
                    .append("\",\"occurredAt\":\"").append(Instant.ofEpochMilli(now - 60_000 - random.nextLong(3_600_000)))
                    .append("\",\"channel\":\"").append(channels[random.nextInt(channels.length)])
                    .append("\",\"count\":1}");
        }
        return json.append(']').toString();
    }

    /** Average size of a DownloadActivity as ingest writes it: orgId key + registry-framed Avro value. */
    private double averageRecordBytes() {
        AvroSerializer<SpecificRecord> values = new AvroSerializer<>();
        values.configure(Map.of(SchemaRegistrySerdeConfig.SCHEMA_REGISTRY_URL, pipeline.stack().schemaRegistryUrl()), false);
        SplittableRandom random = new SplittableRandom(3);
        String orgId = pipeline.dataHolders().get(0).orgId();
        long bytes = 0;
        int samples = 1_000;
        for (int i = 0; i < samples; i++) {
            DownloadActivity event = DownloadActivity.newBuilder().setEventId(HistoryLoader.randomUuid(random)).setOrgId(orgId)
                    .setOccurredAt(Instant.now()).setIntervalEnd(null).setChannel(ActivityChannel.DOWNLOAD).setFormat(null).setCount(1)
                    .setReceivedAt(Instant.now()).build();
            bytes += values.serialize(Topics.DOWNLOAD_ACTIVITY.name(), event).length + orgId.length();
        }
        return bytes / (double) samples;
    }
}
