package org.bluebutton.analytics.streams.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.bluebutton.analytics.schemas.event.AccessSnapshot;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.event.EngagementActivity;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.registry.InMemorySchemaRegistry;
import org.bluebutton.analytics.schemas.registry.SchemaRegistration;
import org.bluebutton.analytics.schemas.registry.SchemaRegistry;
import org.bluebutton.analytics.schemas.serde.AvroSerializer;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.PledgeAnalyticsTopology;
import org.bluebutton.analytics.streams.RecordSerdes;

/**
 * The whole topology on {@code TopologyTestDriver} (no broker, no registry process: an in-memory schema
 * registry with the catalogue's schemas registered): send events as ingest writes them, read what the
 * topology outputs. After each record the driver's wall clock moves one flush interval, so the
 * organization figures' flush runs as it would between two commits.
 */
public final class TopologySpecs implements AutoCloseable {

    private final SchemaRegistry registry;
    private final RecordSerdes serdes;
    private static final Duration FLUSH_INTERVAL = Duration.ofMillis(100);

    private final TopologyTestDriver driver;
    private final TestInputTopic<String, byte[]> downloads;
    private final TestInputTopic<String, byte[]> snapshots;
    private final TestInputTopic<String, byte[]> pledges;
    private final TestInputTopic<String, byte[]> engagement;

    /** A driver for the whole topology with the given grace period; the catalogue's schemas are registered. */
    public TopologySpecs(Duration grace) {
        this.registry = new InMemorySchemaRegistry();
        new SchemaRegistration(registry).registerAll(SchemaRegistration.subjectsOf(Topics.all()));
        this.serdes = new RecordSerdes(registry);
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "spec-" + UUID.randomUUID());
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        try {
            config.put(StreamsConfig.STATE_DIR_CONFIG, Files.createTempDirectory("topology-spec").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.driver = new TopologyTestDriver(new PledgeAnalyticsTopology(serdes, grace, FLUSH_INTERVAL, "spec").topology(), config);
        this.downloads = driver.createInputTopic(Topics.DOWNLOAD_ACTIVITY.name(), new StringSerializer(), new ByteArraySerializer());
        this.snapshots = driver.createInputTopic(Topics.ACCESS_SNAPSHOTS.name(), new StringSerializer(), new ByteArraySerializer());
        this.pledges = driver.createInputTopic(Topics.PLEDGES.name(), new StringSerializer(), new ByteArraySerializer());
        this.engagement = driver.createInputTopic(Topics.ENGAGEMENT_ACTIVITY.name(), new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends an organization's pledge profile, keyed by the organization, as ingest writes it. */
    public void send(Pledge pledge) {
        pledges.pipeInput(pledge.getOrgId(), bytes(Topics.PLEDGES.name(), pledge));
        flush();
    }

    /** Sends an engagement activity, keyed by its organization. */
    public void send(EngagementActivity activity) {
        engagement.pipeInput(activity.getOrgId(), bytes(Topics.ENGAGEMENT_ACTIVITY.name(), activity));
        flush();
    }

    /** Sends raw bytes to an input topic, as a misbehaving producer could. */
    public void sendRaw(String topic, String key, byte[] value) {
        driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer()).pipeInput(key, value);
    }

    /** The current content of a queryable key-value store. */
    public <K, V> Map<K, V> store(String name) {
        Map<K, V> content = new HashMap<>();
        KeyValueStore<K, V> store = driver.getKeyValueStore(name);
        try (var all = store.all()) {
            all.forEachRemaining(entry -> content.put(entry.key, entry.value));
        }
        return content;
    }

    /** Sends a download event, keyed by its organization, as ingest writes it. */
    public void send(DownloadActivity event) {
        downloads.pipeInput(event.getOrgId(), bytes(Topics.DOWNLOAD_ACTIVITY.name(), event));
        flush();
    }

    /** Sends an access snapshot, keyed by its organization. */
    public void send(AccessSnapshot snapshot) {
        snapshots.pipeInput(snapshot.getOrgId(), bytes(Topics.ACCESS_SNAPSHOTS.name(), snapshot));
        flush();
    }

    /** Sends a download event under another record key, as a misbehaving producer could. */
    public void sendAs(String key, DownloadActivity event) {
        downloads.pipeInput(key, bytes(Topics.DOWNLOAD_ACTIVITY.name(), event));
        flush();
    }

    /** Sends raw bytes to the download-activity topic, as a misbehaving producer could. */
    public void sendRawDownload(String key, byte[] value) {
        downloads.pipeInput(key, value);
        flush();
    }

    /** The latest value per key written to an output topic with Avro keys. */
    public <K extends SpecificRecord, V extends SpecificRecord> Map<K, V> latest(String topic, Class<K> keyType, Class<V> valueType) {
        return driver.createOutputTopic(topic, serdes.key(keyType).deserializer(), serdes.value(valueType).deserializer())
                .readKeyValuesToMap();
    }

    /** Every value written to an output topic keyed by organization id, in order. */
    public <V extends SpecificRecord> List<V> values(String topic, Class<V> valueType) {
        return driver.createOutputTopic(topic, Serdes.String().deserializer(), serdes.value(valueType).deserializer())
                .readValuesToList();
    }

    /** Lets the wall clock pass one flush interval: changed figures are sent on, as between two commits. */
    public void flush() {
        driver.advanceWallClockTime(FLUSH_INTERVAL);
    }

    private byte[] bytes(String topic, SpecificRecord record) {
        return new AvroSerializer<SpecificRecord>(registry, false).serialize(topic, record);
    }

    @Override
    public void close() {
        driver.close();
    }
}
