package org.bluebutton.analytics.streams.query.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.QueryValue;
import io.swagger.v3.oas.annotations.Hidden;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.bluebutton.analytics.contracts.Problem;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.schemas.event.OrganizationType;
import org.bluebutton.analytics.streams.query.InvalidQueryException;
import org.bluebutton.analytics.streams.query.QuerySettings;
import org.bluebutton.analytics.streams.query.hub.HubAnswers;
import org.bluebutton.analytics.streams.query.hub.HubDirectory;
import org.bluebutton.analytics.streams.query.hub.HubListing;
import org.bluebutton.analytics.streams.query.hub.HubPages;
import org.bluebutton.analytics.streams.query.hub.HubSearch;
import org.bluebutton.analytics.streams.query.hub.HubSnapshot;
import org.bluebutton.analytics.streams.query.metrics.Answers;

/**
 * The public Blue Button Hub (no credential, read-only): its pages ({@code /hub}, one per organization,
 * help) and its JSON API, all answered from the {@link HubDirectory}'s snapshot, never from the stores.
 * Runs on the event loop: answering is filtering and rendering in memory. Every answer carries the
 * snapshot's entity tag and time of change, so a client or cache that has it gets {@code 304}; the
 * server compresses bodies for clients that accept it. Rate limited per client address ({@link PublicRateLimitFilter}).
 */
@Controller("/hub")
@Requires(env = ServiceEnvironments.QUERY)
public class HubController {

    /** How long the first request waits for the first snapshot before it is told to come back. */
    private static final Duration FIRST_SNAPSHOT_WAIT = Duration.ofSeconds(10);

    private final HubDirectory directory;
    private final QuerySettings settings;
    private final HubPages pages;

    public HubController(HubDirectory directory, QuerySettings settings) {
        this.directory = directory;
        this.settings = settings;
        this.pages = new HubPages(settings.ingestUrl());
    }

    @Hidden
    @Get(produces = MediaType.TEXT_HTML)
    public CompletableFuture<MutableHttpResponse<String>> searchPage(HttpRequest<?> request, @Nullable @QueryValue String q,
            @Nullable @QueryValue String state, @Nullable @QueryValue String category, @Nullable @QueryValue String type,
            @Nullable @QueryValue String capability, @Nullable @QueryValue String page) {
        HubSearch search;
        int pageNumber;
        try {
            search = HubSearch.of(q, state, category, type, capability);
            pageNumber = page == null || page.isBlank() ? 1 : QueryParameters.bounded("page", page, 1, 1, 100_000);
        } catch (InvalidQueryException e) {
            return page(request, snapshot -> html(HttpResponse.status(HttpStatus.BAD_REQUEST), pages.invalidSearch(snapshot, e.getMessage(), q)));
        }
        return page(request, snapshot -> conditional(request, snapshot, () -> html(HttpResponse.ok(), pages.search(snapshot, search, pageNumber, q))));
    }

    @Hidden
    @Get(uri = "/organizations/{orgId}", produces = MediaType.TEXT_HTML)
    public CompletableFuture<MutableHttpResponse<String>> organizationPage(HttpRequest<?> request, @PathVariable String orgId) {
        return page(request, snapshot -> {
            HubListing listing = snapshot.find(orgId);
            return listing == null ? html(HttpResponse.status(HttpStatus.NOT_FOUND), pages.notListed(snapshot))
                    : conditional(request, snapshot, () -> html(HttpResponse.ok(), pages.organization(snapshot, listing)));
        });
    }

    @Hidden
    @Get(uri = "/help", produces = MediaType.TEXT_HTML)
    public CompletableFuture<MutableHttpResponse<String>> helpPage(HttpRequest<?> request) {
        return page(request, snapshot -> conditional(request, snapshot, () -> html(HttpResponse.ok(), pages.help(snapshot))));
    }

    @Operation(summary = "Listed active data holders, found by name, city or ZIP (q) and filtered by state, category and capability "
            + "(download, direct-transmit, view-download-transmit, api), sorted by state and name, paged; figures of the latest "
            + "completed year, counts 1-10 withheld")
    @Get("/v1/data-holders")
    public CompletableFuture<MutableHttpResponse<?>> dataHolders(HttpRequest<?> request, @Nullable @QueryValue String q,
            @Nullable @QueryValue String state, @Nullable @QueryValue String category, @Nullable @QueryValue String capability,
            @Nullable @QueryValue String page, @Nullable @QueryValue String size) {
        return list(request, HubSearch.of(q, state, category, null, capability).ofType(OrganizationType.DATA_HOLDER), page, size);
    }

    @Operation(summary = "Listed organizations of both types (type=data-holder or non-data-holder), found by name, city or ZIP (q) "
            + "and filtered by state, category and capability, sorted by state and name, paged")
    @Get("/v1/organizations")
    public CompletableFuture<MutableHttpResponse<?>> organizations(HttpRequest<?> request, @Nullable @QueryValue String q,
            @Nullable @QueryValue String state, @Nullable @QueryValue String category, @Nullable @QueryValue String type,
            @Nullable @QueryValue String capability, @Nullable @QueryValue String page, @Nullable @QueryValue String size) {
        return list(request, HubSearch.of(q, state, category, type, capability), page, size);
    }

