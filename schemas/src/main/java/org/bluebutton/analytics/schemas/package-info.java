/**
 * The contracts every module shares: Avro schemas of events and aggregates (classes generated from
 * {@code src/main/avro} into {@code ...schemas.event}, {@code ...schemas.aggregate} and
 * {@code ...schemas.quality}), the topic catalogue ({@link org.bluebutton.analytics.schemas.topic}),
 * and a Confluent-compatible schema-registry client with Kafka serdes
 * ({@link org.bluebutton.analytics.schemas.registry}, {@link org.bluebutton.analytics.schemas.serde}).
 * No business logic lives here.
 */
package org.bluebutton.analytics.schemas;
