package org.bluebutton.analytics.streams.figures;

import java.time.Duration;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.streams.quality.InputRecords;

/** Rules a readable input record must meet beyond its schema; a record that breaks one is a dead letter. */
final class Rules {

    /** How far an event time may lie after the time ingest received it (clients' clocks run ahead). */
    static final Duration CLOCK_SKEW = Duration.ofDays(1);

    private Rules() {
    }

    /**
     * What is wrong with a download event, or null. An event time far after reception would move the
     * task's event-time clock forward and close every open month of the partition, so it is refused.
     */
    static String download(String key, DownloadActivity event) {
        String mismatch = InputRecords.keyMismatch(key, event.getOrgId());
        if (mismatch != null) {
            return mismatch;
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
