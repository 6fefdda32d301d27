package org.bluebutton.analytics.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * Kafka Streams' own ceiling on this machine, as the second baseline of the streams stage: a bare
 * application (exactly_once_v2, the stage's commit interval) that reads the same input topics from
 * offset 0 and does {@code groupByKey().count()} to an output topic, timed from start until its group
 * has committed the end of every input partition.
 */
final class BareStreamsCount {

    /** What the bare application did; CPU is its stream threads' per input record. */
    record Run(long records, double seconds, double recordsPerSecond, double cpuMicrosPerRecord) {
    }

    private BareStreamsCount() {
    }

    static Run run(String bootstrapServers, Map<String, Object> adminConfig, Map<TopicPartition, Long> inputEnds, Path stateDirectory,
            Duration commitInterval) throws Exception {
        String applicationId = "bench-bare-count-" + System.currentTimeMillis();
        String output = applicationId + "-counts";
        List<String> topics = inputEnds.keySet().stream().map(TopicPartition::topic).distinct().sorted().toList();
        long records = inputEnds.values().stream().mapToLong(Long::longValue).sum();
        try (Admin admin = Admin.create(adminConfig)) {
            admin.createTopics(List.of(new NewTopic(output, 6, (short) 1))).all().get(30, TimeUnit.SECONDS);
            StreamsBuilder builder = new StreamsBuilder();
            builder.stream(topics, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                    .groupByKey()
                    .count()
                    .toStream()
                    .to(output, Produced.with(Serdes.String(), Serdes.Long()));
            Properties config = new Properties();
            config.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
            config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, commitInterval.toMillis());
            config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
            config.put(StreamsConfig.STATE_DIR_CONFIG, stateDirectory.toAbsolutePath().toString());
            config.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
            long start = System.nanoTime();
            try (KafkaStreams streams = new KafkaStreams(builder.build(), config)) {
                streams.start();
                while (true) {
                    Thread.sleep(100);
                    Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                            .partitionsToOffsetAndMetadata().get();
                    long lag = 0;
                    for (Map.Entry<TopicPartition, Long> end : inputEnds.entrySet()) {
                        OffsetAndMetadata c = committed.get(end.getKey());
                        lag += Math.max(0, end.getValue() - (c == null ? 0 : c.offset()));
                    }
                    if (lag == 0) {
                        break;
                    }
                    if (System.nanoTime() - start > Duration.ofMinutes(30).toNanos()) {
                        throw new IllegalStateException("the bare count did not catch up within 30 minutes (lag " + lag + ")");
                    }
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                long cpu = StreamThreadCpu.nanos(applicationId);
                streams.close(Duration.ofSeconds(30));
                return new Run(records, seconds, records / seconds, cpu / 1e3 / records);
            }
        }
    }
}
