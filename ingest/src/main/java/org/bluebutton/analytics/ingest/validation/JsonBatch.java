package org.bluebutton.analytics.ingest.validation;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The items of a batch request, parsed strictly: a JSON array ({@code application/json}) or one
 * JSON object per line ({@code application/x-ndjson}). Duplicate keys, trailing content, invalid
 * UTF-8, nesting deeper than {@value #MAX_DEPTH} and more than {@code maxItems} items are refused.
 *
 * <p>The work is bounded before it is done: the body is read as a stream of tokens, the items are
 * counted as they come (the {@code maxItems + 1}st stops the parse), no item may hold more than
 * {@value #MAX_VALUES_PER_ITEM} values (an event has a dozen fields) and a batch no more than
 * {@value #MAX_VALUES_PER_ITEM_ON_AVERAGE} per item on average. Memory then follows the limits, not the
 * size or the shape of what a client sends.
 */
public final class JsonBatch {

    /** Deepest nesting accepted; events are flat objects, so anything deeper is hostile or broken. */
    public static final int MAX_DEPTH = 8;
    /** Most names and values in one item; the largest event has about 25. */
    public static final int MAX_VALUES_PER_ITEM = 256;
    /** Most names and values per item of a batch, on average; the largest event has about 25. */
    public static final int MAX_VALUES_PER_ITEM_ON_AVERAGE = 64;

    private static final ObjectMapper JSON = JsonMapper.builder(new JsonFactoryBuilder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxNumberLength(40)
                            .maxStringLength(100_000)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonBatch() {
    }

    /** The items of a JSON array body. */
    public static List<JsonNode> fromJsonArray(byte[] body, int maxItems) {
        int start = RequestText.requireUtf8(body);
        Budget budget = new Budget(maxItems);
        try (JsonParser parser = JSON.createParser(body, start, body.length - start)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw InvalidRequestException.of("Empty body", "the request body is empty");
            }
            if (first != JsonToken.START_ARRAY) {
                throw InvalidRequestException.of("Malformed batch", "the body must be a JSON array of events");
            }
            List<JsonNode> items = new ArrayList<>();
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
                if (token == null) {
                    throw InvalidRequestException.of("Malformed JSON", "the array is not closed");
                }
                budget.item(items.size());
                items.add(value(parser, token, budget));
            }
            requireEnd(parser);
            checkNotEmpty(items.size());
            return items;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw InvalidRequestException.of("Malformed JSON", e.getMessage());
        }
    }

    /**
     * The items of an NDJSON body. Blank lines are skipped: an item's index is its position among
     * the non-blank lines, and a parse error's reason names the physical line.
     */
    public static List<JsonNode> fromNdjson(byte[] body, int maxItems) {
        int start = RequestText.requireUtf8(body);
        Budget budget = new Budget(maxItems);
        List<JsonNode> items = new ArrayList<>();
        Violations violations = new Violations();
        int item = 0;
        int line = 0;
        for (int from = start; from <= body.length; ) {
            int end = from;
            while (end < body.length && body[end] != '\n') {
                end++;
            }
            line++;
            int to = end > from && body[end - 1] == '\r' ? end - 1 : end;
            if (!blank(body, from, to)) {
                budget.item(item);
                try (JsonParser parser = JSON.createParser(body, from, to - from)) {
                    items.add(value(parser, parser.nextToken(), budget));
                    requireEnd(parser);
                } catch (JsonProcessingException e) {
                    violations.add(new Violation(item, null, "line " + line + " is not valid JSON: " + e.getOriginalMessage()));
                } catch (IOException e) {
                    violations.add(new Violation(item, null, "line " + line + " cannot be read: " + e.getMessage()));
                }
                item++;
            }
            from = end + 1;
        }
        checkNotEmpty(item);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("Malformed NDJSON", violations);
        }
        return items;
    }

    /** One JSON object body. */
    public static JsonNode fromObject(byte[] body) {
        int start = RequestText.requireUtf8(body);
        try (JsonParser parser = JSON.createParser(body, start, body.length - start)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw InvalidRequestException.of("Empty body", "the request body is empty");
            }
            Budget budget = new Budget(1);
            budget.item(0);
            JsonNode root = value(parser, first, budget);
            requireEnd(parser);
            if (!root.isObject()) {
                throw InvalidRequestException.of("Malformed request", "the body must be a JSON object");
            }
            return root;
        } catch (JsonProcessingException e) {
            throw malformed(e);
        } catch (IOException e) {
            throw InvalidRequestException.of("Malformed JSON", e.getMessage());
        }
    }

    /** Builds the value starting at {@code token}, spending one unit of {@code budget} per name and value. */
    private static JsonNode value(JsonParser parser, JsonToken token, Budget budget) throws IOException {
        if (token == null) {
            throw new JsonParseException(parser, "unexpected end of input");
        }
        budget.spend();
        switch (token) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_OBJECT; next = parser.nextToken()) {
                    if (next != JsonToken.FIELD_NAME) {
                        throw new JsonParseException(parser, "expected a field name");
                    }
                    String name = parser.currentName();
                    budget.spend();
                    object.set(name, value(parser, parser.nextToken(), budget));
                }
                return object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                for (JsonToken next = parser.nextToken(); next != JsonToken.END_ARRAY; next = parser.nextToken()) {
                    array.add(value(parser, next, budget));
                }
                return array;
            }
            case VALUE_STRING -> {
                return NODES.textNode(parser.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (parser.getNumberType()) {
                    case INT -> NODES.numberNode(parser.getIntValue());
                    case LONG -> NODES.numberNode(parser.getLongValue());
                    default -> NODES.numberNode(parser.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return NODES.numberNode(parser.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(token == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> throw new JsonParseException(parser, "unexpected " + token);
        }
    }

    private static void requireEnd(JsonParser parser) throws IOException {
        JsonToken trailing = parser.nextToken();
        if (trailing != null) {
            throw new JsonParseException(parser, "trailing content after the value: " + trailing);
        }
    }

    private static boolean blank(byte[] body, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    private static InvalidRequestException malformed(JsonProcessingException e) {
        var location = e.getLocation();
        return InvalidRequestException.of("Malformed JSON", e.getOriginalMessage()
                + (location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")"));
    }

    private static void checkNotEmpty(int count) {
        if (count == 0) {
            throw InvalidRequestException.of("Empty batch", "the batch has no events");
        }
    }

    /** Counts items and values as the parse goes, and stops it at the first that is one too many. */
    private static final class Budget {

        private final int maxItems;
        private final long maxValues;
        private long values;
        private int itemValues;
        private int item;

        Budget(int maxItems) {
            this.maxItems = maxItems;
            this.maxValues = (long) maxItems * MAX_VALUES_PER_ITEM_ON_AVERAGE;
        }

        /** Item {@code index} (0-based) begins. */
        void item(int index) {
            if (index >= maxItems) {
                throw new BatchTooLargeException(maxItems);
            }
            item = index;
            itemValues = 0;
        }

        void spend() {
            if (++itemValues > MAX_VALUES_PER_ITEM) {
                throw new InvalidRequestException("Item too large", List.of(new Violation(item, null,
                        "holds more than " + MAX_VALUES_PER_ITEM + " names and values; an event is a flat object of a few fields")));
            }
            if (++values > maxValues) {
                throw new BatchTooLargeException("The batch holds more than " + maxValues + " names and values ("
                        + MAX_VALUES_PER_ITEM_ON_AVERAGE + " per item on average); split it");
            }
        }
    }
}
