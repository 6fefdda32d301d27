package org.bluebutton.analytics.ingest.auth;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.contracts.KafkaUnavailableException;
import org.bluebutton.analytics.ingest.kafka.CompactedTopicView.Freshness;
import org.bluebutton.analytics.schemas.security.ApiCredential;

/**
 * Turns an {@code Authorization} header into a {@link Caller}, and checks what a caller may do.
 * Every failure says why without echoing the key. It fails closed: a key is judged only while the
 * views it is judged against are current; otherwise the answer is "try again" (503), never a
 * decision from a view that may miss a rotation, a revocation or a withdrawal.
 */
public final class Authenticator {

    private final String staffKeySha256;
    private final Function<String, Optional<ApiCredential>> credentials;
    private final Predicate<String> organizationActive;
    private final Supplier<Freshness> freshness;
    private final Predicate<String> organizationUnreadable;

    /**
     * @param staffKeySha256 hex SHA-256 of the staff key's secret
     * @param credentials the current credential of an organization
     * @param organizationActive whether an organization exists and has not withdrawn its pledge
     * @param freshness whether the views behind {@code credentials} and {@code organizationActive} are
     *     current (the worse of the two)
     * @param organizationUnreadable whether an organization's latest credential or pledge record could not be
     *     read (its key may have been rotated or revoked, or the organization withdrawn, in it)
     */
    public Authenticator(String staffKeySha256, Function<String, Optional<ApiCredential>> credentials,
            Predicate<String> organizationActive, Supplier<Freshness> freshness, Predicate<String> organizationUnreadable) {
        this.staffKeySha256 = staffKeySha256;
        this.credentials = credentials;
        this.organizationActive = organizationActive;
        this.freshness = freshness;
        this.organizationUnreadable = organizationUnreadable;
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
        requireCurrentViews();
        if (ApiKey.STAFF_PREFIX.equals(key.prefix())) {
            if (key.matches(staffKeySha256)) {
                return new Caller.Staff(key.keyId());
            }
            throw new AuthenticationException("The staff key " + key + " is not valid");
        }
        Optional<ApiCredential> found = credentials.apply(key.keyId());
        if (found.isPresent() && organizationUnreadable.test(found.get().getOrgId())) {
            // Fail closed for this organization only: a record nobody can read must not stop the others.
            throw new CredentialsNotCurrentException("The latest key or pledge record of organization " + found.get().getOrgId()
                    + " could not be read, so this key cannot be judged; retry shortly");
        }
        return found
                .filter(credential -> credential.getRevokedAt() == null && key.matches(credential.getSecretSha256()))
                .filter(credential -> organizationActive.test(credential.getOrgId()))
                .map(credential -> (Caller) new Caller.Organization(credential.getOrgId(), key.keyId()))
                .orElseThrow(() -> new AuthenticationException("The API key " + key + " is not valid (unknown, rotated, "
                        + "revoked, or its organization withdrew)"));
    }

    /**
     * Staff keys too: every staff action reads or changes organizations and keys, which a stale view
     * would get wrong (a key issued on top of one it has not seen, a create over an existing id).
     */
    private void requireCurrentViews() {
        Freshness now = freshness.get();
        switch (now) {
            case CURRENT -> { }
            case BROKER_UNREACHABLE -> throw new KafkaUnavailableException(
                    "Kafka does not answer, so this instance cannot confirm that its keys are current", null);
            default -> throw new CredentialsNotCurrentException("This instance cannot confirm that its keys are current ("
                    + now.name().toLowerCase(Locale.ROOT).replace('_', ' ') + "); retry shortly");
        }
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
