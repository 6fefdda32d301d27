package org.bluebutton.analytics.streams.query.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
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
import java.time.Duration;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.schemas.aggregate.PeriodGranularity;
import org.bluebutton.analytics.schemas.aggregate.RollupDimension;
import org.bluebutton.analytics.schemas.event.OrganizationCategory;
import org.bluebutton.analytics.schemas.event.OrganizationType;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.PledgeStatus;
import org.bluebutton.analytics.streams.query.InvalidQueryException;
import org.bluebutton.analytics.streams.query.auth.StaffGate;
import org.bluebutton.analytics.streams.query.hub.HubAnswers;
import org.bluebutton.analytics.streams.query.hub.HubDirectory;
import org.bluebutton.analytics.streams.query.hub.HubListing;
import org.bluebutton.analytics.streams.query.hub.HubSnapshot;
import org.bluebutton.analytics.streams.query.metrics.Answers;
import org.bluebutton.analytics.streams.query.metrics.MetricsQueries;
import org.bluebutton.analytics.streams.query.store.StoreUnavailableException;

/**
 * The staff query API: program summaries, one organization's figures, breakdowns by category and
 * state, the organization list, pledge counts and data quality. Every route needs the staff key, but an
 * organization's own figures, which its own key may read too (403 for any other organization's key).
 */
@Controller("/v1")
@Requires(env = ServiceEnvironments.QUERY)
@ExecuteOn(TaskExecutors.BLOCKING) // store reads and calls to other instances block
@SecurityRequirement(name = "staffKey")
public class MetricsController {

    private final MetricsQueries queries;
    private final StaffGate staff;
    private final Clock clock;
    private final HubDirectory hub;
    /** How long the Hub's appearance waits for the Hub's first directory. */
    private static final Duration HUB_WAIT = Duration.ofSeconds(5);

    public MetricsController(MetricsQueries queries, StaffGate staff, Clock clock, HubDirectory hub) {
        this.hub = hub;
        this.queries = queries;
        this.staff = staff;
        this.clock = clock;
    }

    @Operation(summary = "Program summary for a year (?year=2025) or a range of months (?from=2025-01&to=2025-06)")
    @Get("/program/summary")
    public Answers.ProgramSummary programSummary(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
            @Nullable @QueryValue String year, @Nullable @QueryValue String from, @Nullable @QueryValue String to) {
        staff.requireStaff(authorization);
        if (year != null && from == null && to == null) {
            return queries.programYear(QueryParameters.year("year", year));
        }
        if (year != null || from == null || to == null) {
            throw new InvalidQueryException("year", "give either year, or both from and to (yyyy-MM)");
        }
        YearMonth first = QueryParameters.yearMonth("from", from);
        YearMonth last = QueryParameters.yearMonth("to", to);
        if (last.isBefore(first) || ChronoUnit.MONTHS.between(first, last) >= QueryParameters.MAX_MONTHS) {
            throw new InvalidQueryException("to", "from 'from' up to " + QueryParameters.MAX_MONTHS + " months later");
        }
        return queries.programMonths(first, last);
    }

    @Operation(summary = "The years the program has figures for, and the latest of them (where a dashboard opens)")
    @Get("/program/years")
    public Answers.ProgramYears programYears(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        staff.requireStaff(authorization);
        return queries.programYears();
    }

    @Operation(summary = "One organization's figures by year and month, with rates and year-over-year change "
            + "(?from=2021&to=2025; default: the last five years); staff, or the organization itself with its own key")
    @Get("/organizations/{orgId}/metrics")
    public Answers.OrganizationMetrics organization(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
            @PathVariable String orgId, @Nullable @QueryValue String from, @Nullable @QueryValue String to) {
        staff.requireStaffOrOrganization(authorization, orgId);
        if (!orgId.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new InvalidQueryException("orgId", "lower-case letters, digits and dashes, at most 64");
        }
        int last = to == null ? YearMonth.now(clock).getYear() : QueryParameters.year("to", to);
        int first = from == null ? last - 4 : QueryParameters.year("from", from);
        if (first > last || last - first >= 20) {
            throw new InvalidQueryException("from", "at most 20 years, not after 'to'");
        }
        return queries.organization(orgId, first, last);
    }

    @Operation(summary = "One organization's data quality in a year: its late, duplicate and dead-lettered records per input "
            + "topic and month, and the year's totals per topic (?year=2025); staff, or the organization itself with its own key")
    @Get("/organizations/{orgId}/data-quality")
    public Answers.OrganizationDataQuality organizationDataQuality(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
            @PathVariable String orgId, @Nullable @QueryValue String year) {
        staff.requireStaffOrOrganization(authorization, orgId);
        return queries.organizationDataQuality(QueryParameters.orgId("orgId", orgId), QueryParameters.year("year", year));
    }

    @Operation(summary = "Who the presented key stands for: staff, or an organization and its id (any valid key)")
    @Get("/me")
    public Answers.Caller me(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        return staff.authenticate(authorization) instanceof StaffGate.Caller.Organization organization
                ? new Answers.Caller("organization", organization.orgId()) : new Answers.Caller("staff", null);
    }

