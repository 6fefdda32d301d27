package org.bluebutton.analytics.streams.quality;

import java.util.function.BiFunction;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.bluebutton.analytics.schemas.quality.DeadLetter;
import org.bluebutton.analytics.schemas.serde.SpecificAvroDeserializer;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.RecordSerdes;

/**
 * Reads the input topics (keyed by organization id) from bytes: records that cannot be read or break
 * a rule go to {@code bluebutton.dead-letters} and are counted in the data-quality figures; the rest
 * flow on as events.
 */
public final class InputRecords {

    private final RecordSerdes serdes;
    private final String applicationId;
    private final DataQualityTopology quality;

    /**
     * @param serdes registry-backed serdes
     * @param applicationId recorded in dead letters
     * @param quality where dead letters are counted
     */
    public InputRecords(RecordSerdes serdes, String applicationId, DataQualityTopology quality) {
        this.serdes = serdes;
        this.applicationId = applicationId;
        this.quality = quality;
    }

    /**
     * The readable events of {@code topic}.
     *
     * @param rule what is wrong with a readable event given its record key, or null when it is fine
     */
    public <V extends SpecificRecord> KStream<String, V> read(StreamsBuilder builder, String topic, Class<V> type,
            BiFunction<String, V, String> rule) {
        SpecificAvroDeserializer<V> deserializer = new SpecificAvroDeserializer<>(type, serdes.registry());
        KStream<String, Decoded<V>> decoded = builder.stream(topic, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .processValues(() -> new Decoding<>(applicationId, deserializer, rule), Named.as("decode-" + topic));
        KStream<String, DeadLetter> deadLetters = decoded.filter((key, result) -> !result.ok(), Named.as("unreadable-" + topic))
                .mapValues(Decoded::deadLetter, Named.as("dead-letters-" + topic));
        deadLetters.to(Topics.DEAD_LETTERS.name(), Produced.with(Serdes.String(), serdes.value(DeadLetter.class)));
        quality.record(deadLetters.mapValues(letter -> DataQualityTopology.deadLetter(topic, letter.getFailedAt()),
                Named.as("dead-letter-incidents-" + topic)));
        return decoded.filter((key, result) -> result.ok(), Named.as("readable-" + topic))
                .mapValues(Decoded::event, Named.as("events-" + topic));
    }

    /** The longest organization or event id the application's keys hold, in UTF-8 bytes. */
    public static final int LONGEST_ID = 1024;

    /**
     * The rule every input record carrying its organization meets: the record key is that organization,
     * and the organization id and the other ids given fit the application's keys (at most {@value
     * #LONGEST_ID} bytes each). Null when it is met.
     */
    public static String identityViolation(String key, String orgId, String... ids) {
        String mismatch = keyMismatch(key, orgId);
        if (mismatch != null) {
            return mismatch;
        }
        if (tooLong(orgId)) {
            return "orgId must be at most " + LONGEST_ID + " bytes";
        }
        for (String id : ids) {
            if (tooLong(id)) {
                return "eventId must be at most " + LONGEST_ID + " bytes";
            }
        }
        return null;
    }

    private static boolean tooLong(String id) {
        return id.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > LONGEST_ID;
    }

    /** The usual rule for events carrying their organization: the record key must be that organization. */
    public static String keyMismatch(String key, String orgId) {
        return key.equals(orgId) ? null : "the record key '" + key + "' is not the event's orgId '" + orgId + "'";
    }
}
