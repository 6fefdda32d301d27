package org.bluebutton.analytics.simulator.truth;

/**
 * What the pipeline must set aside from an input topic in a month (by event time): late events and the
 * sum of their counts, and duplicates (events whose id was already counted). Dead letters are not
 * part of the truth: the simulator sends nothing that ingest accepts and the pipeline refuses.
 */
public record DataQualityTruth(String sourceTopic, int year, int month, long lateEvents, long lateCount, long duplicateEvents) {

    public static final String DOWNLOAD_ACTIVITY = "bluebutton.download-activity";
    public static final String ACCESS_SNAPSHOTS = "bluebutton.access-snapshots";
    public static final String ENGAGEMENT_ACTIVITY = "bluebutton.engagement-activity";
}
