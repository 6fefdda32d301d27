package org.bluebutton.analytics.simulator.truth;

import java.time.Instant;
import org.bluebutton.analytics.simulator.program.Category;
import org.bluebutton.analytics.simulator.program.OrganizationType;

/**
 * An organization as its current profile stands at the end of the run (after category corrections),
 * with the pledge and withdrawal times ingest wrote ({@code withdrawnAt} null while active).
 */
public record OrganizationTruth(String orgId, String name, OrganizationType organizationType, Category category, String state,
        String status, Instant pledgedAt, Instant withdrawnAt) {

    public static final String ACTIVE = "ACTIVE";
    public static final String WITHDRAWN = "WITHDRAWN";

    /** Whether the current profile is active (only active organizations count in roll-ups). */
    public boolean active() {
        return ACTIVE.equals(status);
    }
}
