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
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.ingest.auth.Authenticator;
import org.bluebutton.analytics.ingest.auth.Caller;
import org.bluebutton.analytics.ingest.config.IngestConfiguration;
import org.bluebutton.analytics.ingest.pledge.OrganizationAdministration;
import org.bluebutton.analytics.ingest.pledge.PledgeForm;
import org.bluebutton.analytics.ingest.pledge.ProfileChange;
import org.bluebutton.analytics.ingest.validation.JsonBatch;
import org.bluebutton.analytics.schemas.event.OrganizationType;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.Withdrawals;

/**
 * Organizations and their pledges under {@code /v1/organizations}: staff create, replace and
 * withdraw them and issue API keys; an organization reads and changes its own profile.
 */
@Requires(notEnv = ServiceEnvironments.QUERY) // a process that also runs the streams query service keeps the two apart
@Controller("/v1/organizations")
@ExecuteOn(TaskExecutors.BLOCKING)
public class OrganizationController {

    private final Authenticator authenticator;
    private final OrganizationAdministration administration;
    private final IngestConfiguration config;
    private final Clock clock;
    private final IngestMetrics metrics;

    public OrganizationController(Authenticator authenticator, OrganizationAdministration administration,
            IngestConfiguration config, Clock clock, IngestMetrics metrics) {
        this.authenticator = authenticator;
        this.administration = administration;
        this.config = config;
        this.clock = clock;
        this.metrics = metrics;
    }

    /** An organization's profile and pledge state. */
    @Serdeable
    public record OrganizationView(String orgId, String name, String organizationType, String category, String state,
            @Nullable String city, @Nullable String postalCode, @Nullable String website, List<String> commitments,
            String status, Instant pledgedAt, Instant updatedAt, @Nullable Instant withdrawnAt, boolean listedOnHub) {

        static OrganizationView of(Pledge pledge) {
            return new OrganizationView(pledge.getOrgId(), pledge.getName(), pledge.getOrganizationType().name(),
                    pledge.getCategory().name(), pledge.getState(), pledge.getCity(), pledge.getPostalCode(),
                    pledge.getWebsite(), pledge.getCommitments().stream().map(Enum::name).toList(),
                    pledge.getStatus().name(), pledge.getPledgedAt(), pledge.getUpdatedAt(), Withdrawals.withdrawnAt(pledge),
                    pledge.getListedOnHub());
        }
    }

    /** A newly issued key: shown this once, stored only as a hash. */
    @Serdeable
    public record IssuedKey(String orgId, String keyId, String apiKey, String note) {
        /** Never the key itself. */
        @Override
        public String toString() {
            return "IssuedKey[orgId=" + orgId + ", keyId=" + keyId + "]";
        }
    }

    @Operation(summary = "Create an organization with its pledge (staff administrators)")
    @ApiResponse(responseCode = "201", description = "Created and acknowledged by Kafka")
    @Post(consumes = MediaType.APPLICATION_JSON)
    public HttpResponse<OrganizationView> create(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization, @Nullable @Body byte[] body) {
        Caller.Staff staff = Authenticator.requireAdministrator(authenticator.authenticate(authorization));
        Pledge created = administration.create(staff, PledgeForm.read(JsonBatch.fromObject(body), null, config.earliestEventTime(), latest()));
        metrics.accepted("pledge", 1);
        return HttpResponse.created(OrganizationView.of(created), URI.create("/v1/organizations/" + created.getOrgId()));
    }

    @Operation(summary = "Read an organization's profile (any staff account, or the organization itself)")
    @Get("/{orgId}")
    public OrganizationView get(@PathVariable String orgId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        Authenticator.requireStaffOrOrganization(authenticator.authenticate(authorization), orgId);
        return OrganizationView.of(administration.existing(orgId));
    }

    @Operation(summary = "Replace an organization's profile (staff administrators)")
    @Put(uri = "/{orgId}", consumes = MediaType.APPLICATION_JSON)
    public OrganizationView replace(@PathVariable String orgId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
            @Nullable @Body byte[] body) {
        Caller.Staff staff = Authenticator.requireAdministrator(authenticator.authenticate(authorization));
        Pledge replaced = administration.replace(staff, orgId, PledgeForm.read(JsonBatch.fromObject(body), orgId, config.earliestEventTime(), latest()));
        metrics.accepted("pledge", 1);
        return OrganizationView.of(replaced);
    }

    @Operation(summary = "Withdraw an organization's pledge and revoke its API key (staff administrators)")
    @Post("/{orgId}/withdrawal")
    public OrganizationView withdraw(@PathVariable String orgId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        Caller.Staff staff = Authenticator.requireAdministrator(authenticator.authenticate(authorization));
        Pledge withdrawn = administration.withdraw(staff, orgId);
        metrics.accepted("pledge", 1);
        return OrganizationView.of(withdrawn);
    }

    @Operation(summary = "Change the website, commitments and/or Hub listing (listedOnHub) of a profile (the organization itself, or a staff administrator)")
    @Patch(uri = "/{orgId}/profile", consumes = MediaType.APPLICATION_JSON)
    public OrganizationView changeProfile(@PathVariable String orgId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
            @Nullable @Body byte[] body) {
        Caller caller = authenticator.authenticate(authorization);
        Authenticator.requireAdministratorOrOrganization(caller, orgId);
        OrganizationType type = administration.existing(orgId).getOrganizationType();
        Pledge changed = administration.changeProfile(caller, orgId, ProfileChange.read(JsonBatch.fromObject(body), type));
        metrics.accepted("pledge", 1);
        return OrganizationView.of(changed);
    }

    @Operation(summary = "Issue a new API key for an organization; the previous key stops working (staff administrators)")
    @ApiResponse(responseCode = "201", description = "The new key, shown once")
    @Post("/{orgId}/api-keys")
    public HttpResponse<IssuedKey> issueKey(@PathVariable String orgId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        Caller.Staff staff = Authenticator.requireAdministrator(authenticator.authenticate(authorization));
        ApiKey key = administration.issueKey(staff, orgId);
        return HttpResponse.created(new IssuedKey(orgId, key.keyId(), key.reveal(),
                "Store this key now: it is shown once and only its hash is kept. The previous key no longer works."));
    }

    private Instant latest() {
        return clock.instant().plus(config.clockSkew());
    }
}
