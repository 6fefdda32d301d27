package org.bluebutton.analytics.streams.quality;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.function.BiFunction;
import org.apache.avro.AvroRuntimeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.bluebutton.analytics.schemas.quality.DeadLetter;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryException;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryUnavailableException;

/**
 * Reads input records from their bytes inside the topology, so that a poison record (bytes that are
 * not Avro, an unknown schema id, a value that breaks a rule) becomes a {@link DeadLetter} written in
 * the same transaction, instead of stopping the application. A registry outage is not poison: it is
 * rethrown, and the record is read again once the registry answers.
 *
 * @param <V> the event type
 */
public final class Decoding<V> implements FixedKeyProcessor<String, byte[], Decoded<V>> {

    private final String applicationId;
    private final Deserializer<V> deserializer;
    private final BiFunction<String, V, String> ruleViolation;
    private FixedKeyProcessorContext<String, Decoded<V>> context;

    /**
     * @param applicationId who sets records aside, recorded in each dead letter
     * @param deserializer reads the value bytes
     * @param ruleViolation what is wrong with a readable event given its record key, or null when it is fine
     */
    public Decoding(String applicationId, Deserializer<V> deserializer, BiFunction<String, V, String> ruleViolation) {
        this.applicationId = applicationId;
        this.deserializer = deserializer;
        this.ruleViolation = ruleViolation;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Decoded<V>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        String topic = context.recordMetadata().map(RecordMetadata::topic).orElse("unknown");
        if (record.value() == null) {
            context.forward(record.withValue(new Decoded<>(null, deadLetter(record, topic, "the record has no value", "NullValue"))));
            return;
        }
        if (record.key() == null || record.key().isBlank()) {
            context.forward(record.withValue(new Decoded<>(null, deadLetter(record, topic, "the record has no key (organization id)", "MissingKey"))));
            return;
        }
        V event;
        try {
            event = deserializer.deserialize(topic, record.value());
        } catch (SchemaRegistryUnavailableException e) {
            throw e; // not the record's fault: fail the task, read it again once the registry answers
        } catch (SerializationException | SchemaRegistryException | AvroRuntimeException e) {
            // Bytes that are not ours, an unknown or non-Avro schema id, a payload that does not decode.
            context.forward(record.withValue(new Decoded<>(null, deadLetter(record, topic, e.getMessage(), e.getClass().getName()))));
            return;
        }
        String violation = ruleViolation.apply(record.key(), event);
        if (violation != null) {
            context.forward(record.withValue(new Decoded<>(null, deadLetter(record, topic, violation, "RuleViolation"))));
            return;
        }
        context.forward(record.withValue(new Decoded<>(event, null)));
    }

    private DeadLetter deadLetter(FixedKeyRecord<String, byte[]> record, String topic, String reason, String errorType) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        return new DeadLetter(topic,
                source == null ? -1 : source.partition(),
                source == null ? -1L : source.offset(),
                record.key() == null ? null : ByteBuffer.wrap(record.key().getBytes(StandardCharsets.UTF_8)),
                record.value() == null ? null : ByteBuffer.wrap(record.value()),
                reason == null ? errorType : reason,
                errorType,
                Instant.ofEpochMilli(context.currentSystemTimeMs()),
                applicationId);
    }
}
