package org.bluebutton.analytics.ingest.activity;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.bluebutton.analytics.ingest.validation.IngestLimits;
import org.bluebutton.analytics.ingest.validation.ItemBatch;
import org.bluebutton.analytics.ingest.validation.ItemFields;
import org.bluebutton.analytics.schemas.event.AccessSnapshot;

/**
 * Reads a batch of access snapshots: {@code eventId}, {@code asOf} (a date, not after today UTC),
 * {@code patientsWithAccess} and optional {@code patientsOffered}, {@code patientsRegistered}, each
 * 0 to {@value #MAX_PATIENTS}.
 */
public final class AccessSnapshotReader {

    /** More patients than the US population is a typo, not a hospital. */
    public static final long MAX_PATIENTS = 1_000_000_000L;

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
        LocalDate earliest = LocalDate.ofInstant(limits.earliestEventTime(), ZoneOffset.UTC);
        LocalDate latest = LocalDate.ofInstant(now.plus(limits.clockSkew()), ZoneOffset.UTC);
        return ItemBatch.readAll("access snapshots", items, FIELDS, fields -> {
            String eventId = fields.requiredUuid("eventId");
            LocalDate asOf = fields.requiredDate("asOf", earliest, latest);
            Long withAccess = fields.requiredLong("patientsWithAccess", 0, MAX_PATIENTS);
            Long offered = fields.optionalLong("patientsOffered", 0, MAX_PATIENTS);
            Long registered = fields.optionalLong("patientsRegistered", 0, MAX_PATIENTS);
            if (!fields.valid()) {
                return null;
            }
            return new AccessSnapshot(eventId, orgId, asOf, withAccess, offered, registered, now);
        }, AccessSnapshot::getEventId);
    }
}
