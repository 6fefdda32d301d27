package org.bluebutton.analytics.streams.query.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;
import org.bluebutton.analytics.schemas.event.Commitment;
import org.bluebutton.analytics.schemas.event.OrganizationCategory;
import org.bluebutton.analytics.schemas.event.OrganizationType;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.PledgeStatus;
import org.bluebutton.analytics.streams.query.InvalidQueryException;
import org.bluebutton.analytics.streams.query.metrics.Answers;
import org.bluebutton.analytics.streams.query.metrics.MetricsQueries;
import org.bluebutton.analytics.streams.query.store.ClusterStores;
import org.bluebutton.analytics.streams.query.store.Stores;

/**
 * The public Blue Button Hub (no credential, read-only): which active data holders offer Blue
 * Button and how, with their latest public figures. Counts from 1 to 10 are suppressed.
 */
@Controller("/hub/v1")
@Requires(env = ServiceEnvironments.QUERY)
@ExecuteOn(TaskExecutors.BLOCKING) // store reads and calls to other instances block
public class HubController {

    /** The capabilities consumers filter by, and the commitment behind each. */
    static final Map<String, Commitment> CAPABILITIES = Map.of(
            "download", Commitment.DOWNLOAD_FROM_PORTAL,
            "direct-transmit", Commitment.DIRECT_TRANSMIT,
            "view-download-transmit", Commitment.MACHINE_AND_HUMAN_READABLE,
            "api", Commitment.API_ACCESS);
    /** Published counts below this (and above zero) are suppressed (CMS cell-size rule). */
    static final long SMALLEST_PUBLISHED = 11;

    private final ClusterStores cluster;
    private final Stores stores;
    private final MetricsQueries queries;

    public HubController(ClusterStores cluster, Stores stores, MetricsQueries queries) {
        this.cluster = cluster;
        this.stores = stores;
        this.queries = queries;
    }

    @Operation(summary = "Active data holders that offer Blue Button, filtered by state, category and capability "
            + "(download, direct-transmit, view-download-transmit, api), sorted by state and name, paged")
    @Get("/data-holders")
    public Answers.Page<Answers.HubEntry> dataHolders(@Nullable @QueryValue String state, @Nullable @QueryValue String category,
            @Nullable @QueryValue String capability, @Nullable @QueryValue String page, @Nullable @QueryValue String size) {
        String byState = QueryParameters.optionalState("state", state);
        OrganizationCategory byCategory = QueryParameters.optionalEnum("category", category, OrganizationCategory.class);
        Commitment byCapability = capability == null ? null : CAPABILITIES.get(capability.toLowerCase(Locale.ROOT));
        if (capability != null && byCapability == null) {
            throw new InvalidQueryException("capability", "one of " + new TreeSet<>(CAPABILITIES.keySet()) + ", got '" + capability + "'");
        }
        int pageNumber = QueryParameters.bounded("page", page, 0, 0, 1_000_000);
        int pageSize = QueryParameters.bounded("size", size, 50, 1, QueryParameters.MAX_PAGE_SIZE);
        List<Pledge> holders = cluster.all(stores.organizations).stream().map(entry -> entry.value)
                .filter(pledge -> pledge != null && pledge.getOrganizationType() == OrganizationType.DATA_HOLDER
                        && pledge.getStatus() == PledgeStatus.ACTIVE
                        && (byState == null || byState.equals(pledge.getState()))
                        && (byCategory == null || pledge.getCategory() == byCategory)
                        && (byCapability == null || pledge.getCommitments().contains(byCapability)))
                .sorted(Comparator.comparing(Pledge::getState).thenComparing(Pledge::getName).thenComparing(Pledge::getOrgId))
                .toList();
        int start = Math.min(holders.size(), pageNumber * pageSize);
        List<Pledge> shown = holders.subList(start, Math.min(holders.size(), start + pageSize));
        Map<String, OrgYearlyMetrics> latest = shown.isEmpty() ? Map.of() : queries.latestYears();
        List<Answers.HubEntry> entries = shown.stream().map(pledge -> new Answers.HubEntry(pledge.getOrgId(), pledge.getName(),
                pledge.getCategory().name(), pledge.getState(), pledge.getCity(), pledge.getWebsite(), capabilities(pledge),
                publicFigures(latest.get(pledge.getOrgId())))).toList();
        return new Answers.Page<>(entries, pageNumber, pageSize, holders.size());
    }

    static List<String> capabilities(Pledge pledge) {
        return CAPABILITIES.entrySet().stream().filter(entry -> pledge.getCommitments().contains(entry.getValue()))
                .map(Map.Entry::getKey).sorted().toList();
    }

    static Answers.PublicFigures publicFigures(OrgYearlyMetrics year) {
        if (year == null) {
            return null;
        }
        List<String> suppressed = new ArrayList<>();
        Long patients = year.getAccess() == null ? null : published("patientsWithAccess", year.getAccess().getPatientsWithAccess(), suppressed);
        Long downloads = published("downloads", year.getActivity().getDownloads(), suppressed);
        Long views = published("views", year.getActivity().getViews(), suppressed);
        Long transmits = published("transmits", year.getActivity().getTransmits(), suppressed);
        return new Answers.PublicFigures(year.getYear(), patients, downloads, views, transmits, suppressed.isEmpty() ? null : suppressed);
    }

    private static Long published(String name, long count, List<String> suppressed) {
        if (count > 0 && count < SMALLEST_PUBLISHED) {
            suppressed.add(name);
            return null;
        }
        return count;
    }
}
