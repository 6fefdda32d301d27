/**
 * The ingest service: the HTTP API data holders and staff call. It validates every request whole,
 * authenticates the caller, and publishes Avro events to Kafka, answering 202 only after Kafka
 * acknowledged every record. Stateless apart from in-memory views of two compacted topics, so it
 * scales by adding instances.
 */
package org.bluebutton.analytics.ingest;
