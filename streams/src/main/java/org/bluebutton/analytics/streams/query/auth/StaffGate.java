package org.bluebutton.analytics.streams.query.auth;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.schemas.security.ApiCredential;
import org.bluebutton.analytics.schemas.security.StaffRole;
import org.bluebutton.analytics.streams.query.QuerySettings;

/**
 * Admits program staff: {@code Authorization: Bearer bbs_<keyId>_<secret>} whose secret hashes (SHA-256) to
 * the configured digest (the bootstrap administrator, as in ingest) or to the current key of a named staff
 * account that is not revoked ({@link CallerKeys}), compared in constant time. Every staff route of the query
 * API is a read, so both roles (administrator and analyst) are admitted to all of them; an account with a
 * role this version does not know is refused. Keys and hashes are never logged.
 *
 * <p>Also knows organizations by their own key ({@code bbk_…}, checked against {@link CallerKeys} as
 * ingest checks it), so that a data holder may read its own figures: a valid organization key is
 * authenticated (401 only for keys that are not valid) and refused with 403 wherever it may not read.
 */
@Singleton
@Requires(env = ServiceEnvironments.QUERY)
public class StaffGate {

    private static final String BEARER = "Bearer ";

    private final String expectedSha256;
    private final CallerKeys organizationKeys;

    public StaffGate(QuerySettings settings, CallerKeys organizationKeys) {
        this.expectedSha256 = settings.staffKeySha256();
        this.organizationKeys = organizationKeys;
    }

    /** Who is calling: staff, or an organization. */
    public sealed interface Caller {
        /** Program staff: a named account ("bootstrap" for the configured key) with its role. */
        record Staff(String name, StaffRole role) implements Caller {
        }

        /** An organization, by its own current key. */
        record Organization(String orgId, String keyId) implements Caller {
        }
    }

    /** Returns normally for the staff key; 401 for no valid key, 403 for an organization's valid key. */
    public void requireStaff(String authorization) {
        if (authenticate(authorization) instanceof Caller.Organization organization) {
            throw new ForbiddenException("this route is for program staff; organization " + organization.orgId()
                    + " may read its own figures only (/v1/organizations/" + organization.orgId() + "/metrics)");
        }
    }

    /** Returns the caller for the staff key or {@code orgId}'s own key; 401 for no valid key, 403 for another organization's. */
    public Caller requireStaffOrOrganization(String authorization, String orgId) {
        Caller caller = authenticate(authorization);
        if (caller instanceof Caller.Organization organization && !organization.orgId().equals(orgId)) {
            throw new ForbiddenException("organization " + organization.orgId() + " may read its own figures only, not " + orgId + "'s");
        }
        return caller;
    }

    /** The caller the header stands for; throws {@link NotAuthenticatedException} without a valid key. */
    public Caller authenticate(String authorization) {
        Optional<ApiKey> key = authorization == null || !authorization.startsWith(BEARER)
                ? Optional.empty() : ApiKey.parse(authorization.substring(BEARER.length()));
        if (key.isEmpty()) {
            throw new NotAuthenticatedException("this route needs the staff key or an organization's key: Authorization: Bearer bbs_... or bbk_...");
        }
        if (key.get().prefix().equals(ApiKey.STAFF_PREFIX)) {
            if (key.get().matches(expectedSha256)) {
                return new Caller.Staff("bootstrap", StaffRole.ADMINISTRATOR);
            }
            return organizationKeys.staffByKeyId(key.get().keyId())
                    .filter(account -> account.getRole() != StaffRole.UNKNOWN && key.get().matches(account.getSecretSha256()))
                    .map(account -> (Caller) new Caller.Staff(account.getName(), account.getRole()))
                    .orElseThrow(() -> new NotAuthenticatedException("the staff key " + key.get() + " is not valid (unknown, rotated or revoked)"));
        }
        ApiCredential credential = organizationKeys.byKeyId(key.get().keyId())
                .filter(current -> key.get().matches(current.getSecretSha256()))
                .orElseThrow(() -> new NotAuthenticatedException("the organization key " + key.get()
                        + " is not valid (unknown, rotated, or revoked)"));
        return new Caller.Organization(credential.getOrgId(), key.get().keyId());
    }
}
