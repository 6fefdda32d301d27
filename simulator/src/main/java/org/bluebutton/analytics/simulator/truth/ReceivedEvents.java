package org.bluebutton.analytics.simulator.truth;

import java.time.YearMonth;
import java.util.Map;
import java.util.Set;

/**
 * What ingest acknowledged, before the pipeline's rules (lateness, duplicates): for a test that
 * reads the input topics back. Kept in memory only (not part of the ground-truth JSON).
 *
 * @param downloadsByOrgMonth distinct download events per organization and month (event time),
 *                            late ones included; organizations that sent none are absent
 * @param downloadEventIds    ids of every acknowledged download event
 * @param snapshotEventIds    ids of every acknowledged access snapshot
 * @param engagementEventIds  ids of every acknowledged engagement activity
 * @param downloadRecords     acknowledged download events counting resent ones again: records on the topic
 * @param snapshotRecords     acknowledged snapshots counting resent ones again
 * @param engagementRecords   acknowledged engagement activities counting resent ones again
 * @param refusedEventIds     ids in malformed requests: none may be on any topic
 */
public record ReceivedEvents(Map<String, Map<YearMonth, ActivityCounts>> downloadsByOrgMonth, Set<String> downloadEventIds,
        Set<String> snapshotEventIds, Set<String> engagementEventIds, long downloadRecords, long snapshotRecords,
        long engagementRecords, Set<String> refusedEventIds) {
}
