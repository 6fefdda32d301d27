package org.bluebutton.analytics.ingest.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads every item of a batch with one {@link ItemReader}, all or nothing: either every item is
 * valid and the records come back in order, or {@link InvalidRequestException} lists every problem
 * of every item. An eventId used twice in one batch is a problem too.
 */
public final class ItemBatch {

    /** Turns one item into a record, or returns null after recording violations in {@code fields}. */
    @FunctionalInterface
    public interface ItemReader<T> {
        T read(ItemFields fields);
    }

    private ItemBatch() {
    }

    public static <T> List<T> readAll(String what, List<JsonNode> items, Set<String> allowedFields,
            ItemReader<T> reader, Function<T, String> eventIdOf) {
        Violations violations = new Violations();
        List<T> records = new ArrayList<>(items.size());
        Map<String, Integer> firstIndexOfEventId = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            ItemFields fields = new ItemFields(items.get(i), i, allowedFields, violations);
            T record = reader.read(fields);
            if (record == null || !fields.valid()) {
                continue;
            }
            Integer first = firstIndexOfEventId.putIfAbsent(eventIdOf.apply(record), i);
            if (first != null) {
                violations.add(new Violation(i, "eventId", "repeats the eventId of item " + first + " in this batch"));
                continue;
            }
            records.add(record);
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("Invalid " + what, violations);
        }
        return records;
    }
}
