package org.bluebutton.analytics.simulator.plan;

import java.util.List;
import java.util.stream.Stream;
import org.bluebutton.analytics.simulator.config.SimulationConfig;

/** A whole simulation: the organizations and, month by month, what they send. */
public record SimulationPlan(SimulationConfig config, List<Organization> organizations, List<Tick> ticks) {

    public SimulationPlan {
        organizations = List.copyOf(organizations);
        ticks = List.copyOf(ticks);
    }

    /** Every step of the plan in tick order (within a tick, organization by organization). */
    public Stream<Step> steps() {
        return ticks.stream().flatMap(tick -> tick.turns().stream()).flatMap(turn -> turn.steps().stream());
    }

    /** Download events the plan sends, counting resent ones again and CSV-derived ones. */
    public long downloadEventsSent() {
        return steps().mapToLong(step -> Simulation.downloadEvents(step).size()).sum();
    }

    /** Requests the plan makes (a new organization is two: create and issue a key). */
    public long requests() {
        return steps().mapToLong(step -> step instanceof Step.CreateOrganization ? 2 : 1).sum();
    }
}
