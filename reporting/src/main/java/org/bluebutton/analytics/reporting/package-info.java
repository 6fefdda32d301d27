/**
 * The annual-report tool: takes a consistent snapshot of the aggregate topics (end offsets first,
 * then every topic read up to exactly those offsets), turns it into Parquet datasets for analysts
 * and a human-readable report (HTML and PDF, small counts suppressed), and publishes the output
 * directory atomically with a manifest that traces every file back to topic offsets.
 *
 * <p>Sub-packages by feature: {@code snapshot} (Kafka reading), {@code model} (the snapshot's
 * tables for one year), {@code dataset} (Parquet), {@code suppression} (cell-size rule),
 * {@code render} (HTML, SVG charts, PDF), {@code output} (atomic directory, manifest),
 * {@code cli} (picocli command). {@link org.bluebutton.analytics.reporting.AnnualReport} is the
 * in-process entry point.
 */
package org.bluebutton.analytics.reporting;
