package org.bluebutton.analytics.streams.rollup;

import org.bluebutton.analytics.schemas.aggregate.AccessFigures;
import org.bluebutton.analytics.schemas.aggregate.ActivityCounts;
import org.bluebutton.analytics.schemas.aggregate.PeriodGranularity;
import org.bluebutton.analytics.schemas.aggregate.RollupDimension;
import org.bluebutton.analytics.schemas.aggregate.RollupContribution;
import org.bluebutton.analytics.schemas.aggregate.RollupKey;
import org.bluebutton.analytics.schemas.aggregate.RollupMetrics;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.PledgeStatus;

/**
 * The arithmetic of roll-ups: an organization's figures for a period joined with its profile, and how
 * they add to and come out of a group's sums. Subtracting exactly what was added is what makes a
 * superseding snapshot, a category change or a withdrawal move the numbers everywhere.
 */
final class Contributions {

    private Contributions() {
    }

    static RollupContribution of(String orgId, ActivityCounts activity, AccessFigures access, Pledge profile) {
        return new RollupContribution(orgId, profile.getOrganizationType(), profile.getCategory(), profile.getState(),
                profile.getStatus() != PledgeStatus.WITHDRAWN, activity,
                access == null ? null : access.getPatientsWithAccess());
    }

    static RollupMetrics empty() {
        return new RollupMetrics(RollupDimension.PROGRAM, "", PeriodGranularity.MONTH, 0, null, new ActivityCounts(0L, 0L, 0L, 0L, 0L), 0L, 0, 0);
    }

    /** {@code sums} with {@code contribution} added ({@code sign} 1) or taken out ({@code sign} -1). */
    static RollupMetrics apply(RollupKey key, RollupMetrics sums, RollupContribution contribution, int sign) {
        ActivityCounts a = sums.getActivity();
        ActivityCounts c = contribution.getActivity();
        boolean reports = c.getEvents() > 0 || contribution.getPatientsWithAccess() != null;
        Long patients = contribution.getPatientsWithAccess();
        return new RollupMetrics(key.getDimension(), key.getDimensionValue(), key.getGranularity(), key.getYear(), key.getMonth(),
                new ActivityCounts(a.getViews() + sign * c.getViews(), a.getDownloads() + sign * c.getDownloads(),
                        a.getTransmits() + sign * c.getTransmits(), a.getApiAccesses() + sign * c.getApiAccesses(),
                        a.getEvents() + sign * c.getEvents()),
                sums.getPatientsWithAccess() + sign * (patients == null ? 0L : patients),
                sums.getOrganizationsReporting() + (reports ? sign : 0),
                sums.getOrganizationsWithAccessFigures() + (patients == null ? 0 : sign));
    }
}
