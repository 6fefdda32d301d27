package org.bluebutton.analytics.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.bluebutton.analytics.schemas.topic.TopicSpec;
import org.bluebutton.analytics.schemas.topic.Topics;

/**
 * Stage 2: a new streams instance (exactly_once_v2) replaying every input topic from the start — the
 * preloaded history plus what the ingest stage sent — until it has committed everything it read
 * ({@code CommittedCatchUp}, the rule the local run's report waits for), against Kafka's
 * {@code ConsumerPerformance} reading the download-activity topic read_committed on the same broker.
 */
public final class StreamsStage {

    /** History download events at 1x: 600 organizations' (400 data holders') ten years. */
    static final long HISTORY_EVENTS_AT_1X = 500_000;
    private static final List<TopicSpec<?, ?>> INPUTS = List.of(Topics.PLEDGES, Topics.DOWNLOAD_ACTIVITY, Topics.ACCESS_SNAPSHOTS, Topics.ENGAGEMENT_ACTIVITY);
    private static final Duration POLL = Duration.ofMillis(250);
    private static final Duration TIMEOUT = Duration.ofMinutes(30);

    private final BenchPipeline pipeline;
    private final Path work;
    private final Duration commitInterval;

    /** Replays on {@code pipeline}'s broker with state under {@code work}. */
    public StreamsStage(BenchPipeline pipeline, Path work, Duration commitInterval) {
        this.pipeline = pipeline;
        this.work = work;
        this.commitInterval = commitInterval;
    }

