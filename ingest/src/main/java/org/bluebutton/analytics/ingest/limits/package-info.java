/**
 * Limits on what callers may ask of one ingest instance: a request rate per organization key and per
 * client address on the anonymous routes (429 + {@code Retry-After}), and a bound on requests in flight
 * (503 + {@code Retry-After} beyond it). Settings in {@code IngestConfiguration}; refusals counted in
 * {@code ingest_requests_rejected_total{reason}}.
 */
package org.bluebutton.analytics.ingest.limits;
