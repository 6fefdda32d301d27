package org.bluebutton.analytics.simulator.plan;

import java.time.LocalDate;
import org.bluebutton.analytics.simulator.program.EngagementType;

/** An engagement activity and its story; {@code peopleReached}, {@code story} and {@code link} may be null. */
public record Engagement(String eventId, LocalDate occurredOn, EngagementType type, Long peopleReached, String title,
        String story, String link) {
}
