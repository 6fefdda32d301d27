package org.bluebutton.analytics.ingest.validation;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
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
}
