package org.bluebutton.analytics.ingest.validation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Bounds on what one request may carry.
 *
 * @param maxBatchItems most events (or CSV rows) per request
 * @param earliestEventTime events before this are refused as absurdly old (the Blue Button
 *     initiative began in 2010)
 * @param clockSkew how far in the future an event time may be, for clients whose clocks run ahead
 */
public record IngestLimits(int maxBatchItems, Instant earliestEventTime, Duration clockSkew) {

    /** Largest count or patient figure: more than the US population is a typo, not a hospital. */
    public static final long MAX_FIGURE = 1_000_000_000L;
    /** Longest name or title. */
    public static final int MAX_NAME = 200;
    /** Longest URL. */
    public static final int MAX_URL = 2_048;

    /** Latest accepted event time, given the time now. */
    public Instant latestEventTime(Instant now) {
        return now.plus(clockSkew);
    }

    /** Earliest accepted event date (UTC). */
    public LocalDate earliestEventDate() {
        return LocalDate.ofInstant(earliestEventTime, ZoneOffset.UTC);
    }

    /** Latest accepted event date (UTC), given the time now. */
    public LocalDate latestEventDate(Instant now) {
        return LocalDate.ofInstant(latestEventTime(now), ZoneOffset.UTC);
    }

    /** The documented defaults: 10,000 items, events from 2010 on, 5 minutes of skew. */
    public static final IngestLimits DEFAULTS =
            new IngestLimits(10_000, Instant.parse("2010-01-01T00:00:00Z"), Duration.ofMinutes(5));
}
