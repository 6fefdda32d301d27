package org.bluebutton.analytics.simulator.run;

import org.bluebutton.analytics.simulator.plan.SimulationPlan;
import org.bluebutton.analytics.simulator.truth.GroundTruth;
import org.bluebutton.analytics.simulator.truth.ReceivedEvents;

/** The outcome of a run: the plan played, the ground truth, what ingest acknowledged, and measurements. */
public record SimulationResult(SimulationPlan plan, GroundTruth truth, ReceivedEvents received, RunStatistics statistics) {
}
