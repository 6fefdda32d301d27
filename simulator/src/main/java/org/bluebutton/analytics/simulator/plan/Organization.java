package org.bluebutton.analytics.simulator.plan;

import java.time.Instant;
import java.util.List;
import org.bluebutton.analytics.simulator.program.Category;
import org.bluebutton.analytics.simulator.program.Commitment;
import org.bluebutton.analytics.simulator.program.OrganizationType;

/** A pledging organization's profile as staff submit it (category and commitments fit the type). */
public record Organization(String orgId, String name, OrganizationType type, Category category, String state, String city,
        String website, List<Commitment> commitments, Instant pledgedAt) {

    public Organization {
        commitments = List.copyOf(commitments);
        if (category.type() != type) {
            throw new IllegalArgumentException("Category " + category + " does not fit " + type + " (" + orgId + ")");
        }
    }

    /** The same profile with a corrected category of the same type. */
    public Organization withCategory(Category corrected) {
        return new Organization(orgId, name, type, corrected, state, city, website, commitments, pledgedAt);
    }
}
