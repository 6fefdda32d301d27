/**
 * The ground truth of a simulation: the figures the pipeline must report, computed by {@link
 * org.bluebutton.analytics.simulator.truth.GroundTruthRecorder} from exactly what ingest acknowledged
 * (202), following the README's metric definitions, and serialized as stable JSON by {@link
 * org.bluebutton.analytics.simulator.truth.GroundTruth}. Plain records: no Avro classes, so the truth
 * restates the definitions independently of the pipeline's code.
 */
package org.bluebutton.analytics.simulator.truth;
