package org.bluebutton.analytics.streams.figures;

import org.bluebutton.analytics.schemas.aggregate.AccessFigures;
import org.bluebutton.analytics.schemas.aggregate.ActivityCounts;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;

/**
 * An organization's year from its months: activity summed, access the standing snapshot with the
 * latest date in the year (never a sum of monthly gauges). One rule for the year the flush sends and
 * the year the query API answers with the months it read.
 */
public final class Years {

    private Years() {
    }

    /** The year {@code year} of {@code orgId} from its {@code months} (any order, all of that year). */
    public static OrgYearlyMetrics of(String orgId, int year, Iterable<OrgMonthlyMetrics> months) {
        OrgYearlyMetrics figures = new OrgYearlyMetrics(orgId, year, new ActivityCounts(0L, 0L, 0L, 0L, 0L), null, 0, 0);
        ActivityCounts sum = figures.getActivity();
        for (OrgMonthlyMetrics month : months) {
            ActivityCounts activity = month.getActivity();
            sum.setViews(sum.getViews() + activity.getViews());
            sum.setDownloads(sum.getDownloads() + activity.getDownloads());
            sum.setTransmits(sum.getTransmits() + activity.getTransmits());
            sum.setApiAccesses(sum.getApiAccesses() + activity.getApiAccesses());
            sum.setEvents(sum.getEvents() + activity.getEvents());
            if (activity.getEvents() > 0) {
                figures.setMonthsWithActivity(figures.getMonthsWithActivity() + 1);
            }
            AccessFigures access = month.getAccess();
            if (access != null) {
                figures.setMonthsWithSnapshot(figures.getMonthsWithSnapshot() + 1);
                if (figures.getAccess() == null || access.getAsOf().isAfter(figures.getAccess().getAsOf())) {
                    figures.setAccess(access);
                }
            }
        }
        return figures;
    }

    /**
     * Moves {@code year} (made by {@link #of}) from a month's previous figures ({@code activity} and
     * {@code access}, both null for a month the year did not hold) to its current {@code month}: the
     * same year {@link #of} makes from all its months, without reading them. A month's standing
     * snapshot never moves to an earlier date, and only a snapshot of this month can carry its date.
     */
    public static void replace(OrgYearlyMetrics year, ActivityCounts activity, AccessFigures access, OrgMonthlyMetrics month) {
        ActivityCounts sum = year.getActivity();
        ActivityCounts before = activity != null ? activity : new ActivityCounts(0L, 0L, 0L, 0L, 0L);
        ActivityCounts after = month.getActivity();
        sum.setViews(sum.getViews() - before.getViews() + after.getViews());
        sum.setDownloads(sum.getDownloads() - before.getDownloads() + after.getDownloads());
        sum.setTransmits(sum.getTransmits() - before.getTransmits() + after.getTransmits());
        sum.setApiAccesses(sum.getApiAccesses() - before.getApiAccesses() + after.getApiAccesses());
        sum.setEvents(sum.getEvents() - before.getEvents() + after.getEvents());
        year.setMonthsWithActivity(year.getMonthsWithActivity() - (before.getEvents() > 0 ? 1 : 0) + (after.getEvents() > 0 ? 1 : 0));
        year.setMonthsWithSnapshot(year.getMonthsWithSnapshot() - (access != null ? 1 : 0) + (month.getAccess() != null ? 1 : 0));
        AccessFigures standing = month.getAccess();
        if (standing != null && (year.getAccess() == null || !standing.getAsOf().isBefore(year.getAccess().getAsOf()))) {
            year.setAccess(standing);
        }
    }
}
