package org.bluebutton.analytics.simulator.truth;

/**
 * Headline numbers of a run, all from what ingest acknowledged.
 *
 * @param organizations          organizations created
 * @param withdrawals            pledges withdrawn
 * @param categoryCorrections    profiles whose category staff corrected
 * @param countedEvents          distinct download events that count (not late)
 * @param lateEvents             download events the pipeline must route as late
 * @param duplicateEvents        acknowledged events (all topics) whose id had already been taken: retries
 * @param snapshots              distinct access snapshots
 * @param engagementActivities   distinct engagement activities
 * @param csvUploads             acknowledged monthly-statistics uploads (re-uploads included)
 * @param malformedRefused       malformed requests refused with the expected 4xx
 * @param unacknowledgedBatches  batches still failing after every retry: not in the truth, though some of
 *                               their records may have been stored (the truth is then not exact)
 * @param ambiguousEvents        acknowledged events whose lateness could not be certain (never planned;
 *                               non-zero only after unacknowledged batches); counted nowhere
 * @param transientRetries       requests repeated after a 503/5xx or a connection failure; when non-zero,
 *                               duplicate counts on the topics may exceed those of the truth
 */
public record Totals(int organizations, int withdrawals, int categoryCorrections, long countedEvents, long lateEvents,
        long duplicateEvents, long snapshots, long engagementActivities, long csvUploads, long malformedRefused,
        long unacknowledgedBatches, long ambiguousEvents, long transientRetries) {
}
