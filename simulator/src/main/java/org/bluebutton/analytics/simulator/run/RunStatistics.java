package org.bluebutton.analytics.simulator.run;

import java.time.Duration;
import java.util.Locale;

/**
 * What a run did, as measured (not part of the ground truth: times vary from run to run).
 *
 * @param requests          HTTP requests, counting every retry attempt
 * @param eventsAcknowledged events ingest answered 202 for (resent ones again; CSV rows' derived events)
 * @param duplicatesSent    events sent again in deliberate resends of acknowledged batches
 * @param lateSent          events sent in batches planned to be late
 * @param malformedRefused  malformed requests refused as expected
 * @param transientRetries  attempts repeated after 503/5xx or a connection failure
 * @param elapsed           wall-clock time of the run
 */
public record RunStatistics(long requests, long eventsAcknowledged, long duplicatesSent, long lateSent, long malformedRefused,
        long transientRetries, Duration elapsed) {

    /** Acknowledged events per second of wall-clock time. */
    public double eventsPerSecond() {
        return elapsed.isZero() ? 0 : eventsAcknowledged * 1000.0 / elapsed.toMillis();
    }

    /** The one-line summary printed at the end of a run. */
    public String summary() {
        return String.format(Locale.ROOT, "simulator: %,d events acknowledged, %,d duplicates sent, %,d late sent, "
                + "%,d malformed refused, %,d requests (%,d retried), %.1f s, %,.0f events/s", eventsAcknowledged, duplicatesSent,
                lateSent, malformedRefused, requests, transientRetries, elapsed.toMillis() / 1000.0, eventsPerSecond());
    }
}
