package org.bluebutton.analytics.ingest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.ingest.audit.AuditLog;
import org.bluebutton.analytics.ingest.auth.Authenticator;
import org.bluebutton.analytics.ingest.auth.Caller;
import org.bluebutton.analytics.ingest.staff.StaffAccountForm;
import org.bluebutton.analytics.ingest.staff.StaffAdministration;
import org.bluebutton.analytics.ingest.validation.InvalidRequestException;
import org.bluebutton.analytics.ingest.validation.JsonBatch;
import org.bluebutton.analytics.schemas.security.StaffAccount;

/**
 * Staff accounts under {@code /v1/staff-accounts} and the audit trail under {@code /v1/audit}: staff
 * administrators only (analysts and organizations get 403). Answers never carry a key's hash; a new key is
 * shown once, in the answer that issued it.
 */
@Requires(notEnv = ServiceEnvironments.QUERY) // a process that also runs the streams query service keeps the two apart
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
public class StaffAccountController {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Authenticator authenticator;
    private final StaffAdministration administration;
    private final AuditLog auditLog;

    public StaffAccountController(Authenticator authenticator, StaffAdministration administration, AuditLog auditLog) {
        this.authenticator = authenticator;
        this.administration = administration;
        this.auditLog = auditLog;
    }

    /** A staff account as administrators see it: no key, no hash. */
    @Serdeable
    public record AccountView(String name, String role, String keyId, Instant issuedAt, @Nullable Instant revokedAt, String changedBy) {
        static AccountView of(StaffAccount account) {
            return new AccountView(account.getName(), account.getRole().name(), account.getKeyId(), account.getIssuedAt(),
                    account.getRevokedAt(), account.getChangedBy());
        }
    }

    /** A newly issued staff key: shown this once, stored only as a hash. */
    @Serdeable
    public record IssuedStaffKey(String name, String role, String keyId, String staffKey, String note) {
        /** Never the key itself. */
        @Override
        public String toString() {
            return "IssuedStaffKey[name=" + name + ", keyId=" + keyId + "]";
        }
    }

    @Operation(summary = "Create a named staff account (ADMINISTRATOR or ANALYST) and issue its key (staff administrators)")
    @ApiResponse(responseCode = "201", description = "The account, and its key shown once")
    @Post(uri = "/v1/staff-accounts", consumes = MediaType.APPLICATION_JSON)
    public HttpResponse<IssuedStaffKey> issue(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization, @Nullable @Body byte[] body) {
        Caller.Staff actor = Authenticator.requireAdministrator(authenticator.authenticate(authorization));
        StaffAdministration.Issued issued = administration.issue(actor, StaffAccountForm.read(JsonBatch.fromObject(body)));
        return HttpResponse.created(shown(issued, "Store this key now: it is shown once and only its hash is kept."),
                URI.create("/v1/staff-accounts/" + issued.account().getName()));
    }

    @Operation(summary = "List every staff account, revoked ones included (staff administrators)")
    @Get("/v1/staff-accounts")
    public List<AccountView> list(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        Authenticator.requireAdministrator(authenticator.authenticate(authorization));
        return administration.all().stream().map(AccountView::of).toList();
    }

    @Operation(summary = "Issue a new key for a staff account; its previous key stops working on every instance (staff administrators)")
    @ApiResponse(responseCode = "201", description = "The new key, shown once")
    @Post("/v1/staff-accounts/{name}/key")
    public HttpResponse<IssuedStaffKey> rotate(@PathVariable String name, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        Caller.Staff actor = Authenticator.requireAdministrator(authenticator.authenticate(authorization));
        return HttpResponse.created(shown(administration.rotate(actor, name),
                "Store this key now: it is shown once and only its hash is kept. The previous key no longer works."));
    }

    @Operation(summary = "Revoke a staff account; its key stops working on every instance (staff administrators)")
    @Post("/v1/staff-accounts/{name}/revocation")
    public AccountView revoke(@PathVariable String name, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization) {
        Caller.Staff actor = Authenticator.requireAdministrator(authenticator.authenticate(authorization));
        return AccountView.of(administration.revoke(actor, name));
    }

    @Operation(summary = "The audit trail of staff actions, newest first; follow 'next' for older pages (staff administrators)")
    @Get(uri = "/v1/audit", produces = MediaType.APPLICATION_JSON)
    public HttpResponse<String> audit(@Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
            @Nullable @QueryValue String before, @Nullable @QueryValue String limit) {
        Authenticator.requireAdministrator(authenticator.authenticate(authorization));
        int size = number(limit, "limit", 50, 1, AuditLog.MAX_LIMIT);
        Long from = before == null ? null : (long) number(before, "before", 0, 0, Integer.MAX_VALUE);
        AuditLog.Page page = auditLog.page(from, size);
        List<Map<String, Object>> records = new ArrayList<>();
        for (AuditLog.Entry entry : page.entries()) {
            Map<String, Object> fields = AuditLog.fieldsOf(entry);
            fields.put("before", tree((String) fields.get("before")));
            fields.put("after", tree((String) fields.get("after")));
            records.add(fields);
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("records", records);
        answer.put("next", page.nextBefore() == null ? null : "/v1/audit?limit=" + size + "&before=" + page.nextBefore());
        try {
            return HttpResponse.ok(JSON.writeValueAsString(answer)).contentType(MediaType.APPLICATION_JSON_TYPE);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("audit fields are always JSON", e);
        }
    }

    private static IssuedStaffKey shown(StaffAdministration.Issued issued, String note) {
        return new IssuedStaffKey(issued.account().getName(), issued.account().getRole().name(), issued.key().keyId(),
                issued.key().reveal(), note);
    }

    private static Object tree(String json) {
        try {
            return json == null ? null : JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return json; // written by this service as JSON; shown as text should an old record not be
        }
    }

    private static int number(String text, String name, int fallback, int min, int max) {
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw InvalidRequestException.of("Invalid query", name + " must be a whole number from " + min + " to " + max);
    }
}
