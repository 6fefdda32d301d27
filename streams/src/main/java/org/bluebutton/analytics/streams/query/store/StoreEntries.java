package org.bluebutton.analytics.streams.query.store;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * Store entries as they travel between instances: keys and values in the store's own serialized
 * form, Base64-encoded, with the partition a key belongs to (null in answers to whole-store reads).
 * A value is null for a key that has none.
 */
@Serdeable
public record StoreEntries(List<Entry> entries) {

    public StoreEntries {
        entries = entries == null ? List.of() : entries;
    }

    /** One key and its value. */
    @Serdeable
    public record Entry(String key, String value, Integer partition) {
    }
}
