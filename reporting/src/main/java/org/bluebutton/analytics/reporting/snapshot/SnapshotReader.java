package org.bluebutton.analytics.reporting.snapshot;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.bluebutton.analytics.reporting.ReportOptions;
import org.bluebutton.analytics.reporting.ReportProgress;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClient;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryException;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryUnavailableException;
import org.bluebutton.analytics.schemas.topic.TopicSpec;

/**
 * Takes a consistent snapshot of a set of topics: first the end offsets of every partition of every
 * topic are recorded (under {@code read_committed}, the last stable offset, so open transactions are
 * never half-read), then each topic is read from its beginning up to exactly those offsets. Records
 * written after the offsets were fixed are ignored, so the snapshot is the same however long the
 * reading takes. No consumer group is used and nothing is committed.
 */
public final class SnapshotReader {

    /** How often (in records) progress is reported while a topic is read. */
    static final long PROGRESS_EVERY = 100_000;

    private final ReportOptions options;
    private final SchemaRegistryClient registry;
    private final ReportProgress progress;

    public SnapshotReader(ReportOptions options, SchemaRegistryClient registry, ReportProgress progress) {
        this.options = options;
        this.registry = registry;
        this.progress = progress;
    }

    /**
     * Checks that Kafka, the registry and every topic are there, fixes the end offsets, then reads
     * every topic into its sink.
     *
     * @return the offsets the snapshot stands on
     */
    public SnapshotOffsets read(List<TopicRead<?, ?>> reads) {
        Map<String, List<TopicPartition>> partitions = describe(reads.stream().map(r -> r.topic().name()).toList());
        checkRegistry();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> all = partitions.values().stream().flatMap(List::stream).toList();
            Map<TopicPartition, Long> ends;
            Map<TopicPartition, Long> beginnings;
            try {
                ends = consumer.endOffsets(all, options.connectTimeout());
                beginnings = consumer.beginningOffsets(all, options.connectTimeout());
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                throw new KafkaUnavailableException(options.bootstrapServers(), "end offsets not returned within "
                        + options.connectTimeout().toSeconds() + " s", e);
            }
            Map<String, SortedMap<Integer, Long>> offsets = new LinkedHashMap<>();
            long toRead = 0;
            for (Map.Entry<String, List<TopicPartition>> topic : partitions.entrySet()) {
                SortedMap<Integer, Long> byPartition = new TreeMap<>();
                for (TopicPartition tp : topic.getValue()) {
                    byPartition.put(tp.partition(), ends.get(tp));
                    toRead += ends.get(tp) - beginnings.get(tp);
                }
                offsets.put(topic.getKey(), byPartition);
            }
            progress.snapshotFixed(offsets.size(), toRead);
            for (TopicRead<?, ?> read : reads) {
                readTopic(consumer, read, partitions.get(read.topic().name()), ends, beginnings);
            }
            return new SnapshotOffsets(offsets);
        } catch (KafkaException e) {
            throw new KafkaUnavailableException(options.bootstrapServers(), e.getMessage(), e);
        }
    }

    private <K, V> void readTopic(KafkaConsumer<byte[], byte[]> consumer, TopicRead<K, V> read, List<TopicPartition> partitions,
            Map<TopicPartition, Long> ends, Map<TopicPartition, Long> beginnings) {
        String topic = read.topic().name();
        List<TopicPartition> pending = new ArrayList<>();
        for (TopicPartition tp : partitions) {
            if (ends.get(tp) > beginnings.get(tp)) {
                pending.add(tp);
            }
        }
        consumer.assign(pending);
        consumer.seekToBeginning(pending);
        long records = 0;
        long nextReport = PROGRESS_EVERY;
        long lastProgress = System.nanoTime();
        // Records are handed to the sink in partition order, each partition in offset order: keys of a
        // compacted topic live in one partition, so "latest per key" only needs offset order.
        Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> buffered = new HashMap<>();
        while (!pending.isEmpty()) {
            var batch = consumer.poll(Duration.ofMillis(200));
            if (!batch.isEmpty()) {
                lastProgress = System.nanoTime();
            }
            for (TopicPartition tp : batch.partitions()) {
                long end = ends.get(tp);
                for (ConsumerRecord<byte[], byte[]> record : batch.records(tp)) {
                    if (record.offset() < end) {
                        buffered.computeIfAbsent(tp, p -> new ArrayList<>()).add(record);
                    }
                }
            }
            for (TopicPartition tp : List.copyOf(pending)) {
                if (consumer.position(tp, options.connectTimeout()) >= ends.get(tp)) {
                    pending.remove(tp);
                    consumer.pause(Set.of(tp));
                }
            }
            for (var entry : buffered.entrySet()) {
                for (ConsumerRecord<byte[], byte[]> record : entry.getValue()) {
                    deliver(read, record);
                    records++;
                }
                entry.getValue().clear();
            }
            if (records >= nextReport) {
                progress.topicRead(topic, records, false);
                nextReport = records + PROGRESS_EVERY;
            }
            if (System.nanoTime() - lastProgress > options.readTimeout().toNanos()) {
                throw new SnapshotReadException("Reading " + topic + " made no progress for " + options.readTimeout().toSeconds()
                        + " s; partitions still short of their snapshot offsets: " + pending, null);
            }
        }
        consumer.assign(List.of());
        progress.topicRead(topic, records, true);
    }

    private static <K, V> void deliver(TopicRead<K, V> read, ConsumerRecord<byte[], byte[]> record) {
        String topic = record.topic();
        K key;
        V value;
        try {
            key = read.keys().deserialize(topic, record.key());
            value = record.value() == null ? null : read.values().deserialize(topic, record.value());
        } catch (SchemaRegistryUnavailableException e) {
            throw new RegistryUnavailableException(String.valueOf(e.getMessage()), "unavailable while decoding " + topic, e);
        } catch (SerializationException | SchemaRegistryException e) {
            throw new UnreadableRecordException(topic, record.partition(), record.offset(), e);
        }
        if (key == null) {
            throw new UnreadableRecordException(topic, record.partition(), record.offset(), new IllegalArgumentException("the record has no key"));
        }
        read.sink().accept(key, value, record.partition(), record.offset());
    }

    private Map<String, List<TopicPartition>> describe(List<String> topics) {
        Map<String, Object> config = new HashMap<>(options.kafkaClientConfig());
        int timeoutMs = (int) options.connectTimeout().toMillis();
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "bluebutton-report-admin");
        try (Admin admin = Admin.create(config)) {
            Set<String> existing = admin.listTopics(new ListTopicsOptions().timeoutMs(timeoutMs)).names()
                    .get(timeoutMs + 1_000L, TimeUnit.MILLISECONDS);
            List<String> missing = topics.stream().filter(t -> !existing.contains(t)).toList();
            if (!missing.isEmpty()) {
                throw new MissingTopicsException(options.bootstrapServers(), missing);
            }
            Map<String, TopicDescription> descriptions = admin.describeTopics(topics).allTopicNames()
                    .get(timeoutMs + 1_000L, TimeUnit.MILLISECONDS);
            Map<String, List<TopicPartition>> partitions = new LinkedHashMap<>();
            for (String topic : topics) {
                partitions.put(topic, descriptions.get(topic).partitions().stream()
                        .map(p -> new TopicPartition(topic, p.partition())).sorted((a, b) -> Integer.compare(a.partition(), b.partition())).toList());
            }
            return partitions;
        } catch (TimeoutException e) {
            throw new KafkaUnavailableException(options.bootstrapServers(), "no answer within " + options.connectTimeout().toSeconds() + " s", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String reason = cause instanceof org.apache.kafka.common.errors.TimeoutException
                    ? "no answer within " + options.connectTimeout().toSeconds() + " s" : cause.getMessage();
            throw new KafkaUnavailableException(options.bootstrapServers(), reason, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaUnavailableException(options.bootstrapServers(), "interrupted", e);
        } catch (KafkaException e) {
            // e.g. "No resolvable bootstrap urls" while the client is constructed
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new KafkaUnavailableException(options.bootstrapServers(), cause.getMessage(), e);
        }
    }

    private void checkRegistry() {
        try {
            registry.subjects();
        } catch (SchemaRegistryException e) {
            throw new RegistryUnavailableException(options.schemaRegistryUrl(), e.getMessage(), e);
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        Map<String, Object> config = new HashMap<>(options.kafkaClientConfig());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "bluebutton-report");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) options.connectTimeout().toMillis());
        config.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) options.connectTimeout().toMillis());
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
