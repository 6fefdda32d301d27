package org.bluebutton.analytics.ingest.signup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bluebutton.analytics.ingest.validation.InvalidRequestException;

/**
 * The sign-up page's form as a browser posts it ({@code application/x-www-form-urlencoded}), read
 * into the JSON shape of {@code POST /v1/pledge-requests} so both are judged by one reader. Blank
 * fields count as not given (a browser sends every text box, filled or not).
 */
public final class FormFields {

    /** More pairs than the form has fields and commitments together, with room to spare. */
    static final int MAX_PAIRS = 64;

    private FormFields() {
    }

    /** Field → values, in the order sent; at most {@value #MAX_PAIRS} pairs. */
    public static Map<String, List<String>> parse(byte[] body) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return values;
        }
        String[] pairs = text.split("&", MAX_PAIRS + 1);
        if (pairs.length > MAX_PAIRS) {
            throw InvalidRequestException.of("Invalid pledge request", "the form has more than " + MAX_PAIRS + " fields");
        }
        for (String pair : pairs) {
            int equals = pair.indexOf('=');
            String name = decode(equals < 0 ? pair : pair.substring(0, equals));
            String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
            values.computeIfAbsent(name, key -> new ArrayList<>()).add(value);
        }
        return values;
    }

    /** The JSON request these form values stand for: {@code commitments} an array, other known fields their first non-blank value. */
    public static JsonNode asRequest(Map<String, List<String>> values) {
        ObjectNode request = JsonNodeFactory.instance.objectNode();
        for (String field : List.of("name", "organizationType", "category", "state", "city", "postalCode", "website", "contactEmail")) {
            values.getOrDefault(field, List.of()).stream().filter(value -> !value.isBlank()).findFirst()
                    .ifPresent(value -> request.put(field, value.strip()));
        }
        ArrayNode commitments = request.putArray("commitments");
        values.getOrDefault("commitments", List.of()).forEach(commitments::add);
        return request;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.of("Invalid pledge request", "the form is not correctly encoded");
        }
    }
}
