package org.bluebutton.analytics.ingest.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.ingest.auth.Authenticator;
import org.bluebutton.analytics.ingest.auth.Caller;
import org.bluebutton.analytics.ingest.http.OrganizationController.IssuedKey;
import org.bluebutton.analytics.ingest.http.OrganizationController.OrganizationView;
import org.bluebutton.analytics.ingest.signup.PledgeDecision;
import org.bluebutton.analytics.ingest.signup.PledgeRequestForm;
import org.bluebutton.analytics.ingest.signup.PledgeRequests;
import org.bluebutton.analytics.ingest.signup.PledgeReview;
import org.bluebutton.analytics.ingest.signup.UnknownPledgeRequestException;
import org.bluebutton.analytics.ingest.validation.InvalidRequestException;
import org.bluebutton.analytics.ingest.validation.JsonBatch;
import org.bluebutton.analytics.schemas.event.PledgeRequest;
import org.bluebutton.analytics.schemas.event.PledgeRequestStatus;

/**
 * Pledge requests under {@code /v1/pledge-requests}: anyone may send one (the public sign-up, rate
 * limited per client address by {@link PublicRoutesFilter}); staff list them, read one, approve or
 * decline it (every decision through {@link PledgeReview#decide}).
 */
@Requires(notEnv = ServiceEnvironments.QUERY) // a process that also runs the streams query service keeps the two apart
@Controller(PledgeRequestController.PATH)
@ExecuteOn(TaskExecutors.BLOCKING)
public class PledgeRequestController {

    public static final String PATH = "/v1/pledge-requests";

    private final Authenticator authenticator;
    private final PledgeRequests requests;
    private final PledgeReview review;
    private final IngestMetrics metrics;

    public PledgeRequestController(Authenticator authenticator, PledgeRequests requests, PledgeReview review, IngestMetrics metrics) {
        this.authenticator = authenticator;
        this.requests = requests;
        this.review = review;
        this.metrics = metrics;
    }

    /** What the sender of a request gets back: its reference, never the contact address it sent. */
    @Serdeable
    public record Received(String requestId, String status, Instant submittedAt, String note) {
    }

    /** A pledge request as staff see it (with the contact e-mail: staff write to it). */
    @Serdeable
    public record PledgeRequestView(String requestId, String name, String organizationType, String category, String state,
            @Nullable String city, @Nullable String postalCode, @Nullable String website, List<String> commitments, String contactEmail,
            String status, Instant submittedAt, @Nullable Instant decidedAt, @Nullable String orgId, @Nullable String declineReason,
            @Nullable String suggestedOrgId) {

        static PledgeRequestView of(PledgeRequest request) {
            return new PledgeRequestView(request.getRequestId(), request.getName(), request.getOrganizationType().name(),
                    request.getCategory().name(), request.getState(), request.getCity(), request.getPostalCode(), request.getWebsite(),
                    request.getCommitments().stream().map(Enum::name).toList(), request.getContactEmail(), request.getStatus().name(),
                    request.getSubmittedAt(), request.getDecidedAt(), request.getOrgId(), request.getDeclineReason(),
                    request.getStatus() == PledgeRequestStatus.PENDING ? PledgeReview.suggestedOrgId(request.getName()) : null);
        }

        /** Never the contact e-mail. */
        @Override
        public String toString() {
            return "PledgeRequestView[requestId=" + requestId + ", status=" + status + "]";
        }
    }

    /** Requests with one status, oldest first. */
    @Serdeable
    public record PledgeRequestList(String status, int count, List<PledgeRequestView> requests) {
    }

    /** An approval: the request, the organization created and its first key (shown this once). */
    @Serdeable
    public record Approval(PledgeRequestView request, OrganizationView organization, IssuedKey apiKey) {
    }

    @Operation(summary = "Ask to take the pledge (anyone; rate limited per client address)")
    @ApiResponse(responseCode = "202", description = "Stored as a pending request for staff to review")
    @Post(consumes = MediaType.APPLICATION_JSON)
    public HttpResponse<Received> submit(@Nullable @Body byte[] body) {
        PublicRoutesFilter.requireWithinLimit(body);
        PledgeRequest received = requests.submit(PledgeRequestForm.read(JsonBatch.fromObject(body)));
        metrics.accepted("pledge-request", 1);
        return HttpResponse.accepted(URI.create(PATH + "/" + received.getRequestId())).body(new Received(received.getRequestId(),
                received.getStatus().name(), received.getSubmittedAt(),
                "Received. Program staff review each request and reply to the contact address given."));
    }

    @Operation(summary = "List pledge requests by status: pending (default), approved, declined or all (staff)")
    @Get
    public PledgeRequestList list(@Nullable @QueryValue String status, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        Authenticator.requireStaff(authenticator.authenticate(authorization));
        PledgeRequestStatus wanted = status(status);
        List<PledgeRequestView> views = requests.withStatus(wanted).stream().map(PledgeRequestView::of).toList();
        return new PledgeRequestList(wanted == null ? "ALL" : wanted.name(), views.size(), views);
    }

    @Operation(summary = "Read one pledge request (staff)")
    @Get("/{requestId}")
    public PledgeRequestView get(@PathVariable String requestId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        Authenticator.requireStaff(authenticator.authenticate(authorization));
        return PledgeRequestView.of(requests.find(requestId).orElseThrow(() -> new UnknownPledgeRequestException(requestId)));
    }

    @Operation(summary = "Approve a pending request: the organization is created (body {\"orgId\"} optional, else the suggested id) and its first API key issued (staff administrator)")
    @ApiResponse(responseCode = "201", description = "The organization and its first key, shown once")
    @Post(uri = "/{requestId}/approval", consumes = MediaType.APPLICATION_JSON)
    public HttpResponse<Approval> approve(@PathVariable String requestId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
            @Nullable @Body byte[] body) {
        Caller.Staff staff = Authenticator.requireAdministrator(authenticator.authenticate(authorization));
        PledgeDecision.Approve approve = PledgeDecision.Approve.read(body == null || body.length == 0 ? null : JsonBatch.fromObject(body));
        PledgeReview.Outcome outcome = review.decide(staff, requestId, approve);
        metrics.accepted("pledge", 1);
        String orgId = outcome.organization().getOrgId();
        return HttpResponse.created(new Approval(PledgeRequestView.of(outcome.request()), OrganizationView.of(outcome.organization()),
                new IssuedKey(orgId, outcome.firstKey().keyId(), outcome.firstKey().reveal(),
                        "Hand this key to the organization now: it is shown once and only its hash is kept.")),
                URI.create("/v1/organizations/" + orgId));
    }

    @Operation(summary = "Decline a pending request with a reason for the organization, body {\"reason\"} (staff administrator)")
    @Post(uri = "/{requestId}/decline", consumes = MediaType.APPLICATION_JSON)
    public PledgeRequestView decline(@PathVariable String requestId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
            @Nullable @Body byte[] body) {
        Caller.Staff staff = Authenticator.requireAdministrator(authenticator.authenticate(authorization));
        return PledgeRequestView.of(review.decide(staff, requestId, PledgeDecision.Decline.read(JsonBatch.fromObject(body))).request());
    }

    private static PledgeRequestStatus status(String text) {
        if (text == null || text.isBlank()) {
            return PledgeRequestStatus.PENDING;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "pending" -> PledgeRequestStatus.PENDING;
            case "approved" -> PledgeRequestStatus.APPROVED;
            case "declined" -> PledgeRequestStatus.DECLINED;
            case "all" -> null;
            default -> throw InvalidRequestException.of("Invalid status", "status must be pending, approved, declined or all");
        };
    }
}
