package org.bluebutton.analytics.ingest.activity;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.bluebutton.analytics.ingest.publish.EventPublisher;
import org.bluebutton.analytics.schemas.topic.Topics;

/**
 * Validates what an organization reports and publishes it, all or nothing per request: either every
 * event is valid and acknowledged by Kafka, or the request fails and nothing valid was refused.
 */
public final class ActivitySubmission {

    private final DownloadActivityReader downloads;
    private final AccessSnapshotReader snapshots;
    private final EngagementActivityReader engagements;
    private final MonthlyStatsReader monthlyStats;
    private final EventPublisher publisher;

    public ActivitySubmission(DownloadActivityReader downloads, AccessSnapshotReader snapshots,
            EngagementActivityReader engagements, MonthlyStatsReader monthlyStats, EventPublisher publisher) {
        this.downloads = downloads;
        this.snapshots = snapshots;
        this.engagements = engagements;
        this.monthlyStats = monthlyStats;
        this.publisher = publisher;
    }

    /** Publishes download activity; returns the receipt of what was accepted. */
    public Receipt downloadActivity(String orgId, List<JsonNode> items) {
        return publish(orgId, downloads.read(orgId, items), null);
    }

    /** Publishes access snapshots. */
    public Receipt accessSnapshots(String orgId, List<JsonNode> items) {
        return publish(orgId, snapshots.read(orgId, items), null);
    }

    /** Publishes engagement activities. */
    public Receipt engagementActivities(String orgId, List<JsonNode> items) {
        return publish(orgId, engagements.read(orgId, items), null);
    }

    /** Publishes a monthly statistics CSV upload: snapshots and pre-aggregated activity; the receipt echoes the rows parsed. */
    public Receipt monthlyStats(String orgId, byte[] csv) {
        MonthlyStatsReader.Upload upload = monthlyStats.readUpload(orgId, csv);
        return publish(orgId, upload.events(), upload.rows());
    }

    private Receipt publish(String orgId, List<? extends SpecificRecord> events, List<Receipt.MonthlyRow> rows) {
        List<EventPublisher.Outgoing> outgoing = new ArrayList<>(events.size());
        // A request's events are of one or two kinds in runs: look the topic up when the kind changes, not per event.
        Class<?> kind = null;
        String topic = null;
        for (SpecificRecord event : events) {
            if (event.getClass() != kind) {
                kind = event.getClass();
                topic = Topics.activityTopicOf(event).name();
            }
            outgoing.add(new EventPublisher.Outgoing(topic, orgId, event));
        }
        publisher.publishAll(outgoing);
        return Receipt.of(events, rows);
    }
}
