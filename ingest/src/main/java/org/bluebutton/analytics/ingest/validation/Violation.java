package org.bluebutton.analytics.ingest.validation;

/**
 * One thing wrong with a request.
 *
 * @param index position of the bad item in the batch (0-based; the line for NDJSON and CSV data
 *     rows, counting from 0), or {@code null} when the problem is the request as a whole
 * @param field the field at fault, or {@code null} when the item as a whole is wrong
 * @param reason what is wrong, for the person fixing the client
 */
public record Violation(Integer index, String field, String reason) {
}
