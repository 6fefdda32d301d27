package org.bluebutton.analytics.schemas.registry;

import org.apache.avro.Schema;

/**
 * One version of a subject.
 *
 * @param subject the subject, e.g. {@code bluebutton.pledges-value}
 * @param version the subject's version number
 * @param id the registry-wide schema id written into every record
 * @param schema the parsed Avro schema
 */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {
}
