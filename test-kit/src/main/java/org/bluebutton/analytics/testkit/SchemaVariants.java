package org.bluebutton.analytics.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.Set;
import org.apache.avro.Schema;

/** Older and newer versions of a record schema, made by editing its JSON, for evolution tests. */
public final class SchemaVariants {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SchemaVariants() {
    }

    /** {@code base} plus a string field: optional with a null default, or required. */
    public static Schema withExtraField(Schema base, String name, boolean optional) {
        ObjectNode root = parse(base);
        ObjectNode field = ((ArrayNode) root.get("fields")).addObject();
        field.put("name", name);
        field.put("doc", "field added by a test");
        if (optional) {
            field.putArray("type").add("null").add("string");
            field.putNull("default");
        } else {
            field.put("type", "string");
        }
        return new Schema.Parser().parse(root.toString());
    }

    /** {@code base} without the named fields, as an older version of it would have been. */
    public static Schema withoutFields(Schema base, Set<String> names) {
        ObjectNode root = parse(base);
        ((ArrayNode) root.get("fields")).removeIf(f -> names.contains(f.get("name").asText()));
        return new Schema.Parser().parse(root.toString());
    }

    private static ObjectNode parse(Schema schema) {
        try {
            return (ObjectNode) JSON.readTree(schema.toString());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
