package org.bluebutton.analytics.streams.figures;

import java.time.Duration;
import java.time.ZoneOffset;
import org.bluebutton.analytics.schemas.event.AccessSnapshot;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.event.EngagementActivity;
import org.bluebutton.analytics.streams.quality.InputRecords;

/** Rules a readable input record must meet beyond its schema; a record that breaks one is a dead letter. */
final class Rules {

    /** How far an event time may lie after the time ingest received it (clients' clocks run ahead). */
    static final Duration CLOCK_SKEW = Duration.ofDays(1);

    private Rules() {
    }

    /** The years an event may be dated in: what the stores' keys encode, and far beyond any real record. */
    static final int FIRST_YEAR = 1970;
    static final int LAST_YEAR = 9999;
    /** What is wrong with an access snapshot, or null. */
    static String snapshot(String key, AccessSnapshot snapshot) {
        String wrong = InputRecords.identityViolation(key, snapshot.getOrgId(), snapshot.getEventId());
        return wrong != null ? wrong : year("asOf", snapshot.getAsOf().getYear());
    }

    /** What is wrong with an engagement activity, or null. */
    static String engagement(String key, EngagementActivity activity) {
        String wrong = InputRecords.identityViolation(key, activity.getOrgId(), activity.getEventId());
        return wrong != null ? wrong : year("occurredOn", activity.getOccurredOn().getYear());
    }

    private static String year(String field, int year) {
        return year < FIRST_YEAR || year > LAST_YEAR ? field + " must be in the years " + FIRST_YEAR + " to " + LAST_YEAR + ", got " + year : null;
    }

    /**
     * What is wrong with a download event, or null. An event time far after reception would move the
     * task's event-time clock forward and close every open month of the partition, so it is refused.
     */
    static String download(String key, DownloadActivity event) {
        String mismatch = InputRecords.identityViolation(key, event.getOrgId(), event.getEventId());
        if (mismatch != null) {
            return mismatch;
        }
        String year = year("occurredAt", event.getOccurredAt().atOffset(ZoneOffset.UTC).getYear());
        if (year != null) {
            return year;
        }
        if (event.getCount() < 1) {
            return "count must be at least 1, got " + event.getCount();
        }
        if (event.getOccurredAt().isAfter(event.getReceivedAt().plus(CLOCK_SKEW))) {
            return "occurredAt " + event.getOccurredAt() + " is more than " + CLOCK_SKEW + " after receivedAt " + event.getReceivedAt();
        }
        return null;
    }
}
