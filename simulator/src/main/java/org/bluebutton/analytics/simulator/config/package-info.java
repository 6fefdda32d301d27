/**
 * The simulator's configuration, in one typed place: what is simulated ({@link
 * org.bluebutton.analytics.simulator.config.SimulationConfig}) and how ingest is reached ({@link
 * org.bluebutton.analytics.simulator.config.IngestConnection}), each validated when built.
 */
package org.bluebutton.analytics.simulator.config;
