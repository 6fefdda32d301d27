package org.bluebutton.analytics.streams.query.auth;

import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;
import java.util.Optional;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.schemas.security.ApiCredential;
import org.bluebutton.analytics.streams.query.QuerySettings;

/**
 * Admits program staff: {@code Authorization: Bearer bbs_<keyId>_<secret>} whose secret hashes (SHA-256) to
 * the configured digest, compared in constant time. The same staff key as ingest's, read by the same
 * {@link ApiKey}; only its hash is configured, and neither is ever logged.
 *
 * <p>Also knows organizations by their own key ({@code bbk_…}, checked against {@link OrganizationKeys} as
 * ingest checks it), so that a data holder may read its own figures: a valid organization key is
 * authenticated (401 only for keys that are not valid) and refused with 403 wherever it may not read.
 */
@Singleton
@Requires(env = ServiceEnvironments.QUERY)
public class StaffGate {

    private static final String BEARER = "Bearer ";

    private final String expectedSha256;
    private final OrganizationKeys organizationKeys;

    public StaffGate(QuerySettings settings, OrganizationKeys organizationKeys) {
        this.expectedSha256 = settings.staffKeySha256();
        this.organizationKeys = organizationKeys;
    }

    /** Who is calling: staff, or an organization. */
    public sealed interface Caller {
        /** Program staff. */
        record Staff() implements Caller {
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
            if (!key.get().matches(expectedSha256)) {
                throw new NotAuthenticatedException("the staff key is not valid");
            }
            return new Caller.Staff();
        }
        ApiCredential credential = organizationKeys.byKeyId(key.get().keyId())
                .filter(current -> key.get().matches(current.getSecretSha256()))
                .orElseThrow(() -> new NotAuthenticatedException("the organization key " + key.get()
                        + " is not valid (unknown, rotated, or revoked)"));
        return new Caller.Organization(credential.getOrgId(), key.get().keyId());
    }
}
