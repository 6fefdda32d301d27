package org.bluebutton.analytics.ingest.activity;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.bluebutton.analytics.ingest.validation.IngestLimits;
import org.bluebutton.analytics.ingest.validation.ItemBatch;
import org.bluebutton.analytics.ingest.validation.ItemFields;
import org.bluebutton.analytics.schemas.event.AccessSnapshot;

/**
 * Reads a batch of access snapshots: {@code eventId}, {@code asOf} (a date, not after today UTC),
 * {@code patientsWithAccess} and optional {@code patientsOffered}, {@code patientsRegistered}, each
 * 0 to {@link IngestLimits#MAX_FIGURE}.
 */
public final class AccessSnapshotReader {

    static final Set<String> FIELDS = ItemFields.fields("eventId", "asOf", "patientsWithAccess", "patientsOffered",
            "patientsRegistered");

    private final IngestLimits limits;
    private final Clock clock;

    public AccessSnapshotReader(IngestLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** The snapshots of {@code items}, reported by {@code orgId}, or every problem with them. */
    public List<AccessSnapshot> read(String orgId, List<JsonNode> items) {
        Instant now = clock.instant();
        return ItemBatch.readAll("access snapshots", items, FIELDS, fields -> {
            String eventId = fields.requiredUuid("eventId");
            LocalDate asOf = fields.requiredDate("asOf", limits.earliestEventDate(), limits.latestEventDate(now));
            Long withAccess = fields.requiredLong("patientsWithAccess", 0, IngestLimits.MAX_FIGURE);
            Long offered = fields.optionalLong("patientsOffered", 0, IngestLimits.MAX_FIGURE);
            Long registered = fields.optionalLong("patientsRegistered", 0, IngestLimits.MAX_FIGURE);
            if (!fields.valid()) {
                return null;
            }
            return new AccessSnapshot(eventId, orgId, asOf, withAccess, offered, registered, now);
        }, AccessSnapshot::getEventId);
    }
}
