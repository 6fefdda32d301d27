package org.bluebutton.analytics.ingest.validation;

import java.time.Duration;
import java.time.Instant;

/**
 * Bounds on what one request may carry.
 *
 * @param maxBatchItems most events (or CSV rows) per request
 * @param earliestEventTime events before this are refused as absurdly old (the Blue Button
 *     initiative began in 2010)
 * @param clockSkew how far in the future an event time may be, for clients whose clocks run ahead
 */
public record IngestLimits(int maxBatchItems, Instant earliestEventTime, Duration clockSkew) {

    /** The documented defaults: 10,000 items, events from 2010 on, 5 minutes of skew. */
    public static final IngestLimits DEFAULTS =
            new IngestLimits(10_000, Instant.parse("2010-01-01T00:00:00Z"), Duration.ofMinutes(5));
}
