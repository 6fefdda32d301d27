package org.bluebutton.analytics.streams.query.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import java.time.Clock;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.schemas.aggregate.PeriodGranularity;
import org.bluebutton.analytics.schemas.aggregate.RollupDimension;
import org.bluebutton.analytics.streams.query.InvalidQueryException;
import org.bluebutton.analytics.streams.query.auth.StaffGate;
import org.bluebutton.analytics.streams.query.metrics.Answers;
import org.bluebutton.analytics.streams.query.metrics.MetricsQueries;

/**
 * Every table of the staff dashboard as a CSV download (RFC 4180, formula-like text neutralised: see
 * {@link CsvTable}), made from the same answers as the JSON routes, so a spreadsheet holds exactly what
 * the page shows. Staff only, except an organization's own months, which its own key may export too.
 */
@Controller("/v1/exports")
@Requires(env = ServiceEnvironments.QUERY)
@ExecuteOn(TaskExecutors.BLOCKING) // store reads and calls to other instances block
@SecurityRequirement(name = "staffKey")
public class ExportController {

    /** The media type of every export: CSV with a header row (RFC 4180 and RFC 7111). */
    static final String CSV = "text/csv; charset=utf-8; header=present";
    private static final String[] FIGURES = {"views", "downloads", "transmits", "api_accesses", "events", "patients_with_access",
        "download_rate", "views_per_patient", "transmits_per_patient", "api_accesses_per_patient", "downloads_a_year_earlier",
        "downloads_change_percent", "patients_with_access_a_year_earlier", "download_rate_a_year_earlier", "download_rate_change_percent"};

    private final MetricsQueries queries;
    private final StaffGate staff;
    private final Clock clock;

    public ExportController(MetricsQueries queries, StaffGate staff, Clock clock) {
        this.queries = queries;
        this.staff = staff;
        this.clock = clock;
    }

    @Operation(summary = "CSV of one dashboard table: program-months, categories or states (?year=2025[&month=3]), data-quality and "
            + "not-reporting (?year=), pledge-counts (?granularity=&from=&to=), organizations (the list's filters), commitments")
    @Get(uri = "/{table}", produces = CSV)
    public HttpResponse<String> export(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization, @PathVariable String table,
            @Nullable @QueryValue String year, @Nullable @QueryValue String month, @Nullable @QueryValue String granularity,
            @Nullable @QueryValue String from, @Nullable @QueryValue String to, @Nullable @QueryValue String q,
            @Nullable @QueryValue String type, @Nullable @QueryValue String category, @Nullable @QueryValue String state,
            @Nullable @QueryValue String status) {
        staff.requireStaff(authorization);
        CsvTable csv;
        String period;
        switch (table) {
            case "program-months" -> {
                int y = QueryParameters.year("year", year);
                csv = groups("month", queries.programYear(y).months(), true);
                period = Integer.toString(y);
            }
            case "categories", "states" -> {
                int y = QueryParameters.year("year", year);
                Integer m = QueryParameters.optionalMonth("month", month);
                RollupDimension dimension = table.equals("categories") ? RollupDimension.CATEGORY : RollupDimension.STATE;
                csv = groups(table.equals("categories") ? "category" : "state", queries.breakdown(dimension, y, m).groups(), false);
                period = m == null ? Integer.toString(y) : YearMonth.of(y, m).toString();
            }
            case "data-quality" -> {
                int y = QueryParameters.year("year", year);
                csv = new CsvTable("source_topic", "month", "late_events", "late_count", "duplicate_events", "dead_letters");
                for (Answers.QualityFigures row : queries.dataQuality(y).months()) {
                    csv.row(row.sourceTopic(), YearMonth.of(y, row.month()).toString(), row.lateEvents(), row.lateCount(), row.duplicateEvents(),
                            row.deadLetters());
                }
                period = Integer.toString(y);
            }
            case "not-reporting" -> {
                int y = QueryParameters.year("year", year);
                csv = new CsvTable("org_id", "name", "category", "state");
                queries.dataQuality(y).dataHoldersNotReporting().forEach(org -> csv.row(org.orgId(), org.name(), org.category(), org.state()));
                period = Integer.toString(y);
            }
            case "pledge-counts" -> {
                PeriodGranularity by = granularity == null ? PeriodGranularity.YEAR
                        : QueryParameters.optionalEnum("granularity", granularity, PeriodGranularity.class);
                if (by == PeriodGranularity.UNKNOWN) {
                    throw new InvalidQueryException("granularity", "MONTH or YEAR");
                }
                csv = new CsvTable("period", "organization_type", "new_pledges", "withdrawals", "active_at_end");
                for (Answers.PledgeFigures row : queries.pledgeCounts(by, from == null ? QueryParameters.FIRST_YEAR : QueryParameters.year("from", from),
                        to == null ? QueryParameters.LAST_YEAR : QueryParameters.year("to", to))) {
                    csv.row(row.month() == null ? Integer.toString(row.year()) : YearMonth.of(row.year(), row.month()).toString(), row.organizationType(),
                            row.newPledges(), row.withdrawals(), row.activeAtEnd());
                }
                period = by.name().toLowerCase(Locale.ROOT);
            }
            case "organizations" -> {
                csv = new CsvTable("org_id", "name", "organization_type", "category", "state", "city", "status", "pledged_at", "commitments");
                queries.organizations(MetricsController.organizationFilter(q, type, category, state, status), 0, Integer.MAX_VALUE).items()
                        .forEach(org -> csv.row(org.orgId(), org.name(), org.organizationType(), org.category(), org.state(), org.city(), org.status(),
                                org.pledgedAt().toString(), String.join(" ", org.commitments())));
                period = "list";
            }
            case "commitments" -> {
                csv = new CsvTable("organization_type", "commitment", "organizations");
                queries.commitments().commitments().forEach(row -> csv.row(row.organizationType(), row.commitment(), row.organizations()));
                period = YearMonth.now(clock).toString();
            }
            default -> throw new InvalidQueryException("table", "one of program-months, categories, states, data-quality, not-reporting, "
                    + "pledge-counts, organizations, commitments, got '" + table + "'");
        }
        return download(csv, "bluebutton-" + table + "-" + period + ".csv");
    }

