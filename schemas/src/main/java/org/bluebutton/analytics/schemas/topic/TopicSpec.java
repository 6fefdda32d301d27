package org.bluebutton.analytics.schemas.topic;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bluebutton.analytics.schemas.registry.SchemaRegistry;
import org.bluebutton.analytics.schemas.serde.AvroSerializer;
import org.bluebutton.analytics.schemas.serde.SpecificAvroDeserializer;

/**
 * One topic of the catalogue: its name, layout and contents, typed. Writers and readers take the
 * topic's own serializers and deserializers from here, so no module binds a topic to its classes
 * again.
 *
 * @param <K> the key type: {@link String} (the organization id) or a generated Avro key class
 * @param <V> the value type: a generated Avro class
 * @param name the topic name
 * @param partitions number of partitions; topics joined by organization share the same count
 * @param cleanupPolicy delete (event streams) or compact (tables)
 * @param retention how long records are kept; {@code null} means forever
 * @param keyType class of the key: {@code String.class} for a plain UTF-8 key, else an Avro record
 * @param valueType class of the value, an Avro record
 * @param description what the topic holds, for people
 * @param stampedByBroker whether the broker stamps each record with the time it appended it
 *     ({@code message.timestamp.type=LogAppendTime}), overwriting what the producer set: the input
 *     topics' records carry the time they were admitted, which no client can forge
 */
public record TopicSpec<K, V extends SpecificRecord>(
        String name,
        int partitions,
        CleanupPolicy cleanupPolicy,
        Duration retention,
        Class<K> keyType,
        Class<V> valueType,
        String description,
        boolean stampedByBroker) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
        if (keyType != String.class && !SpecificRecord.class.isAssignableFrom(keyType)) {
            throw new IllegalArgumentException("topic " + name + ": keys are strings or Avro records, not " + keyType.getName());
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("topic " + name + ": partitions must be at least 1");
        }
        if (retention != null && (retention.isNegative() || retention.isZero())) {
            throw new IllegalArgumentException("topic " + name + ": retention must be positive or null (forever)");
        }
    }

    /** An event stream kept forever: the raw history every aggregate can be rebuilt from. */
    static <V extends SpecificRecord> TopicSpec<String, V> stream(String name, int partitions, Class<V> valueType, String description) {
        return new TopicSpec<>(name, partitions, CleanupPolicy.DELETE, null, String.class, valueType, description, false);
    }

    /**
     * An input stream kept forever whose records the broker stamps with their admission time
     * ({@code LogAppendTime}): what clients write and streams admits by that time.
     */
    static <V extends SpecificRecord> TopicSpec<String, V> admittedStream(String name, int partitions, Class<V> valueType, String description) {
        return new TopicSpec<>(name, partitions, CleanupPolicy.DELETE, null, String.class, valueType, description, true);
    }

    /** A compacted table keyed by the organization id (a plain string). */
    static <V extends SpecificRecord> TopicSpec<String, V> tableByOrganization(String name, int partitions, Class<V> valueType,
            String description) {
        return new TopicSpec<>(name, partitions, CleanupPolicy.COMPACT, null, String.class, valueType, description, false);
    }

    /** A compacted table keyed by another plain-string id (e.g. a request id; say what it is in the description). */
    static <V extends SpecificRecord> TopicSpec<String, V> tableByTextKey(String name, int partitions, Class<V> valueType,
            String description) {
        return new TopicSpec<>(name, partitions, CleanupPolicy.COMPACT, null, String.class, valueType, description, false);
    }

    /** A compacted table with an Avro key. */
    static <K extends SpecificRecord, V extends SpecificRecord> TopicSpec<K, V> table(String name, int partitions, Class<K> keyType,
            Class<V> valueType, String description) {
        return new TopicSpec<>(name, partitions, CleanupPolicy.COMPACT, null, keyType, valueType, description, false);
    }

    /** The same topic under another name (e.g. a prefixed copy). */
    public TopicSpec<K, V> named(String otherName) {
        return new TopicSpec<>(otherName, partitions, cleanupPolicy, retention, keyType, valueType, description, stampedByBroker);
    }

    /** Avro schema of the value. */
    public Schema valueSchema() {
        return SpecificData.get().getSchema(valueType);
    }

    /** The key's schema, when the key is Avro rather than a plain string. */
    public Optional<Schema> avroKeySchema() {
        return keyType == String.class ? Optional.empty() : Optional.of(SpecificData.get().getSchema(keyType));
    }

    /** Reads this topic's keys (strings, or Avro in the registry wire format). */
    @SuppressWarnings("unchecked") // keyType is String or an Avro record: checked by the constructor
    public Deserializer<K> keyDeserializer(SchemaRegistry registry) {
        if (keyType == String.class) {
            return (Deserializer<K>) new StringDeserializer();
        }
        return (Deserializer<K>) avroDeserializer(keyType.asSubclass(SpecificRecord.class), registry, true);
    }

    /** Reads this topic's values as {@link #valueType()}, whichever compatible schema wrote them. */
    public Deserializer<V> valueDeserializer(SchemaRegistry registry) {
        return avroDeserializer(valueType, registry, false);
    }

    /** Writes this topic's keys; Avro keys by their registered schema (never registering one). */
    @SuppressWarnings("unchecked") // keyType is String or an Avro record: checked by the constructor
    public Serializer<K> keySerializer(SchemaRegistry registry) {
        if (keyType == String.class) {
            return (Serializer<K>) new StringSerializer();
        }
        AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>(registry, false);
        serializer.configure(Map.of(), true);
        return (Serializer<K>) serializer;
    }

    /** Writes this topic's values by their registered schema (never registering one). */
    public Serializer<V> valueSerializer(SchemaRegistry registry) {
        AvroSerializer<V> serializer = new AvroSerializer<>(registry, false);
        serializer.configure(Map.of(), false);
        return serializer;
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
        if (stampedByBroker) {
            configs.put(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, "LogAppendTime");
        }
        return configs;
    }

    private static <T extends SpecificRecord> Deserializer<T> avroDeserializer(Class<T> type, SchemaRegistry registry, boolean isKey) {
        SpecificAvroDeserializer<T> deserializer = new SpecificAvroDeserializer<>(type, registry);
        deserializer.configure(Map.of(), isKey);
        return deserializer;
    }
}