    /** Runs the stage; the streams instance keeps running for the stages after it. */
    public List<Measurement> run(String scaleName, HistoryLoader.Loaded history) throws Exception {
        try (Admin admin = Admin.create(pipeline.stack().adminConfig())) {
            Map<TopicPartition, Long> inputEnds = endOffsets(admin, inputPartitions(admin));
            long inputRecords = inputEnds.values().stream().mapToLong(Long::longValue).sum();
            long downloadRecords = inputEnds.entrySet().stream().filter(e -> e.getKey().topic().equals(Topics.DOWNLOAD_ACTIVITY.name()))
                    .mapToLong(Map.Entry::getValue).sum();

            // Kafka Streams' own ceiling first, on the same input and commit interval, while nothing else runs.
            BareStreamsCount.Run bare = BareStreamsCount.run(pipeline.stack().bootstrapServers(), pipeline.stack().adminConfig(), inputEnds,
                    work.resolve("bare-count-state"), commitInterval);

            HeapProbe.heapAfterGcMiB();
            long start = System.nanoTime();
            String group = pipeline.startStreams(work.resolve("streams-state"), commitInterval);
            long firstProgress = awaitFirstCommit(admin, group, start);
            // The local run's rule (CommittedCatchUp): every partition the group reads committed to its
            // end, or only transaction markers and aborted records left after the committed offset.
            Duration left = TIMEOUT.minusNanos(System.nanoTime() - start);
            if (!pipeline.catchUp().await(left).caughtUp()) {
                throw new IllegalStateException("streams did not commit everything it read within " + TIMEOUT);
            }
            long caughtUp = System.nanoTime();
            double seconds = (caughtUp - start) / 1e9;
            double processingSeconds = (caughtUp - firstProgress) / 1e9;
            // Where the stream thread's time went (Kafka Streams' own thread metrics): processing, punctuation
            // (the figures' flush), polling and committing.
            Map<String, Double> thread = new java.util.TreeMap<>();
            pipeline.streams().metrics().forEach((name, metric) -> {
                if (name.group().equals("stream-thread-metrics") && List.of("process-ratio", "punctuate-ratio", "poll-ratio", "commit-ratio",
                        "commit-latency-avg", "poll-latency-avg", "process-latency-avg", "punctuate-latency-avg", "blocked-time-ns-total",
                        "process-records-avg").contains(name.name()) && metric.metricValue() instanceof Number value) {
                    thread.put(name.name(), value.doubleValue());
                }
            });
            double cpuMicrosPerRecord = StreamThreadCpu.nanos(group) / 1e3 / inputRecords;
            double rss = HeapProbe.residentMiB();
            double heap = HeapProbe.heapAfterGcMiB();
            long outputs = endOffsets(admin, partitionsOf(admin, Set.of(Topics.ORG_MONTHLY_METRICS.name()))).values().stream().mapToLong(Long::longValue).sum();
            // Records written to the application's own repartition, subscription and changelog topics:
            // the topology's write amplification, each of them produced and (but changelogs) read again in a transaction.
            Set<String> internal = admin.listTopics().names().get().stream().filter(t -> t.startsWith(group + "-")).collect(Collectors.toSet());
            Map<TopicPartition, Long> internalEnds = endOffsets(admin, partitionsOf(admin, internal));
            long internalRecords = internalEnds.values().stream().mapToLong(Long::longValue).sum();
            Map<String, Long> internalByTopic = new java.util.TreeMap<>();
            internalEnds.forEach((partition, end) -> internalByTopic.merge(partition.topic().substring(group.length() + 1), end, Long::sum));

            KafkaBaselines.ConsumerRun baseline = KafkaBaselines.consumerPerformance(pipeline.stack().bootstrapServers(),
                    Topics.DOWNLOAD_ACTIVITY.name(), downloadRecords, work);
            Measurement rate = Measurement.of("streams", scaleName, "input records/s through the full topology (exactly_once_v2, replay from offset 0)",
                    inputRecords / seconds, "records/s", "ConsumerPerformance read_committed, download-activity topic", baseline.recordsPerSecond(), true, 0.3)
                    .with("inputRecords", inputRecords).with("downloadEvents", downloadRecords).with("historyEvents", history.downloadEvents())
                    .with("historySnapshots", history.snapshots()).with("commitInterval", commitInterval.toString())
                    .with("secondsIncludingStartup", seconds).with("secondsFromFirstCommit", processingSeconds)
                    .with("orgMonthlyMetricsRecords", outputs).with("internalTopics", internal.size()).with("internalTopicOffsets", internalRecords)
                    .with("internalRecordsPerInputRecord", internalRecords / (double) inputRecords).with("internalRecordsByTopic", internalByTopic).with("streamThread", thread)
                    .with("heapAfterGcMiB", heap).with("residentMiB", rss)
                    .with("baselineFetchOnlyRecordsPerSecond", baseline.fetchRecordsPerSecond()).with("baselineRecords", baseline.records());
            Measurement versusBare = Measurement.of("streams", scaleName,
                    "input records/s through the full topology vs a bare Kafka Streams groupByKey().count() on the same input",
                    inputRecords / seconds, "records/s", "bare Kafka Streams count (exactly_once_v2, same commit interval)",
                    bare.recordsPerSecond(), true, 0.5)
                    .with("bareSeconds", bare.seconds()).with("bareRecords", bare.records())
                    .with("internalRecordsPerInputRecord", internalRecords / (double) inputRecords);
            Measurement cpu = Measurement.of("streams", scaleName, "stream thread CPU per input record (robust to other load on the machine)",
                    cpuMicrosPerRecord, "µs", "bare Kafka Streams count, the same measure", bare.cpuMicrosPerRecord(), false, Double.NaN);
            Measurement catchUp = Measurement.of("streams", scaleName, "time to catch up (start to all committed)", seconds, "s",
                    "ConsumerPerformance time to read download-activity", baseline.seconds(), false, Double.NaN);
            return List.of(rate, versusBare, cpu, catchUp);
        }
    }

    /** Waits until the group has committed anything; returns when (System.nanoTime()). */
    private static long awaitFirstCommit(Admin admin, String group, long start) throws Exception {
        while (admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().isEmpty()) {
            if (System.nanoTime() - start > TIMEOUT.toNanos()) {
                throw new IllegalStateException("streams committed nothing within " + TIMEOUT);
            }
            Thread.sleep(POLL.toMillis());
        }
        return System.nanoTime();
    }

    private static Set<TopicPartition> inputPartitions(Admin admin) throws Exception {
        return partitionsOf(admin, INPUTS.stream().map(TopicSpec::name).collect(Collectors.toSet()));
    }

    private static Set<TopicPartition> partitionsOf(Admin admin, Set<String> topics) throws Exception {
        return admin.describeTopics(topics).allTopicNames().get().values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .collect(Collectors.toSet());
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, Set<TopicPartition> partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, OffsetSpec.latest()));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request, new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get()
                .forEach((p, info) -> ends.put(p, info.offset()));
        return ends;
    }
}