    @Operation(summary = "CSV of one organization's years and months with rates and year-over-year change (?from=&to=); staff, "
            + "or the organization itself with its own key")
    @Get(uri = "/organizations/{orgId}/months", produces = CSV)
    public HttpResponse<String> organizationMonths(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization, @PathVariable String orgId,
            @Nullable @QueryValue String from, @Nullable @QueryValue String to) {
        staff.requireStaffOrOrganization(authorization, orgId);
        QueryParameters.orgId("orgId", orgId);
        int last = to == null ? YearMonth.now(clock).getYear() : QueryParameters.year("to", to);
        int first = from == null ? last - 4 : QueryParameters.year("from", from);
        if (first > last || last - first >= 20) {
            throw new InvalidQueryException("from", "at most 20 years, not after 'to'");
        }
        CsvTable csv = new CsvTable(header("period", "access_as_of"));
        for (Answers.OrganizationYear year : queries.organization(orgId, first, last).years()) {
            csv.row(figures(Integer.toString(year.year()), year.access() == null ? null : year.access().asOf().toString(), year.activity(),
                    year.access() == null ? null : year.access().patientsWithAccess(), year.rates(), year.yearOverYear()));
            for (Answers.OrganizationMonth month : year.months()) {
                csv.row(figures(YearMonth.of(year.year(), month.month()).toString(), month.access() == null ? null : month.access().asOf().toString(),
                        month.activity(), month.access() == null ? null : month.access().patientsWithAccess(), month.rates(), month.yearOverYear()));
            }
        }
        return download(csv, "bluebutton-" + orgId + "-" + first + "-" + last + ".csv");
    }

    private static CsvTable groups(String firstColumn, List<Answers.GroupFigures> groups, boolean byMonth) {
        CsvTable csv = new CsvTable(header(firstColumn, "organizations_reporting", "organizations_with_access_figures"));
        for (Answers.GroupFigures group : groups) {
            String name = byMonth ? YearMonth.of(group.year(), group.month()).toString() : group.group();
            Object[] figures = figures(name, group.organizationsReporting(), group.activity(), group.patients(), group.rates(), group.yearOverYear());
            Object[] row = new Object[figures.length + 1];
            System.arraycopy(figures, 0, row, 0, 2);
            row[2] = group.organizationsWithAccessFigures();
            System.arraycopy(figures, 2, row, 3, figures.length - 2);
            csv.row(row);
        }
        return csv;
    }

    private static String[] header(String... first) {
        String[] header = new String[first.length + FIGURES.length];
        System.arraycopy(first, 0, header, 0, first.length);
        System.arraycopy(FIGURES, 0, header, first.length, FIGURES.length);
        return header;
    }

    /** A row: the period or group, one more leading value, then {@link #FIGURES}. */
    private static Object[] figures(String name, Object second, Answers.Activity activity, Long patients, Answers.Rates rates,
            Answers.YearOverYear change) {
        return new Object[] {name, second, activity.views(), activity.downloads(), activity.transmits(), activity.apiAccesses(), activity.events(),
            patients, rates == null ? null : rates.downloadRate(), rates == null ? null : rates.viewsPerPatient(),
            rates == null ? null : rates.transmitsPerPatient(), rates == null ? null : rates.apiAccessesPerPatient(),
            change == null ? null : change.downloads().previous(), change == null ? null : change.downloads().percentChange(),
            change == null ? null : change.patientsWithAccess().previous(), change == null ? null : change.downloadRate().previous(),
            change == null ? null : change.downloadRate().percentChange()};
    }

    private static HttpResponse<String> download(CsvTable csv, String fileName) {
        return HttpResponse.ok(csv.write()).contentType(CSV)
                .header("Content-Disposition", "attachment; filename=\"" + fileName + "\"")
                .header("Cache-Control", "no-store");
    }
}
