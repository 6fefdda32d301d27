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
import org.bluebutton.analytics.schemas.security.StaffAccount;
import org.bluebutton.analytics.schemas.security.StaffRole;

/**
 * Turns an {@code Authorization} header into a {@link Caller}, and checks what a caller may do.
 * Every failure says why without echoing the key. It fails closed: a key is judged only while the
 * views it is judged against are current; otherwise the answer is "try again" (503), never a
 * decision from a view that may miss a rotation, a revocation or a withdrawal.
 */
public final class Authenticator {

    /** The name the audit trail gives the configured (bootstrap) staff key; no staff account may take it. */
    public static final String BOOTSTRAP = "bootstrap";

    private final String staffKeySha256;
    private final Function<String, Optional<StaffAccount>> staffAccounts;
    private final Predicate<String> staffAccountUnreadable;
    private final Function<String, Optional<ApiCredential>> credentials;
    private final Predicate<String> organizationActive;
    private final Supplier<Freshness> freshness;
    private final Predicate<String> organizationUnreadable;

    /**
     * @param staffKeySha256 hex SHA-256 of the configured staff key's secret: the bootstrap administrator
     * @param staffAccounts the named staff account whose current key has a key id
     * @param staffAccountUnreadable whether a staff account's latest record could not be read (it may revoke the key)
     * @param credentials the current credential of an organization
     * @param organizationActive whether an organization exists and has not withdrawn its pledge
     * @param freshness whether the views behind {@code credentials} and {@code organizationActive} are
     *     current (the worst of them, staff accounts included)
     * @param organizationUnreadable whether an organization's latest credential or pledge record could not be
     *     read (its key may have been rotated or revoked, or the organization withdrawn, in it)
     */
    public Authenticator(String staffKeySha256, Function<String, Optional<StaffAccount>> staffAccounts,
            Predicate<String> staffAccountUnreadable, Function<String, Optional<ApiCredential>> credentials, Predicate<String> organizationActive, Supplier<Freshness> freshness,
            Predicate<String> organizationUnreadable) {
        this.staffKeySha256 = staffKeySha256;
        this.staffAccounts = staffAccounts;
        this.staffAccountUnreadable = staffAccountUnreadable;
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
            return staff(key);
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
     * The configured key is the bootstrap administrator (so a deployment can create the first accounts);
     * any other staff key must be the current key of an account that is not revoked and has a role this
     * version knows. One message for every refusal: it must not tell a guesser which accounts exist.
     */
    private Caller.Staff staff(ApiKey key) {
        if (key.matches(staffKeySha256)) {
            return new Caller.Staff(BOOTSTRAP, StaffRole.ADMINISTRATOR, key.keyId());
        }
        Optional<StaffAccount> found = staffAccounts.apply(key.keyId());
        if (found.isPresent() && staffAccountUnreadable.test(found.get().getName())) {
            throw new CredentialsNotCurrentException("The latest record of staff account " + found.get().getName()
                    + " could not be read, so this key cannot be judged; retry shortly");
        }
        return found
                .filter(account -> account.getRevokedAt() == null && account.getRole() != StaffRole.UNKNOWN)
                .filter(account -> key.matches(account.getSecretSha256()))
                .map(account -> new Caller.Staff(account.getName(), account.getRole(), key.keyId()))
                .orElseThrow(() -> new AuthenticationException("The staff key " + key + " is not valid (unknown, rotated or revoked)"));
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

    /** Allows every staff account (administrators and analysts): staff reads. */
    public static Caller.Staff requireStaff(Caller caller) {
        if (!(caller instanceof Caller.Staff staff)) {
            throw new ForbiddenException("Only program staff may do this; " + caller.describe() + " may not");
        }
        return staff;
    }

    /** Allows administrators only: every staff change. */
    public static Caller.Staff requireAdministrator(Caller caller) {
        Caller.Staff staff = requireStaff(caller);
        if (!staff.isAdministrator()) {
            throw new ForbiddenException("Only a staff administrator may change this; " + caller.describe() + " may read only");
        }
        return staff;
    }

    /** Allows only the organization {@code orgId} itself. */
    public static void requireOrganization(Caller caller, String orgId) {
        if (!(caller instanceof Caller.Organization organization) || !organization.orgId().equals(orgId)) {
            throw new ForbiddenException(caller.describe() + " may not write for organization " + orgId);
        }
    }

    /** Allows staff (any role) and the organization {@code orgId} itself: reads. */
    public static void requireStaffOrOrganization(Caller caller, String orgId) {
        if (!(caller instanceof Caller.Staff)) {
            requireOrganization(caller, orgId);
        }
    }

    /** Allows administrators and the organization {@code orgId} itself: changes an organization may make to itself. */
    public static void requireAdministratorOrOrganization(Caller caller, String orgId) {
        if (caller instanceof Caller.Staff) {
            requireAdministrator(caller);
        } else {
            requireOrganization(caller, orgId);
        }
    }
}
