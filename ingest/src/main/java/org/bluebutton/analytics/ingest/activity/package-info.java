/**
 * What data holders and non-data holders report: download activity, access snapshots, engagement
 * activities (JSON and NDJSON batches) and monthly statistics (CSV). Each reader validates a whole
 * request and turns it into Avro events, or refuses it with every problem listed.
 */
package org.bluebutton.analytics.ingest.activity;
