/**
 * A client for the Confluent Schema Registry REST API (v7), written because Confluent's client is
 * not on Maven Central. It works with Confluent Schema Registry and with compatible registries
 * (Apicurio's {@code /apis/ccompat/v7}, Karapace, Redpanda). {@link
 * org.bluebutton.analytics.schemas.registry.SchemaRegistration} registers the catalogue's schemas and
 * refuses changes that are not BACKWARD compatible; {@link
 * org.bluebutton.analytics.schemas.registry.SchemaRegistrationCommand} is its command line.
 */
package org.bluebutton.analytics.schemas.registry;
