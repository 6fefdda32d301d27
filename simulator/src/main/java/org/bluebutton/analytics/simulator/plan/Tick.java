package org.bluebutton.analytics.simulator.plan;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;

/**
 * One simulated month: what each organization does in it. All organizations finish a tick before
 * any starts the next, so event time moves forward month by month across the whole program.
 *
 * @param index   0 for the first simulated month
 * @param month   the simulated month; regular events of this tick are dated in it
 * @param horizon the latest download-event time sent by anyone up to the end of this tick: no
 *                stream task can have seen a later event time while this tick's events arrive
 * @param turns   each organization's requests in this month, in the order it sends them
 */
public record Tick(int index, YearMonth month, Instant horizon, List<OrganizationTurn> turns) {

    public Tick {
        turns = List.copyOf(turns);
    }

    /** One organization's requests within a tick, sent one after another. */
    public record OrganizationTurn(String orgId, List<Step> steps) {
        public OrganizationTurn {
            steps = List.copyOf(steps);
        }
    }
}
