package org.bluebutton.analytics.schemas.serde;

import java.nio.ByteBuffer;

/**
 * The Confluent wire format: magic byte {@code 0}, then the schema id as a 4-byte big-endian int,
 * then the Avro binary encoding of the record.
 */
final class WireFormat {

    static final byte MAGIC_BYTE = 0;
    static final int HEADER_LENGTH = 5;

    private WireFormat() {
    }

    /** Reads and checks the header, returning the schema id; the buffer is left at the Avro payload. */
    static int readHeader(String topic, ByteBuffer buffer) {
        if (buffer.remaining() < HEADER_LENGTH) {
            throw new InvalidWireFormatException(topic, "record of " + buffer.remaining()
                    + " bytes is shorter than the 5-byte header (magic byte + schema id)");
        }
        byte magic = buffer.get();
        if (magic != MAGIC_BYTE) {
            throw new InvalidWireFormatException(topic, String.format("first byte is 0x%02x, expected magic byte 0x00", magic));
        }
        return buffer.getInt();
    }
}
