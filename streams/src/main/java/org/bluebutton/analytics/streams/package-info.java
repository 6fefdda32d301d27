/**
 * The streams stage: a Kafka Streams application ({@code exactly_once_v2}) that turns the ingest
 * topics into exact aggregates on compacted output topics. One topology per feature package, each
 * built by one method that both the TopologyTestDriver specifications and the integration tests call.
 */
package org.bluebutton.analytics.streams;
