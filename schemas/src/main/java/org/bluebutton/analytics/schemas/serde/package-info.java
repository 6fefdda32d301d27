/**
 * Kafka serdes for Avro {@code SpecificRecord}s in the Confluent wire format: magic byte {@code 0},
 * the 4-byte big-endian schema id, then Avro binary. Subjects follow TopicNameStrategy
 * ({@code <topic>-key}, {@code <topic>-value}). Readers decode with the generated class's schema as
 * reader schema, so old and new writers are both readable. Unreadable bytes raise a
 * {@link org.apache.kafka.common.errors.SerializationException} subtype naming the topic and schema
 * id, which is what dead-letter handling keys on.
 */
package org.bluebutton.analytics.schemas.serde;
