package org.bluebutton.analytics.ingest.validation;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The items of a batch request, parsed strictly: a JSON array ({@code application/json}) or one
 * JSON object per line ({@code application/x-ndjson}). Duplicate keys, trailing content, invalid
 * UTF-8, nesting deeper than {@value #MAX_DEPTH} and more than {@code maxItems} items are refused.
 */
public final class JsonBatch {

    /** Deepest nesting accepted; events are flat objects, so anything deeper is hostile or broken. */
    public static final int MAX_DEPTH = 8;

    private static final ObjectMapper JSON = JsonMapper.builder(new JsonFactoryBuilder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxNumberLength(40)
                            .maxStringLength(100_000)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private JsonBatch() {
    }

    /** The items of a JSON array body. */
    public static List<JsonNode> fromJsonArray(byte[] body, int maxItems) {
        JsonNode root = parse(RequestText.utf8(body));
        if (!root.isArray()) {
            throw InvalidRequestException.of("Malformed batch", "the body must be a JSON array of events");
        }
        checkCount(root.size(), maxItems);
        List<JsonNode> items = new ArrayList<>(root.size());
        root.forEach(items::add);
        return items;
    }

    /**
     * The items of an NDJSON body. Blank lines are skipped: an item's index is its position among
     * the non-blank lines, and a parse error's reason names the physical line.
     */
    public static List<JsonNode> fromNdjson(byte[] body, int maxItems) {
        String[] lines = RequestText.utf8(body).split("\r?\n", -1);
        List<JsonNode> items = new ArrayList<>();
        List<Violation> violations = new ArrayList<>();
        int nonBlank = 0;
        for (String line : lines) {
            if (!line.isBlank()) {
                nonBlank++;
            }
        }
        checkCount(nonBlank, maxItems);
        int item = 0;
        for (int line = 0; line < lines.length; line++) {
            if (lines[line].isBlank()) {
                continue;
            }
            try {
                items.add(JSON.readTree(lines[line]));
            } catch (JsonProcessingException e) {
                violations.add(new Violation(item, null, "line " + (line + 1) + " is not valid JSON: " + e.getOriginalMessage()));
            } catch (IOException e) {
                violations.add(new Violation(item, null, "line " + (line + 1) + " cannot be read: " + e.getMessage()));
            }
            item++;
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("Malformed NDJSON", violations);
        }
        return items;
    }

    /** One JSON object body. */
    public static JsonNode fromObject(byte[] body) {
        JsonNode root = parse(RequestText.utf8(body));
        if (!root.isObject()) {
            throw InvalidRequestException.of("Malformed request", "the body must be a JSON object");
        }
        return root;
    }

    private static JsonNode parse(String text) {
        if (text.isBlank()) {
            throw InvalidRequestException.of("Empty body", "the request body is empty");
        }
        try {
            return JSON.readTree(text);
        } catch (JsonParseException e) {
            throw InvalidRequestException.of("Malformed JSON", describe(e));
        } catch (JsonProcessingException e) {
            throw InvalidRequestException.of("Malformed JSON", e.getOriginalMessage());
        } catch (IOException e) {
            throw InvalidRequestException.of("Malformed JSON", e.getMessage());
        }
    }

    private static String describe(JsonParseException e) {
        var location = e.getLocation();
        return e.getOriginalMessage() + (location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")");
    }

    private static void checkCount(int count, int maxItems) {
        if (count > maxItems) {
            throw new BatchTooLargeException(count, maxItems);
        }
        if (count == 0) {
            throw InvalidRequestException.of("Empty batch", "the batch has no events");
        }
    }

}
