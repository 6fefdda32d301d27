package org.bluebutton.analytics.simulator.truth;

import java.time.Instant;
import java.util.function.Predicate;
import org.bluebutton.analytics.simulator.plan.SimulationPlan;
import org.bluebutton.analytics.simulator.plan.Step;
import org.bluebutton.analytics.simulator.plan.Tick;

/**
 * Feeds a plan to a {@link GroundTruthRecorder} as if ingest had answered every request as planned
 * (malformed ones refused), except the batches {@code failing} selects, which are recorded as never
 * acknowledged. Withdrawals take {@code withdrawnAt}: ingest stamps them with its own clock.
 */
public final class AcknowledgedPlay {

    private AcknowledgedPlay() {
    }

    public static GroundTruthRecorder play(SimulationPlan plan, Instant withdrawnAt, Predicate<Step> failing) {
        GroundTruthRecorder recorder = new GroundTruthRecorder(plan.config());
        for (Tick tick : plan.ticks()) {
            recorder.tickStarted(tick);
            for (Tick.OrganizationTurn turn : tick.turns()) {
                for (Step step : turn.steps()) {
                    if (step instanceof Step.CreateOrganization create) {
                        recorder.organizationCreated(create.organization(), create.organization().pledgedAt());
                    } else if (step instanceof Step.CorrectCategory correction) {
                        recorder.profileReplaced(correction.corrected());
                    } else if (step instanceof Step.Withdraw withdrawal) {
                        recorder.withdrawn(withdrawal.orgId(), withdrawnAt);
                    } else if (step instanceof Step.SendMalformed malformed) {
                        recorder.refused(malformed);
                    } else if (failing.test(step)) {
                        recorder.notAcknowledged(step);
                    } else {
                        recorder.acknowledged(step);
                    }
                }
            }
        }
        return recorder;
    }

    public static GroundTruth truth(SimulationPlan plan, Instant withdrawnAt) {
        return play(plan, withdrawnAt, step -> false).groundTruth();
    }
}
