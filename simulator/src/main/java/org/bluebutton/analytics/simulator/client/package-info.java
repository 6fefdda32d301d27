/**
 * The HTTP side of a participant: {@link org.bluebutton.analytics.simulator.client.SimulatorClient}
 * sends requests to ingest with {@code java.net.http} and retries what may succeed later (503 with
 * Retry-After, other 5xx, broken connections), as the README asks clients to.
 */
package org.bluebutton.analytics.simulator.client;
