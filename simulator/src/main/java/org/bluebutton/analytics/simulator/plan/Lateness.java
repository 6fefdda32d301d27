package org.bluebutton.analytics.simulator.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * The streams application's lateness rule, restated: a month closes {@code grace} after its end, and
 * an event is late when its month's close is before the latest event time its stream task has seen
 * (including events of other organizations on the same partition). The simulator cannot see that
 * clock, so it only ever sends events whose fate is certain either way: see {@link #classify}.
 */
public record Lateness(Duration grace) {

    /** What happens to a download event. */
    public enum Verdict {
        /** Its month is open whatever else the stream task has seen: it counts. */
        COUNTED,
        /** The same organization already sent a later event beyond the month's close: it is late. */
        LATE,
        /** It could go either way, depending on other organizations' events on the same partition. */
        AMBIGUOUS
    }

    /** The instant {@code month} closes: the first instant of the next month plus the grace period. */
    public Instant closesAt(YearMonth month) {
        return month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(grace);
    }

    /** The month (UTC) an instant falls in. */
    public static YearMonth monthOf(Instant instant) {
        return YearMonth.from(instant.atOffset(ZoneOffset.UTC));
    }

    /**
     * Classifies an event with time {@code occurredAt}.
     *
     * @param horizon         the latest event time anyone may have sent before this event is processed
     * @param organizationMax the latest event time this organization sent and had acknowledged before
     *                        this request (its events share one partition and are processed in order),
     *                        or null when none
     */
    public Verdict classify(Instant occurredAt, Instant horizon, Instant organizationMax) {
        Instant close = closesAt(monthOf(occurredAt));
        if (close.isAfter(horizon)) {
            return Verdict.COUNTED;
        }
        if (organizationMax != null && close.isBefore(organizationMax)) {
            return Verdict.LATE;
        }
        return Verdict.AMBIGUOUS;
    }
}
