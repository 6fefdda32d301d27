package org.bluebutton.analytics.ingest.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the fields of one JSON object of a request into typed values, recording a {@link Violation}
 * for every field that is missing, of the wrong type, out of bounds or unknown, so that one pass
 * reports everything wrong with an item. A getter returns {@code null} after recording a violation;
 * check {@link #valid()} before using the values.
 */
public final class ItemFields {

    private final JsonNode node;
    private final Integer index;
    private final Violations violations;
    private final int violationsBefore;

    /**
     * @param node the item
     * @param index its position in the batch, or null for a single-object request
     * @param allowedFields every field the item may have; others are reported as unknown
     * @param violations where violations are added
     */
    public ItemFields(JsonNode node, Integer index, Set<String> allowedFields, Violations violations) {
        this.node = node;
        this.index = index;
        this.violations = violations;
        this.violationsBefore = violations.size();
        if (node == null || !node.isObject()) {
            add(null, "must be a JSON object");
            return;
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowedFields.contains(name)) {
                add(name, "unknown field; allowed: " + String.join(", ", allowedFields.stream().sorted().toList()));
            }
        }
    }

    /** Whether no violation was recorded for this item. */
    public boolean valid() {
        return violations.size() == violationsBefore;
    }

    /** A required single-line string of 1 to {@code maxLength} characters. */
    public String requiredText(String field, int maxLength) {
        JsonNode value = value(field);
        if (value == null) {
            return missing(field);
        }
        return text(field, value, maxLength, false);
    }

    /** An optional single-line string; null when absent or JSON null. */
    public String optionalText(String field, int maxLength) {
        JsonNode value = value(field);
        return value == null ? null : text(field, value, maxLength, false);
    }

    /** An optional multi-line string (newlines and tabs allowed); null when absent or JSON null. */
    public String optionalMultilineText(String field, int maxLength) {
        JsonNode value = value(field);
        return value == null ? null : text(field, value, maxLength, true);
    }

    /** A required string matching {@code pattern}; {@code shape} describes it for the client. */
    public String requiredMatching(String field, Pattern pattern, String shape) {
        String text = requiredText(field, 256);
        if (text != null && !pattern.matcher(text).matches()) {
            return invalid(field, "must be " + shape);
        }
        return text;
    }

    /** An optional string matching {@code pattern}. */
    public String optionalMatching(String field, Pattern pattern, String shape) {
        String text = optionalText(field, 256);
        if (text != null && !pattern.matcher(text).matches()) {
            return invalid(field, "must be " + shape);
        }
        return text;
    }

    /** A required UUID in canonical text form, returned lower-case. */
    public String requiredUuid(String field) {
        String text = requiredText(field, 36);
        if (text == null) {
            return null;
        }
        if (!isCanonicalUuid(text)) {
            return invalid(field, "must be a UUID such as 3f2b8c1e-7a4d-4e59-9a0c-2d6f1b8e4c7a");
        }
        return text.toLowerCase(Locale.ROOT); // what UUID.fromString(text).toString() gives for the canonical form
    }

    /** 8-4-4-4-12 hexadecimal digits: checked by hand, as a regular expression cost more than the rest of the item. */
    public static boolean isCanonicalUuid(String text) {
        if (text.length() != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(i);
            boolean hyphen = i == 8 || i == 13 || i == 18 || i == 23;
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (hyphen ? c != '-' : !hex) {
                return false;
            }
        }
        return true;
    }

    /** An optional https URL of at most {@code maxLength} characters. */
    public String optionalHttpsUrl(String field, int maxLength) {
        String text = optionalText(field, maxLength);
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                return invalid(field, "must be an https URL with a host");
            }
        } catch (URISyntaxException e) {
            return invalid(field, "must be an https URL: " + e.getReason());
        }
        return text;
    }

    /** A required instant in ISO-8601 form with an offset, within {@code [earliest, latest]}. */
    public Instant requiredInstant(String field, Instant earliest, Instant latest) {
        JsonNode value = value(field);
        if (value == null) {
            return missing(field);
        }
        return instant(field, value, earliest, latest);
    }

    /** An optional instant within {@code [earliest, latest]}. */
    public Instant optionalInstant(String field, Instant earliest, Instant latest) {
        JsonNode value = value(field);
        return value == null ? null : instant(field, value, earliest, latest);
    }

    /** A required date {@code YYYY-MM-DD} within {@code [earliest, latest]}. */
    public LocalDate requiredDate(String field, LocalDate earliest, LocalDate latest) {
        JsonNode value = value(field);
        if (value == null) {
            return missing(field);
        }
        if (!value.isTextual()) {
            return invalid(field, "must be a date YYYY-MM-DD");
        }
        try {
            LocalDate date = LocalDate.parse(value.asText());
            if (date.isBefore(earliest) || date.isAfter(latest)) {
                return invalid(field, "must be between " + earliest + " and " + latest);
            }
            return date;
        } catch (DateTimeParseException e) {
            return invalid(field, "must be a date YYYY-MM-DD");
        }
    }

    /** A required whole number within {@code [min, max]}. */
    public Long requiredLong(String field, long min, long max) {
        JsonNode value = value(field);
        if (value == null) {
            return missing(field);
        }
        return wholeNumber(field, value, min, max);
    }

    /** An optional whole number within {@code [min, max]}. */
    public Long optionalLong(String field, long min, long max) {
        JsonNode value = value(field);
        return value == null ? null : wholeNumber(field, value, min, max);
    }

    /** An optional JSON boolean ({@code true} or {@code false}, not a string); null when absent. */
    public Boolean optionalBoolean(String field) {
        JsonNode value = value(field);
        if (value == null) {
            return null;
        }
        return value.isBoolean() ? value.booleanValue() : invalid(field, "must be true or false");
    }

    /** A required enum symbol among {@code allowed}. */
    public <E extends Enum<E>> E requiredEnum(String field, Class<E> type, Set<E> allowed) {
        JsonNode value = value(field);
        if (value == null) {
            return missing(field);
        }
        return symbol(field, value, type, allowed);
    }

    /** An optional enum symbol among {@code allowed}. */
    public <E extends Enum<E>> E optionalEnum(String field, Class<E> type, Set<E> allowed) {
        JsonNode value = value(field);
        return value == null ? null : symbol(field, value, type, allowed);
    }

    /** An optional array of distinct enum symbols among {@code allowed}, at most {@code maxItems}; empty when absent. */
    public <E extends Enum<E>> List<E> enumList(String field, Class<E> type, Set<E> allowed, int maxItems) {
        if (node != null && node.isObject() && node.has(field) && node.get(field).isNull()) {
            invalid(field, "must be an array (use [] for none), not null");
            return List.of();
        }
        JsonNode value = value(field);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray() || value.size() > maxItems) {
            invalid(field, "must be an array of at most " + maxItems + " of: " + names(allowed));
            return List.of();
        }
        List<E> symbols = new ArrayList<>();
        for (JsonNode element : value) {
            E symbol = symbol(field, element, type, allowed);
            if (symbol != null && !symbols.contains(symbol)) {
                symbols.add(symbol);
            }
        }
        return symbols;
    }

    /** Whether the item has a non-null value for {@code field}. */
    public boolean has(String field) {
        return value(field) != null;
    }

    /** Records a violation for {@code field} found by the caller (e.g. a rule across fields). */
    public <T> T invalid(String field, String reason) {
        add(field, reason);
        return null;
    }

    private JsonNode value(String field) {
        if (node == null || !node.isObject()) {
            return null;
        }
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value;
    }

    private <T> T missing(String field) {
        if (node != null && node.isObject()) {
            add(field, "is required");
        }
        return null;
    }

    private String text(String field, JsonNode value, int maxLength, boolean multiline) {
        if (!value.isTextual()) {
            return invalid(field, "must be a string");
        }
        String text = value.asText();
        if (text.isBlank()) {
            return invalid(field, "must not be blank");
        }
        if (text.length() > maxLength) {
            return invalid(field, "must be at most " + maxLength + " characters, got " + text.length());
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowedWhitespace = multiline && (c == '\n' || c == '\r' || c == '\t');
            if ((Character.isISOControl(c) && !allowedWhitespace) || isInvisibleOrSpoofing(c)
                    || (Character.isSurrogate(c) && !validSurrogatePair(text, i))) {
                return invalid(field, String.format("must not contain control, invisible or invalid characters (U+%04X at %d)", (int) c, i));
            }
            if (Character.isHighSurrogate(c)) {
                i++;
            }
        }
        return text;
    }

    /**
     * Unassigned code points, line/paragraph separators and format characters such as bidirectional
     * overrides, which could make a public name display as something else; the zero-width joiners
     * that emoji and some scripts need stay allowed.
     */
    private static boolean isInvisibleOrSpoofing(char c) {
        int type = Character.getType(c);
        return type == Character.UNASSIGNED || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || (type == Character.FORMAT && c != '\u200C' && c != '\u200D');
    }

    private static boolean validSurrogatePair(String text, int i) {
        return Character.isHighSurrogate(text.charAt(i)) && i + 1 < text.length()
                && Character.isLowSurrogate(text.charAt(i + 1));
    }

    private Instant instant(String field, JsonNode value, Instant earliest, Instant latest) {
        if (!value.isTextual()) {
            return invalid(field, "must be an ISO-8601 instant with offset, e.g. 2025-03-01T14:30:00Z");
        }
        try {
            Instant instant = EventTimes.parse(value.asText());
            if (instant.isBefore(earliest)) {
                return invalid(field, "must not be before " + earliest);
            }
            if (instant.isAfter(latest)) {
                return invalid(field, "must not be in the future (after " + latest + ")");
            }
            return instant;
        } catch (DateTimeParseException e) {
            return invalid(field, "must be an ISO-8601 instant with offset, e.g. 2025-03-01T14:30:00Z");
        }
    }

    private Long wholeNumber(String field, JsonNode value, long min, long max) {
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            return invalid(field, "must be a whole number between " + min + " and " + max);
        }
        long number = value.asLong();
        if (number < min || number > max) {
            return invalid(field, "must be between " + min + " and " + max + ", got " + number);
        }
        return number;
    }

    private <E extends Enum<E>> E symbol(String field, JsonNode value, Class<E> type, Set<E> allowed) {
        if (value.isTextual()) {
            for (E candidate : allowed) {
                if (candidate.name().equals(value.asText())) {
                    return candidate;
                }
            }
        }
        return invalid(field, "must be one of: " + names(allowed));
    }

    private static <E extends Enum<E>> String names(Set<E> allowed) {
        return allowed.stream().sorted().map(Enum::name).collect(Collectors.joining(", "));
    }

    private void add(String field, String reason) {
        violations.add(new Violation(index, field, reason));
    }

    /** The set of field names, for the {@code allowedFields} argument. */
    public static Set<String> fields(String... names) {
        return Set.copyOf(Arrays.asList(names));
    }
}
