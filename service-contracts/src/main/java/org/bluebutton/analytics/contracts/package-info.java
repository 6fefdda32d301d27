/**
 * What ingest and the streams query API agree on, once: the API-key format and its digests
 * ({@link org.bluebutton.analytics.contracts.ApiKey}), the {@code application/problem+json} body
 * ({@link org.bluebutton.analytics.contracts.Problem}), the failures both services answer alike, and
 * the services' Micronaut environment names. Plain Java: no framework, no Kafka.
 */
package org.bluebutton.analytics.contracts;