    @Operation(summary = "How an organization appears on the public Hub (listed or not, capabilities, latest published figures); "
            + "staff, or the organization itself with its own key")
    @Get("/organizations/{orgId}/hub-appearance")
    public Answers.HubAppearance hubAppearance(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization, @PathVariable String orgId) {
        staff.requireStaffOrOrganization(authorization, orgId);
        Pledge pledge = queries.profile(QueryParameters.orgId("orgId", orgId));
        HubSnapshot snapshot;
        try {
            snapshot = hub.snapshot().get(HUB_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new StoreUnavailableException("the Hub's directory is not loaded yet", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while reading the Hub's directory", e);
        }
        // What the public sees: the Hub's own snapshot, not a second reading of the rule.
        HubListing listing = snapshot.find(pledge.getOrgId());
        String reason = listing != null ? "listed"
                : pledge.getStatus() != PledgeStatus.ACTIVE ? "a withdrawn pledge is not listed"
                : !pledge.getListedOnHub() ? "the organization chose not to be listed"
                : "not in the Hub's directory yet (it is refreshed every few seconds)";
        return new Answers.HubAppearance(listing != null, reason, HubListing.of(pledge, null).capabilities(),
                listing == null ? null : HubAnswers.Figures.of(listing.figures()));
    }

    @Operation(summary = "Figures by category or by state for a year (?year=2025) or a month (&month=3)")
    @Get("/breakdowns/{dimension}")
    public Answers.Breakdown breakdown(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization, @PathVariable String dimension,
            @Nullable @QueryValue String year, @Nullable @QueryValue String month) {
        staff.requireStaff(authorization);
        RollupDimension by = QueryParameters.optionalEnum("dimension", dimension, RollupDimension.class);
        if (by != RollupDimension.CATEGORY && by != RollupDimension.STATE) {
            throw new InvalidQueryException("dimension", "category or state");
        }
        return queries.breakdown(by, QueryParameters.year("year", year), QueryParameters.optionalMonth("month", month));
    }

    @Operation(summary = "Pledged organizations, filtered by name or id (?q=, any part, any case), type, category, state and status, "
            + "sorted by id, paged")
    @Get("/organizations")
    public Answers.Page<Answers.Organization> organizations(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
            @Nullable @QueryValue String q, @Nullable @QueryValue String type, @Nullable @QueryValue String category,
            @Nullable @QueryValue String state, @Nullable @QueryValue String status, @Nullable @QueryValue String page,
            @Nullable @QueryValue String size) {
        staff.requireStaff(authorization);
        return queries.organizations(organizationFilter(q, type, category, state, status),
                QueryParameters.bounded("page", page, 0, 0, 1_000_000), QueryParameters.bounded("size", size, 50, 1, QueryParameters.MAX_PAGE_SIZE));
    }

    /** The organization list's filters, each parameter checked; shared with the list's CSV export. */
    static Predicate<Pledge> organizationFilter(String q, String type, String category, String state, String status) {
        String text = QueryParameters.optionalText("q", q);
        OrganizationType byType = QueryParameters.optionalEnum("type", type, OrganizationType.class);
        OrganizationCategory byCategory = QueryParameters.optionalEnum("category", category, OrganizationCategory.class);
        String byState = QueryParameters.optionalState("state", state);
        PledgeStatus byStatus = QueryParameters.optionalEnum("status", status, PledgeStatus.class);
        return pledge -> (text == null || pledge.getName().toLowerCase(Locale.ROOT).contains(text) || pledge.getOrgId().contains(text))
                && (byType == null || pledge.getOrganizationType() == byType)
                && (byCategory == null || pledge.getCategory() == byCategory)
                && (byState == null || byState.equals(pledge.getState()))
                && (byStatus == null || pledge.getStatus() == byStatus);
    }

    @Operation(summary = "How many active organizations took each commitment of the pledge, per organization type")
    @Get("/commitments")
    public Answers.Commitments commitments(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        staff.requireStaff(authorization);
        return queries.commitments();
    }

    @Operation(summary = "Pledged organizations over time: new, withdrawn and active at the end of each month or year")
    @Get("/pledge-counts")
    public List<Answers.PledgeFigures> pledgeCounts(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
            @Nullable @QueryValue String granularity, @Nullable @QueryValue String from, @Nullable @QueryValue String to) {
        staff.requireStaff(authorization);
        PeriodGranularity by = granularity == null ? PeriodGranularity.YEAR
                : QueryParameters.optionalEnum("granularity", granularity, PeriodGranularity.class);
        if (by == PeriodGranularity.UNKNOWN) {
            throw new InvalidQueryException("granularity", "MONTH or YEAR");
        }
        int first = from == null ? QueryParameters.FIRST_YEAR : QueryParameters.year("from", from);
        int last = to == null ? QueryParameters.LAST_YEAR : QueryParameters.year("to", to);
        return queries.pledgeCounts(by, first, last);
    }

    @Operation(summary = "Data quality of a year: late, duplicate and dead-lettered records per input topic and month, "
            + "and the active data holders that sent nothing for the year")
    @Get("/data-quality")
    public Answers.DataQuality dataQuality(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization, @Nullable @QueryValue String year) {
        staff.requireStaff(authorization);
        return queries.dataQuality(QueryParameters.year("year", year));
    }
}
