/**
 * The simulator of the Blue Button Pledge Program: a seeded, deterministic plan of what the
 * program's organizations do over a few simulated years ({@code plan}), the participants driving
 * the real ingest HTTP API with it ({@code client}, {@code run}), and the ground truth — the
 * figures the pipeline must report, computed from exactly what ingest acknowledged
 * ({@code truth}).
 *
 * <p>The module owns nothing the services own: it speaks only ingest's public HTTP API (plain
 * {@code java.net.http}, Jackson and picocli; no Kafka, Avro or service classes), so it exercises
 * the system as real participants do, and its ground truth is an independent restatement of the
 * README's metric definitions that the pipeline's output can be compared with.
 */
package org.bluebutton.analytics.simulator;
