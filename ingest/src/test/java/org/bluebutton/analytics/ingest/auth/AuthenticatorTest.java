package org.bluebutton.analytics.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.contracts.KafkaUnavailableException;
import org.bluebutton.analytics.ingest.kafka.CompactedTopicView.Freshness;
import org.bluebutton.analytics.schemas.security.ApiCredential;
import org.bluebutton.analytics.schemas.security.StaffAccount;
import org.bluebutton.analytics.schemas.security.StaffRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AuthenticatorTest {

    private final ApiKey staffKey = ApiKey.generate(ApiKey.STAFF_PREFIX);
    private final ApiKey clinicKey = ApiKey.generate(ApiKey.ORGANIZATION_PREFIX);
    private final ApiKey withdrawnKey = ApiKey.generate(ApiKey.ORGANIZATION_PREFIX);
    private final ApiKey revokedKey = ApiKey.generate(ApiKey.ORGANIZATION_PREFIX);
    private final Map<String, ApiCredential> credentials = Map.of(
            clinicKey.keyId(), new ApiCredential("clinic", clinicKey.keyId(), clinicKey.secretSha256(), Instant.EPOCH, null),
            withdrawnKey.keyId(), new ApiCredential("gone", withdrawnKey.keyId(), withdrawnKey.secretSha256(), Instant.EPOCH, null),
            revokedKey.keyId(), new ApiCredential("clinic", revokedKey.keyId(), revokedKey.secretSha256(), Instant.EPOCH, Instant.EPOCH));
    private final ApiKey analystKey = ApiKey.generate(ApiKey.STAFF_PREFIX);
    private final ApiKey formerStaffKey = ApiKey.generate(ApiKey.STAFF_PREFIX);
    private final Map<String, StaffAccount> staffAccounts = Map.of(
            analystKey.keyId(), new StaffAccount("ana", StaffRole.ANALYST, analystKey.keyId(), analystKey.secretSha256(), Instant.EPOCH, null, "bootstrap"),
            formerStaffKey.keyId(), new StaffAccount("former", StaffRole.ADMINISTRATOR, formerStaffKey.keyId(), formerStaffKey.secretSha256(),
                    Instant.EPOCH, Instant.EPOCH, "bootstrap"));
    private final AtomicReference<Freshness> freshness = new AtomicReference<>(Freshness.CURRENT);
    private final Set<String> unreadable = new java.util.concurrent.CopyOnWriteArraySet<>();
    private final Set<String> unreadableStaff = new java.util.concurrent.CopyOnWriteArraySet<>();
    private final Authenticator authenticator = new Authenticator(staffKey.secretSha256(),
            keyId -> Optional.ofNullable(staffAccounts.get(keyId)), unreadableStaff::contains,
            keyId -> Optional.ofNullable(credentials.get(keyId)), Set.of("clinic")::contains, freshness::get, unreadable::contains);

    @Test
    void a_key_of_an_organization_whose_latest_record_is_unreadable_is_not_judged_and_other_keys_still_are() {
        unreadable.add("gone");

        assertThatThrownBy(() -> authenticator.authenticate("Bearer " + withdrawnKey.reveal())).isInstanceOf(CredentialsNotCurrentException.class)
                .hasMessageContaining("gone");
        assertThat(authenticator.authenticate("Bearer " + clinicKey.reveal())).isEqualTo(new Caller.Organization("clinic", clinicKey.keyId()));
        assertThat(authenticator.authenticate("Bearer " + staffKey.reveal())).isInstanceOf(Caller.Staff.class);
    }

    @Test
    void an_organization_key_authenticates_its_organization() {
        assertThat(authenticator.authenticate("Bearer " + clinicKey.reveal()))
                .isEqualTo(new Caller.Organization("clinic", clinicKey.keyId()));
    }

    @Test
    void the_staff_key_authenticates_staff() {
        assertThat(authenticator.authenticate("Bearer " + staffKey.reveal())).isInstanceOf(Caller.Staff.class);
    }

    @Test
    void the_configured_staff_key_is_the_bootstrap_administrator() {
        assertThat(authenticator.authenticate("Bearer " + staffKey.reveal()))
                .isEqualTo(new Caller.Staff(Authenticator.BOOTSTRAP, StaffRole.ADMINISTRATOR, staffKey.keyId()));
    }

    @Test
    void a_named_staff_key_authenticates_its_account_with_its_role() {
        Caller caller = authenticator.authenticate("Bearer " + analystKey.reveal());

        assertThat(caller).isEqualTo(new Caller.Staff("ana", StaffRole.ANALYST, analystKey.keyId()));
        assertThat(Authenticator.requireStaff(caller).name()).isEqualTo("ana");
        assertThatThrownBy(() -> Authenticator.requireAdministrator(caller)).isInstanceOf(ForbiddenException.class).hasMessageContaining("read only");
        assertThatThrownBy(() -> Authenticator.requireAdministratorOrOrganization(caller, "clinic")).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void a_revoked_staff_account_is_refused() {
        assertThatThrownBy(() -> authenticator.authenticate("Bearer " + formerStaffKey.reveal())).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void a_staff_key_with_a_wrong_secret_is_refused() {
        String forged = analystKey.reveal().substring(0, analystKey.reveal().length() - 4) + "AAAA";

        assertThatThrownBy(() -> authenticator.authenticate("Bearer " + forged)).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void a_staff_key_whose_account_record_is_unreadable_is_not_judged() {
        unreadableStaff.add("ana");

        assertThatThrownBy(() -> authenticator.authenticate("Bearer " + analystKey.reveal())).isInstanceOf(CredentialsNotCurrentException.class);
        assertThat(authenticator.authenticate("Bearer " + staffKey.reveal())).isInstanceOf(Caller.Staff.class);
    }

    @Test
    void a_key_with_a_wrong_secret_is_refused_without_echoing_it() {
        String forged = clinicKey.reveal().substring(0, clinicKey.reveal().length() - 4) + "AAAA";

        assertThatThrownBy(() -> authenticator.authenticate("Bearer " + forged))
                .isInstanceOf(AuthenticationException.class)
                .message().doesNotContain(forged.substring(forged.length() - 20));
    }

    @Test
    void a_withdrawn_organization_key_no_longer_works() {
        assertThatThrownBy(() -> authenticator.authenticate("Bearer " + withdrawnKey.reveal()))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void a_revoked_key_no_longer_works_even_for_an_active_organization() {
        assertThatThrownBy(() -> authenticator.authenticate("Bearer " + revokedKey.reveal()))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void a_missing_or_non_bearer_header_is_refused() {
        assertThatThrownBy(() -> authenticator.authenticate(null)).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> authenticator.authenticate("Basic abc")).isInstanceOf(AuthenticationException.class);
    }

    @Test
    void an_organization_may_not_write_for_another_nor_act_as_staff() {
        Caller clinic = authenticator.authenticate("Bearer " + clinicKey.reveal());

        assertThatThrownBy(() -> Authenticator.requireOrganization(clinic, "other")).isInstanceOf(ForbiddenException.class);
        assertThatThrownBy(() -> Authenticator.requireStaff(clinic)).isInstanceOf(ForbiddenException.class);
    }

    @Test
    void the_string_form_of_a_key_hides_its_secret() {
        assertThat(clinicKey.toString()).endsWith("_***").doesNotContain(clinicKey.reveal().substring(18));
    }

    @ParameterizedTest
    @EnumSource(value = Freshness.class, names = {"STARTING", "STOPPED", "BEHIND"})
    void a_valid_key_is_not_judged_while_the_views_are_not_current(Freshness notCurrent) {
        freshness.set(notCurrent);

        assertThatThrownBy(() -> authenticator.authenticate("Bearer " + clinicKey.reveal()))
                .isInstanceOf(CredentialsNotCurrentException.class);
        assertThatThrownBy(() -> authenticator.authenticate("Bearer " + staffKey.reveal()))
                .isInstanceOf(CredentialsNotCurrentException.class);
    }

    @Test
    void a_valid_key_is_not_judged_while_the_broker_does_not_answer() {
        freshness.set(Freshness.BROKER_UNREACHABLE);

        assertThatThrownBy(() -> authenticator.authenticate("Bearer " + clinicKey.reveal()))
                .isInstanceOf(KafkaUnavailableException.class);
    }

    @Test
    void a_missing_or_malformed_header_is_refused_as_unauthenticated_whatever_the_views() {
        freshness.set(Freshness.STOPPED);

        assertThatThrownBy(() -> authenticator.authenticate(null)).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> authenticator.authenticate("Bearer nonsense")).isInstanceOf(AuthenticationException.class);
    }
}
