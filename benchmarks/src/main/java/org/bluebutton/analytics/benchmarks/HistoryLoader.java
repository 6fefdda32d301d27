package org.bluebutton.analytics.benchmarks;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bluebutton.analytics.schemas.event.AccessSnapshot;
import org.bluebutton.analytics.schemas.event.ActivityChannel;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.serde.AvroSerializer;
import org.bluebutton.analytics.schemas.serde.SchemaRegistrySerdeConfig;
import org.bluebutton.analytics.schemas.topic.Topics;

/**
 * Puts years of history on the input topics the way ingest writes them (orgId keys, registry-framed
 * Avro values): download activity spread evenly over the months, oldest month first (so no event is
 * late), and one access snapshot per data holder and month. Written straight to Kafka rather than
 * through HTTP because the streams stage measures replay, not ingest.
 */
public final class HistoryLoader {

    private final BenchPipeline pipeline;

    /** Loads into {@code pipeline}'s broker, for its registered data holders. */
    public HistoryLoader(BenchPipeline pipeline) {
        this.pipeline = pipeline;
    }

    /** What was loaded. */
    public record Loaded(long downloadEvents, long snapshots, double seconds, double averageValueBytes) {
    }

    /** Loads {@code downloadEvents} events and the snapshots over the months {@code first}..{@code last}. */
    public Loaded load(YearMonth first, YearMonth last, long downloadEvents) {
        List<BenchPipeline.Organization> holders = pipeline.dataHolders();
        int months = (int) (first.until(last, java.time.temporal.ChronoUnit.MONTHS) + 1);
        long perMonth = downloadEvents / months;
        long remainder = downloadEvents % months;
        Map<String, Object> settings = new HashMap<>(pipeline.stack().producerConfig());
        settings.put("linger.ms", 20);
        settings.put("batch.size", 262_144);
        settings.put("compression.type", "lz4");
        AvroSerializer<SpecificRecord> values = new AvroSerializer<>();
        values.configure(Map.of(SchemaRegistrySerdeConfig.SCHEMA_REGISTRY_URL, pipeline.stack().schemaRegistryUrl()), false);
        SplittableRandom random = new SplittableRandom(42);
        Instant receivedAt = Instant.now();
        ActivityChannel[] channels = {ActivityChannel.VIEW, ActivityChannel.DOWNLOAD, ActivityChannel.DOWNLOAD, ActivityChannel.TRANSMIT, ActivityChannel.API};
        long events = 0;
        long snapshots = 0;
        long valueBytes = 0;
        long start = System.nanoTime();
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(settings, new StringSerializer(), values)) {
            int holder = 0;
            for (YearMonth month = first; !month.isAfter(last); month = month.plusMonths(1)) {
                long monthStart = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
                long monthMillis = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli() - monthStart;
                long count = perMonth + (remainder-- > 0 ? 1 : 0);
                for (long e = 0; e < count; e++) {
                    BenchPipeline.Organization org = holders.get(holder++ % holders.size());
                    DownloadActivity event = DownloadActivity.newBuilder()
                            .setEventId(randomUuid(random))
                            .setOrgId(org.orgId())
                            .setOccurredAt(Instant.ofEpochMilli(monthStart + random.nextLong(monthMillis)))
                            .setIntervalEnd(null)
                            .setChannel(channels[random.nextInt(channels.length)])
                            .setFormat(null)
                            .setCount(random.nextInt(10) == 0 ? 1 + random.nextInt(500) : 1)
                            .setReceivedAt(receivedAt)
                            .build();
                    if (events < 1_000) {
                        valueBytes += values.serialize(Topics.DOWNLOAD_ACTIVITY.name(), event).length;
                    }
                    producer.send(new ProducerRecord<>(Topics.DOWNLOAD_ACTIVITY.name(), org.orgId(), event));
                    events++;
                }
                LocalDate asOf = month.atDay(15);
                for (BenchPipeline.Organization org : holders) {
                    long patients = 1_000 + (org.orgId().hashCode() & 0xffff) + month.getMonthValue() * 100L;
                    producer.send(new ProducerRecord<>(Topics.ACCESS_SNAPSHOTS.name(), org.orgId(), AccessSnapshot.newBuilder()
                            .setEventId(randomUuid(random))
                            .setOrgId(org.orgId())
                            .setAsOf(asOf)
                            .setPatientsWithAccess(patients)
                            .setPatientsOffered(patients * 2)
                            .setPatientsRegistered(null)
                            .setReceivedAt(receivedAt)
                            .build()));
                    snapshots++;
                }
            }
            producer.flush();
        }
        return new Loaded(events, snapshots, (System.nanoTime() - start) / 1e9, events == 0 ? 0 : valueBytes / (double) Math.min(events, 1_000));
    }

    /** A version-4 UUID from a seeded generator: ids must be unique, not secret, and SecureRandom would dominate the load. */
    static String randomUuid(SplittableRandom random) {
        long msb = (random.nextLong() & ~0xf000L) | 0x4000L;
        long lsb = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(msb, lsb).toString();
    }
}
