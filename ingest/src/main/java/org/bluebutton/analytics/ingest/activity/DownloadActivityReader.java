package org.bluebutton.analytics.ingest.activity;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bluebutton.analytics.ingest.validation.IngestLimits;
import org.bluebutton.analytics.ingest.validation.ItemBatch;
import org.bluebutton.analytics.ingest.validation.ItemFields;
import org.bluebutton.analytics.schemas.event.ActivityChannel;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.event.RecordFormat;

/**
 * Reads a batch of download activity: {@code eventId}, {@code occurredAt}, optional
 * {@code intervalEnd} (for pre-aggregated counts, at most {@value #MAX_INTERVAL_DAYS} days after
 * {@code occurredAt}), {@code channel}, optional {@code format} and {@code count} (1 to
 * {@link IngestLimits#MAX_FIGURE}).
 */
public final class DownloadActivityReader {

    public static final int MAX_INTERVAL_DAYS = 31;

    static final Set<String> FIELDS = ItemFields.fields("eventId", "occurredAt", "intervalEnd", "channel", "format", "count");
    private static final Set<ActivityChannel> CHANNELS = EnumSet.of(ActivityChannel.VIEW, ActivityChannel.DOWNLOAD,
            ActivityChannel.TRANSMIT, ActivityChannel.API);
    private static final Set<RecordFormat> FORMATS = EnumSet.allOf(RecordFormat.class);

    private final IngestLimits limits;
    private final Clock clock;

    public DownloadActivityReader(IngestLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** The events of {@code items}, reported by {@code orgId}, or every problem with them. */
    public List<DownloadActivity> read(String orgId, List<JsonNode> items) {
        Instant now = clock.instant();
        Instant latest = limits.latestEventTime(now);
        return ItemBatch.readAll("download activity", items, FIELDS, fields -> {
            String eventId = fields.requiredUuid("eventId");
            Instant occurredAt = fields.requiredInstant("occurredAt", limits.earliestEventTime(), latest);
            Instant intervalEnd = fields.optionalInstant("intervalEnd", limits.earliestEventTime(), latest);
            ActivityChannel channel = fields.requiredEnum("channel", ActivityChannel.class, CHANNELS);
            RecordFormat format = fields.optionalEnum("format", RecordFormat.class, FORMATS);
            Long count = fields.requiredLong("count", 1, IngestLimits.MAX_FIGURE);
            if (occurredAt != null && intervalEnd != null && (!intervalEnd.isAfter(occurredAt)
                    || Duration.between(occurredAt, intervalEnd).compareTo(Duration.ofDays(MAX_INTERVAL_DAYS)) > 0)) {
                return fields.invalid("intervalEnd", "must be after occurredAt and at most " + MAX_INTERVAL_DAYS + " days later");
            }
            if (!fields.valid()) {
                return null;
            }
            return DownloadActivity.newBuilder()
                    .setEventId(eventId)
                    .setOrgId(orgId)
                    .setOccurredAt(occurredAt)
                    .setIntervalEnd(intervalEnd)
                    .setChannel(channel)
                    .setFormat(format)
                    .setCount(count)
                    .setReceivedAt(now)
                    .build();
        }, DownloadActivity::getEventId);
    }
}
