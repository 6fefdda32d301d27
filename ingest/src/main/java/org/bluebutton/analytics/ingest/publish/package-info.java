/**
 * Publishing to Kafka: an idempotent {@code acks=all} producer whose every send a request waits for,
 * within a bounded time, before it answers 202; otherwise the request fails with 503 and the client
 * retries (event ids make retries safe downstream).
 */
package org.bluebutton.analytics.ingest.publish;
