package org.bluebutton.analytics.ingest.activity;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bluebutton.analytics.ingest.validation.IngestLimits;
import org.bluebutton.analytics.ingest.validation.ItemBatch;
import org.bluebutton.analytics.ingest.validation.ItemFields;
import org.bluebutton.analytics.schemas.event.EngagementActivity;
import org.bluebutton.analytics.schemas.event.EngagementType;

/**
 * Reads a batch of engagement activities: {@code eventId}, {@code occurredOn}, {@code engagementType},
 * optional {@code peopleReached}, {@code title} (at most {@link IngestLimits#MAX_NAME} characters), optional
 * {@code story} (at most {@value #MAX_STORY}, may span lines) and optional https {@code link}.
 */
public final class EngagementActivityReader {

    public static final int MAX_STORY = 4_000;
    public static final long MAX_PEOPLE = 10_000_000_000L;

    static final Set<String> FIELDS = ItemFields.fields("eventId", "occurredOn", "engagementType", "peopleReached",
            "title", "story", "link");
    private static final Set<EngagementType> TYPES = EnumSet.allOf(EngagementType.class);

    private final IngestLimits limits;
    private final Clock clock;

    public EngagementActivityReader(IngestLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** The activities of {@code items}, reported by {@code orgId}, or every problem with them. */
    public List<EngagementActivity> read(String orgId, List<JsonNode> items) {
        Instant now = clock.instant();
        return ItemBatch.readAll("engagement activities", items, FIELDS, fields -> {
            String eventId = fields.requiredUuid("eventId");
            LocalDate occurredOn = fields.requiredDate("occurredOn", limits.earliestEventDate(), limits.latestEventDate(now));
            EngagementType type = fields.requiredEnum("engagementType", EngagementType.class, TYPES);
            Long people = fields.optionalLong("peopleReached", 0, MAX_PEOPLE);
            String title = fields.requiredText("title", IngestLimits.MAX_NAME);
            String story = fields.optionalMultilineText("story", MAX_STORY);
            String link = fields.optionalHttpsUrl("link", IngestLimits.MAX_URL);
            if (!fields.valid()) {
                return null;
            }
            return new EngagementActivity(eventId, orgId, occurredOn, type, people, title, story, link, now);
        }, EngagementActivity::getEventId);
    }
}