    @Operation(summary = "One listed organization; 404 when it is unknown, withdrawn or not listed")
    @Get("/v1/organizations/{orgId}")
    public CompletableFuture<MutableHttpResponse<?>> organization(HttpRequest<?> request, @PathVariable String orgId) {
        return json(request, snapshot -> {
            HubListing listing = snapshot.find(orgId);
            if (listing == null) {
                return problem(HttpStatus.NOT_FOUND, "not-listed", "Not listed", "No listed organization has this id");
            }
            return conditional(request, snapshot, () -> HttpResponse.ok(HubAnswers.Listing.of(listing)));
        });
    }

    private CompletableFuture<MutableHttpResponse<?>> list(HttpRequest<?> request, HubSearch search, String page, String size) {
        int pageNumber = QueryParameters.bounded("page", page, 0, 0, 1_000_000);
        int pageSize = QueryParameters.bounded("size", size, 50, 1, QueryParameters.MAX_PAGE_SIZE);
        return json(request, snapshot -> conditional(request, snapshot, () -> {
            List<HubListing> found = search.apply(snapshot);
            int start = (int) Math.min(found.size(), (long) pageNumber * pageSize);
            List<HubAnswers.Listing> items = found.subList(start, Math.min(found.size(), start + pageSize)).stream()
                    .map(HubAnswers.Listing::of).toList();
            return HttpResponse.ok(new Answers.Page<>(items, pageNumber, pageSize, found.size()));
        }));
    }

    private CompletableFuture<MutableHttpResponse<?>> json(HttpRequest<?> request, Function<HubSnapshot, MutableHttpResponse<?>> answer) {
        return directory.snapshot().orTimeout(FIRST_SNAPSHOT_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .handle((snapshot, failure) -> failure != null ? notReady() : answer.apply(snapshot));
    }

    private CompletableFuture<MutableHttpResponse<String>> page(HttpRequest<?> request, Function<HubSnapshot, MutableHttpResponse<String>> answer) {
        return directory.snapshot().orTimeout(FIRST_SNAPSHOT_WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .handle((snapshot, failure) -> failure != null
                        ? html(HttpResponse.status(HttpStatus.SERVICE_UNAVAILABLE), pages.unavailable("The Hub is starting",
                                "The directory is being loaded. Please try again in a few seconds."))
                                .header(HttpHeaders.RETRY_AFTER, Long.toString(settings.retryAfter().toSeconds()))
                        : answer.apply(snapshot));
    }

    /**
     * 304 when the client already has this snapshot's answer (If-None-Match, or else If-Modified-Since),
     * otherwise {@code body}; both with the validators and how long caches may keep the answer.
     */
    private <T> MutableHttpResponse<T> conditional(HttpRequest<?> request, HubSnapshot snapshot, java.util.function.Supplier<MutableHttpResponse<T>> body) {
        String etag = "W/\"" + snapshot.version() + "\"";
        Instant changed = snapshot.changedAt().truncatedTo(ChronoUnit.SECONDS);
        String ifNoneMatch = request.getHeaders().get(HttpHeaders.IF_NONE_MATCH);
        boolean unchanged = ifNoneMatch != null ? matches(ifNoneMatch, snapshot.version())
                : notModifiedSince(request.getHeaders().get(HttpHeaders.IF_MODIFIED_SINCE), changed);
        MutableHttpResponse<T> response = unchanged ? HttpResponse.notModified() : body.get();
        return response.header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.LAST_MODIFIED, DateTimeFormatter.RFC_1123_DATE_TIME.format(changed.atZone(ZoneOffset.UTC)))
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=" + settings.hubRefresh().toSeconds())
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING);
    }

    /** Whether an If-None-Match list names this version (weak comparison, as for GET). */
    private static boolean matches(String ifNoneMatch, String version) {
        if (ifNoneMatch.trim().equals("*")) {
            return true;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String opaque = tag.trim();
            if (opaque.startsWith("W/")) {
                opaque = opaque.substring(2);
            }
            if (opaque.equals("\"" + version + "\"")) {
                return true;
            }
        }
        return false;
    }

    private static boolean notModifiedSince(String ifModifiedSince, Instant changed) {
        if (ifModifiedSince == null || ifModifiedSince.length() > 64) {
            return false;
        }
        try {
            return !changed.isAfter(ZonedDateTime.parse(ifModifiedSince.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return false; // an unreadable date is ignored, as HTTP says
        }
    }

    private static MutableHttpResponse<String> html(MutableHttpResponse<?> status, String page) {
        return status.body(page).contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8")
                // The organizations' websites linked from the pages learn that a visitor came from the Hub, nothing more.
                // The other protective headers (CSP, nosniff, no framing): QuerySecurityHeadersFilter, as on every answer.
                .header("Referrer-Policy", "strict-origin-when-cross-origin");
    }

    private MutableHttpResponse<?> notReady() {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "hub-starting", "Temporarily unavailable",
                "The Hub's directory is being loaded; ask again shortly")
                .header(HttpHeaders.RETRY_AFTER, Long.toString(settings.retryAfter().toSeconds()));
    }

    private static MutableHttpResponse<Problem> problem(HttpStatus status, String slug, String title, String detail) {
        return HttpResponse.<Problem>status(status).body(new Problem(Problem.TYPE_PREFIX + slug, title, status.getCode(), detail))
                .contentType(Problem.MEDIA_TYPE);
    }
}
