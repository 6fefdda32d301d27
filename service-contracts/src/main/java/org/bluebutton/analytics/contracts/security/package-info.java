/**
 * How every service connects to a secured Kafka cluster and schema registry: one typed, validated
 * description of the client side ({@link org.bluebutton.analytics.contracts.security.KafkaClientSecurity},
 * {@link org.bluebutton.analytics.contracts.security.RegistryClientSecurity}) read from the same
 * environment variables in ingest, streams and reporting, so an operator learns one set of names. Plain
 * Java: the Kafka client settings are produced as a map of their documented names.
 */
package org.bluebutton.analytics.contracts.security;
