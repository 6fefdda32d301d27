package org.bluebutton.analytics.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own performance tools ({@code org.apache.kafka.tools.ProducerPerformance} and
 * {@code ConsumerPerformance}, from kafka-tools at the broker's version) run against the benchmark's
 * broker in a child JVM, with their summaries parsed.
 */
public final class KafkaBaselines {

    /** Same heap as Kafka's scripts give the tools (kafka-run-class.sh defaults to 256m; 512m for headroom). */
    private static final List<String> TOOL_JVM = List.of("-Xmx512m");

    private static final Pattern PRODUCER_SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, "
                    + "(\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");

    private KafkaBaselines() {
    }

    /** Summary of a ProducerPerformance run. */
    public record ProducerRun(long records, double recordsPerSecond, double megabytesPerSecond, double avgLatencyMs, double p50Ms, double p99Ms) {
    }

    /** Summary of a ConsumerPerformance run: overall (including group join) and fetch-only rates. */
    public record ConsumerRun(long records, double recordsPerSecond, double fetchRecordsPerSecond, double seconds) {
    }

    /**
     * Sends {@code records} records of {@code recordSize} bytes to {@code topic} as fast as the
     * producer can, with {@code producerProps} (bootstrap servers included).
     */
    public static ProducerRun producerPerformance(String topic, long records, int recordSize, Map<String, String> producerProps) {
        List<String> args = new ArrayList<>(List.of("--topic", topic, "--num-records", Long.toString(records),
                "--record-size", Integer.toString(recordSize), "--throughput", "-1", "--producer-props"));
        producerProps.forEach((k, v) -> args.add(k + "=" + v));
        String out = ChildJvm.run(TOOL_JVM, "org.apache.kafka.tools.ProducerPerformance", args, 900);
        MatchResult last = null;
        Matcher m = PRODUCER_SUMMARY.matcher(out);
        while (m.find()) {
            last = m.toMatchResult();
        }
        if (last == null) {
            throw new IllegalStateException("no ProducerPerformance summary in: " + out);
        }
        return new ProducerRun(Long.parseLong(last.group(1)), Double.parseDouble(last.group(2)), Double.parseDouble(last.group(3)),
                Double.parseDouble(last.group(4)), Double.parseDouble(last.group(6)), Double.parseDouble(last.group(8)));
    }

    /**
     * Reads {@code records} records of {@code topic} from the beginning in a new group, read_committed
     * like a Kafka Streams application with exactly_once_v2.
     */
    public static ConsumerRun consumerPerformance(String bootstrapServers, String topic, long records, Path workDirectory) {
        try {
            Path config = Files.createTempFile(workDirectory, "consumer-performance", ".properties");
            Files.writeString(config, "isolation.level=read_committed\nauto.offset.reset=earliest\n");
            String out = ChildJvm.run(TOOL_JVM, "org.apache.kafka.tools.ConsumerPerformance", List.of(
                    "--bootstrap-server", bootstrapServers, "--topic", topic, "--messages", Long.toString(records),
                    "--group", "bench-consumer-performance-" + System.nanoTime(), "--consumer.config", config.toString()), 900);
            // Header: start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec,
            // rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
            String[] lines = out.strip().split("\n");
            String[] values = lines[lines.length - 1].split(",\\s*");
            if (values.length < 10) {
                throw new IllegalStateException("no ConsumerPerformance summary in: " + out);
            }
            long consumed = Long.parseLong(values[4].trim());
            double fetchMs = Double.parseDouble(values[7].trim());
            double rebalanceMs = Double.parseDouble(values[6].trim());
            return new ConsumerRun(consumed, Double.parseDouble(values[5].trim()), Double.parseDouble(values[9].trim()),
                    (fetchMs + rebalanceMs) / 1000.0);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the ConsumerPerformance settings: " + e.getMessage(), e);
        }
    }
}
