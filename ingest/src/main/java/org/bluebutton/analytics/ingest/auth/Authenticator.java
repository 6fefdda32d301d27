package org.bluebutton.analytics.ingest.auth;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.schemas.security.ApiCredential;

/**
 * Turns an {@code Authorization} header into a {@link Caller}, and checks what a caller may do.
 * Every failure says why without echoing the key.
 */
public final class Authenticator {

    private final String staffKeySha256;
    private final Function<String, Optional<ApiCredential>> credentials;
    private final Predicate<String> organizationActive;

    /**
     * @param staffKeySha256 hex SHA-256 of the staff key's secret
     * @param credentials the current credential of an organization
     * @param organizationActive whether an organization exists and has not withdrawn its pledge
     */
    public Authenticator(String staffKeySha256, Function<String, Optional<ApiCredential>> credentials,
            Predicate<String> organizationActive) {
        this.staffKeySha256 = staffKeySha256;
        this.credentials = credentials;
        this.organizationActive = organizationActive;
    }

    /** The caller an {@code Authorization: Bearer <key>} header stands for. */
    public Caller authenticate(String authorizationHeader) {
        if (authorizationHeader == null || authorizationHeader.isBlank()) {
            throw new AuthenticationException("Authorization header missing: send 'Authorization: Bearer <API key>'");
        }
        if (!authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            throw new AuthenticationException("Authorization must use the Bearer scheme");
        }
        ApiKey key = ApiKey.parse(authorizationHeader.substring(7).trim())
                .orElseThrow(() -> new AuthenticationException("The API key is malformed"));
        if (ApiKey.STAFF_PREFIX.equals(key.prefix())) {
            if (key.matches(staffKeySha256)) {
                return new Caller.Staff(key.keyId());
            }
            throw new AuthenticationException("The staff key " + key + " is not valid");
        }
        return credentials.apply(key.keyId())
                .filter(credential -> credential.getRevokedAt() == null && key.matches(credential.getSecretSha256()))
                .filter(credential -> organizationActive.test(credential.getOrgId()))
                .map(credential -> (Caller) new Caller.Organization(credential.getOrgId(), key.keyId()))
                .orElseThrow(() -> new AuthenticationException("The API key " + key + " is not valid (unknown, rotated, "
                        + "revoked, or its organization withdrew)"));
    }

    /** Allows staff only. */
    public static void requireStaff(Caller caller) {
        if (!(caller instanceof Caller.Staff)) {
            throw new ForbiddenException("Only program staff may do this; " + caller.describe() + " may not");
        }
    }

    /** Allows only the organization {@code orgId} itself. */
    public static void requireOrganization(Caller caller, String orgId) {
        if (!(caller instanceof Caller.Organization organization) || !organization.orgId().equals(orgId)) {
            throw new ForbiddenException(caller.describe() + " may not write for organization " + orgId);
        }
    }

    /** Allows staff and the organization {@code orgId} itself. */
    public static void requireStaffOrOrganization(Caller caller, String orgId) {
        if (!(caller instanceof Caller.Staff)) {
            requireOrganization(caller, orgId);
        }
    }
}
