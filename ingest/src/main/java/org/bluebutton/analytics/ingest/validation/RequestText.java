package org.bluebutton.analytics.ingest.validation;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Decodes request bodies strictly as UTF-8: invalid bytes are refused, not replaced. */
public final class RequestText {

    private RequestText() {
    }

    /**
     * The body as text, without a leading byte-order mark (spreadsheet programs write one).
     *
     * @throws InvalidRequestException when the body is empty or not valid UTF-8
     */
    public static String utf8(byte[] body) {
        if (body == null || body.length == 0) {
            throw InvalidRequestException.of("Empty body", "the request body is empty");
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw InvalidRequestException.of("Malformed body", "the body is not valid UTF-8");
        }
    }

    /**
     * Checks that the body is valid UTF-8 without making a text of it (a 10 MiB body would be 20 MiB
     * of characters): decodes it through one small buffer and keeps nothing.
     *
     * @return where the content starts: after a leading byte-order mark, if there is one
     * @throws InvalidRequestException when the body is empty or not valid UTF-8
     */
    public static int requireUtf8(byte[] body) {
        if (body == null || body.length == 0) {
            throw InvalidRequestException.of("Empty body", "the request body is empty");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        CharBuffer out = CharBuffer.allocate(8_192);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) {
                throw InvalidRequestException.of("Malformed body", "the body is not valid UTF-8");
            }
            out.clear();
            if (result.isUnderflow()) {
                break; // all input decoded; the characters themselves are not needed
            }
        }
        boolean bom = body.length >= 3 && body[0] == (byte) 0xEF && body[1] == (byte) 0xBB && body[2] == (byte) 0xBF;
        return bom ? 3 : 0;
    }
}
