package org.bluebutton.analytics.streams;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.bluebutton.analytics.schemas.aggregate.DataQualityKey;
import org.bluebutton.analytics.schemas.aggregate.EngagementKey;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthKey;
import org.bluebutton.analytics.schemas.aggregate.OrgYearKey;
import org.bluebutton.analytics.schemas.aggregate.PeriodGranularity;
import org.bluebutton.analytics.schemas.aggregate.RollupDimension;
import org.bluebutton.analytics.schemas.aggregate.RollupKey;
import org.bluebutton.analytics.schemas.event.EngagementType;
import org.bluebutton.analytics.streams.quality.OrganizationIncidentsKey;

/**
 * The bytes of the keys of the application's own stores and internal topics. They do not depend on
 * registry schema ids (so two subjects can never encode one key two ways and partitions cannot
 * drift apart), and an organization's keys start with its id as a length-prefixed string, so one
 * range scan reads every month or year of one organization in order (year and month big-endian).
 *
 * <p>Output topics keep the catalogue's registry-framed Avro keys: those are the contract with readers.
 */
public final class KeyEncoding {

    private KeyEncoding() {
    }

    /** Keys of per-organization months. */
    public static final Serde<OrgMonthKey> ORG_MONTH = serde(
            (key, out) -> out.string(key.getOrgId()).u16(key.getYear()).u8(key.getMonth()),
            in -> new OrgMonthKey(in.string(), in.u16(), in.u8()));

    /** Keys of per-organization years. */
    public static final Serde<OrgYearKey> ORG_YEAR = serde(
            (key, out) -> out.string(key.getOrgId()).u16(key.getYear()),
            in -> new OrgYearKey(in.string(), in.u16()));

    /** Keys of engagement figures (organization, year, type). */
    public static final Serde<EngagementKey> ENGAGEMENT = serde(
            (key, out) -> out.string(key.getOrgId()).u16(key.getYear()).string(key.getEngagementType().name()),
            in -> new EngagementKey(in.string(), in.u16(), EngagementType.valueOf(in.string())));

    /** Keys of roll-up groups; month 0 stands for a year. */
    public static final Serde<RollupKey> ROLLUP = serde(
            (key, out) -> out.string(key.getDimension().name()).string(key.getGranularity().name()).string(key.getDimensionValue())
                    .u16(key.getYear()).u8(key.getMonth() == null ? 0 : key.getMonth()),
            in -> {
                RollupDimension dimension = RollupDimension.valueOf(in.string());
                PeriodGranularity granularity = PeriodGranularity.valueOf(in.string());
                String value = in.string();
                int year = in.u16();
                int month = in.u8();
                return new RollupKey(dimension, value, granularity, year, month == 0 ? null : month);
            });

    /** Keys of data-quality figures (input topic, year, month). */
    public static final Serde<DataQualityKey> DATA_QUALITY = serde(
            (key, out) -> out.string(key.getSourceTopic()).u16(key.getYear()).u8(key.getMonth()),
            in -> new DataQualityKey(in.string(), in.u16(), in.u8()));

    /** Keys of one organization's data-quality figures: organization, year, month, input topic. */
    public static final Serde<OrganizationIncidentsKey> ORGANIZATION_INCIDENTS = serde(
            (key, out) -> out.string(key.orgId()).u16(key.year()).u8(key.month()).string(key.sourceTopic()),
            in -> new OrganizationIncidentsKey(in.string(), in.u16(), in.u8(), in.string()));

    /** The identity of an event: (organization, eventId) — never the eventId alone. */
    public static byte[] organizationEvent(String orgId, String eventId) {
        return new Writer().string(orgId).string(eventId).bytes();
    }

    /** The bytes Kafka's default partitioner hashes for an organization's records: its id in UTF-8. */
    public static byte[] organizationPartitionKey(String orgId) {
        return orgId.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> Serde<T> serde(BiConsumer<T, Writer> write, Function<Reader, T> read) {
        Serializer<T> serializer = (topic, key) -> {
            if (key == null) {
                return null;
            }
            Writer out = new Writer();
            write.accept(key, out);
            return out.bytes();
        };
        Deserializer<T> deserializer = (topic, bytes) -> bytes == null ? null : read.apply(new Reader(bytes));
        return Serdes.serdeFrom(serializer, deserializer);
    }

    /** Appends fields; strings as an unsigned 16-bit length and UTF-8. */
    public static final class Writer {
        private ByteBuffer buffer = ByteBuffer.allocate(64);

        public Writer string(String value) {
            byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
            if (utf8.length > 0xFFFF) {
                throw new IllegalArgumentException("a key string longer than 65535 bytes");
            }
            ensure(2 + utf8.length);
            buffer.putShort((short) utf8.length).put(utf8);
            return this;
        }

        public Writer u16(int value) {
            if (value < 0 || value > 0xFFFF) {
                throw new IllegalArgumentException("a key field out of 0..65535: " + value);
            }
            ensure(2);
            buffer.putShort((short) value);
            return this;
        }

        public Writer u8(int value) {
            if (value < 0 || value > 0xFF) {
                throw new IllegalArgumentException("a key field out of 0..255: " + value);
            }
            ensure(1);
            buffer.put((byte) value);
            return this;
        }

        /** A signed 64-bit number, big-endian (sorts as unsigned bytes only for non-negative values). */
        public Writer i64(long value) {
            ensure(8);
            buffer.putLong(value);
            return this;
        }

        /** What was appended so far; appending may go on. */
        public byte[] bytes() {
            return java.util.Arrays.copyOf(buffer.array(), buffer.position());
        }

        private void ensure(int more) {
            if (buffer.remaining() < more) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + more));
                buffer.flip();
                bigger.put(buffer);
                buffer = bigger;
            }
        }
    }

    /** Reads fields in the order {@link Writer} appended them. */
    public static final class Reader {
        private final ByteBuffer buffer;

        public Reader(byte[] bytes) {
            this.buffer = ByteBuffer.wrap(bytes);
        }

        public String string() {
            int length = Short.toUnsignedInt(buffer.getShort());
            byte[] utf8 = new byte[length];
            buffer.get(utf8);
            return new String(utf8, StandardCharsets.UTF_8);
        }

        public int u16() {
            return Short.toUnsignedInt(buffer.getShort());
        }

        public int u8() {
            return Byte.toUnsignedInt(buffer.get());
        }

        public long i64() {
            return buffer.getLong();
        }

        /** Whether fields remain to be read. */
        public boolean hasMore() {
            return buffer.hasRemaining();
        }
    }
}
