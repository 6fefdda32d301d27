package org.bluebutton.analytics.schemas.topic;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.TopicConfig;

/**
 * One topic of the catalogue: its name, layout and contents.
 *
 * @param name the topic name
 * @param partitions number of partitions; topics joined by organization share the same count
 * @param cleanupPolicy delete (event streams) or compact (tables)
 * @param retention how long records are kept; {@code null} means forever
 * @param keySchema Avro schema of the key, or {@code null} when the key is a plain UTF-8 string
 *     (the organization id)
 * @param valueSchema Avro schema of the value
 * @param description what the topic holds, for people
 */
public record TopicSpec(
        String name,
        int partitions,
        CleanupPolicy cleanupPolicy,
        Duration retention,
        Schema keySchema,
        Schema valueSchema,
        String description) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
        Objects.requireNonNull(valueSchema, "valueSchema");
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be at least 1");
        }
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException("topic " + name + ": retention must be positive or null (forever)");
        }
    }

    /** An event stream kept forever: the raw history every aggregate can be rebuilt from. */
    static TopicSpec stream(String name, int partitions, Schema valueSchema, String description) {
        return new TopicSpec(name, partitions, CleanupPolicy.DELETE, null, null, valueSchema, description);
    }

    /** A compacted table keyed by the organization id (a plain string). */
    static TopicSpec tableByOrganization(String name, int partitions, Schema valueSchema, String description) {
        return new TopicSpec(name, partitions, CleanupPolicy.COMPACT, null, null, valueSchema, description);
    }

    /** A compacted table with an Avro key. */
    static TopicSpec table(String name, int partitions, Schema keySchema, Schema valueSchema, String description) {
        return new TopicSpec(name, partitions, CleanupPolicy.COMPACT, null, keySchema, valueSchema, description);
    }

    /** The key's schema, when the key is Avro rather than a plain string. */
    public Optional<Schema> avroKeySchema() {
        return Optional.ofNullable(keySchema);
    }

    /** Schema-registry subject of the key (TopicNameStrategy). */
    public String keySubject() {
        return name + "-key";
    }

    /** Schema-registry subject of the value (TopicNameStrategy). */
    public String valueSubject() {
        return name + "-value";
    }

    /** The broker-side topic configuration this spec requires. */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, cleanupPolicy.configValue());
        configs.put(TopicConfig.RETENTION_MS_CONFIG, retention == null ? "-1" : Long.toString(retention.toMillis()));
        return configs;
    }
}
