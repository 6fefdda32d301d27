package org.bluebutton.analytics.streams.query.hub;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.bluebutton.analytics.disclosure.Cell;
import org.bluebutton.analytics.disclosure.CellSuppressor;
import org.bluebutton.analytics.disclosure.PublicTables;
import org.bluebutton.analytics.schemas.aggregate.AccessFigures;
import org.bluebutton.analytics.schemas.aggregate.ActivityCounts;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;
import org.bluebutton.analytics.schemas.event.OrganizationType;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.Withdrawals;

/**
 * One year's public tables of the figures the Hub shows, computed exactly as the annual report
 * computes that year's ({@link PublicTables}: the organizations counting at the year's end, each
 * data holder with its own row, the program, categories, states and months as sums). So a data
 * holder's figure on the Hub is shown only where the report for that year shows it (or would, for
 * a year the report has not covered yet), and the two outputs together never determine a withheld
 * figure.
 */
final class PublicYear {

    private final int year;
    private final PublicTables patients;
    private final PublicTables downloads;
    private final PublicTables views;
    private final PublicTables transmits;

    private PublicYear(int year, PublicTables patients, PublicTables downloads, PublicTables views, PublicTables transmits) {
        this.year = year;
        this.patients = patients;
        this.downloads = downloads;
        this.views = views;
        this.transmits = transmits;
    }

    /**
     * The tables of {@code year}.
     *
     * @param profiles every organization's current profile (withdrawn ones too: membership is decided at the year's end)
     * @param years the organizations' figures for {@code year}
     * @param months the organizations' figures for the months of {@code year}
     */
    static PublicYear of(int year, Map<String, Pledge> profiles, Collection<OrgYearlyMetrics> years, Collection<OrgMonthlyMetrics> months) {
        Instant end = LocalDate.of(year + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, List<OrgMonthlyMetrics>> monthsByOrg = new HashMap<>();
        for (OrgMonthlyMetrics month : months) {
            monthsByOrg.computeIfAbsent(month.getOrgId().toString(), k -> new ArrayList<>()).add(month);
        }
        return new PublicYear(year,
                tables(end, profiles, years, monthsByOrg, false, (activity, access) -> access == null ? 0 : access.getPatientsWithAccess()),
                tables(end, profiles, years, monthsByOrg, true, (activity, access) -> activity.getDownloads()),
                tables(end, profiles, years, monthsByOrg, true, (activity, access) -> activity.getViews()),
                tables(end, profiles, years, monthsByOrg, true, (activity, access) -> activity.getTransmits()));
    }

    private interface Measure {
        long of(ActivityCounts activity, AccessFigures access);
    }

    private static PublicTables tables(Instant end, Map<String, Pledge> profiles, Collection<OrgYearlyMetrics> years,
            Map<String, List<OrgMonthlyMetrics>> monthsByOrg, boolean monthsAddUp, Measure measure) {
        List<PublicTables.Contribution> contributions = new ArrayList<>();
        for (OrgYearlyMetrics metrics : years) {
            String orgId = metrics.getOrgId().toString();
            Pledge profile = profiles.get(orgId);
            if (profile == null || !Withdrawals.countsAt(profile, end)) {
                continue;
            }
            List<Long> values = new ArrayList<>(Collections.nCopies(PublicTables.MONTHS, 0L));
            for (OrgMonthlyMetrics month : monthsByOrg.getOrDefault(orgId, List.of())) {
                values.set(month.getMonth() - 1, measure.of(month.getActivity(), month.getAccess()));
            }
            contributions.add(new PublicTables.Contribution(orgId, profile.getCategory().name(), profile.getState(),
                    profile.getOrganizationType() == OrganizationType.DATA_HOLDER, measure.of(metrics.getActivity(), metrics.getAccess()), values));
        }
        return PublicTables.of(contributions, monthsAddUp);
    }

    int year() {
        return year;
    }

    /** An organization's public figures for this year. */
    PublicFigures figures(OrgYearlyMetrics metrics) {
        String orgId = metrics.getOrgId().toString();
        Cell patientsCell = metrics.getAccess() == null ? null
                : cell(patients, orgId, m -> m.getAccess().getPatientsWithAccess(), metrics);
        return PublicFigures.of(year, patientsCell, cell(downloads, orgId, m -> m.getActivity().getDownloads(), metrics),
                cell(views, orgId, m -> m.getActivity().getViews(), metrics), cell(transmits, orgId, m -> m.getActivity().getTransmits(), metrics));
    }

    /**
     * The organization's cell of the tables; an organization without a row (it did not count at the
     * year's end: pledged later) adds to no published sum, so the cell-size rule alone applies.
     */
    private static Cell cell(PublicTables tables, String orgId, ToLongFunction<OrgYearlyMetrics> value, OrgYearlyMetrics metrics) {
        Cell row = tables.row(orgId);
        return row != null ? row : CellSuppressor.single(value.applyAsLong(metrics));
    }
}
