package org.bluebutton.analytics.simulator.plan;

import java.time.Instant;
import org.bluebutton.analytics.simulator.program.Channel;
import org.bluebutton.analytics.simulator.program.RecordFormat;

/**
 * One download-activity event: a single patient action ({@code count = 1}, no interval) or a
 * pre-aggregated count over {@code [occurredAt, intervalEnd)}. {@code format} may be null.
 */
public record DownloadEvent(String eventId, Instant occurredAt, Instant intervalEnd, Channel channel, RecordFormat format,
        long count) {
}
