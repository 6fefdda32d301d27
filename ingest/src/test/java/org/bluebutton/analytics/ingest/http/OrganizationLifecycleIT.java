package org.bluebutton.analytics.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.bluebutton.analytics.ingest.testing.IngestServer;
import org.bluebutton.analytics.ingest.testing.IngestServerExtension;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.schemas.event.Commitment;
import org.bluebutton.analytics.schemas.event.OrganizationCategory;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.PledgeStatus;
import org.bluebutton.analytics.schemas.security.ApiCredential;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.testkit.TopicContents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Organizations from pledge to withdrawal, read back from the pledges and credentials topics. */
@ExtendWith(IngestServerExtension.class)
class OrganizationLifecycleIT {

    private final LocalStack stack;
    private final IngestServer ingest;

    OrganizationLifecycleIT(LocalStack stack, IngestServer ingest) {
        this.stack = stack;
        this.ingest = ingest;
    }

    @Test
    void a_created_organization_is_published_as_an_active_pledge() {
        ingest.hospitalWithKey("life-created");

        List<Pledge> pledges = TopicContents.valuesFor(stack, Topics.PLEDGES.name(), "life-created");

        assertThat(pledges).singleElement().satisfies(pledge -> {
            assertThat(pledge.getStatus()).isEqualTo(PledgeStatus.ACTIVE);
            assertThat(pledge.getCategory()).isEqualTo(OrganizationCategory.HOSPITAL);
            assertThat(pledge.getCommitments()).containsExactly(Commitment.DOWNLOAD_FROM_PORTAL, Commitment.DIRECT_TRANSMIT);
        });
    }

    @Test
    void creating_an_existing_organization_is_a_conflict() {
        ingest.hospitalWithKey("life-twice");

        HttpResponse<String> again = ingest.post("/v1/organizations", ingest.staffKey(), IngestServer.JSON,
                "{\"orgId\":\"life-twice\",\"name\":\"X\",\"organizationType\":\"DATA_HOLDER\",\"category\":\"LAB\",\"state\":\"NY\"}");

        assertThat(again.statusCode()).isEqualTo(409);
    }

    @Test
    void an_organization_changes_its_own_commitments_and_keeps_the_rest() {
        String key = ingest.hospitalWithKey("life-profile");

        HttpResponse<String> changed = ingest.send("PATCH", "/v1/organizations/life-profile/profile", key, IngestServer.JSON,
                "{\"commitments\":[\"API_ACCESS\"]}".getBytes());

        assertThat(changed.statusCode()).isEqualTo(200);
        Pledge latest = TopicContents.<Pledge>valuesFor(stack, Topics.PLEDGES.name(), "life-profile").get(1);
        assertThat(latest.getCommitments()).containsExactly(Commitment.API_ACCESS);
        assertThat(latest.getWebsite()).isEqualTo("https://example.org");
    }

    @Test
    void a_new_organization_is_listed_on_the_hub_unless_its_profile_says_otherwise() {
        ingest.hospitalWithKey("life-listed");
        HttpResponse<String> unlisted = ingest.post("/v1/organizations", ingest.staffKey(), IngestServer.JSON,
                "{\"orgId\":\"life-unlisted\",\"name\":\"Quiet Lab\",\"organizationType\":\"DATA_HOLDER\",\"category\":\"LAB\","
                        + "\"state\":\"NY\",\"listedOnHub\":false}");

        assertThat(unlisted.statusCode()).as(unlisted.body()).isEqualTo(201);
        assertThat(unlisted.body()).contains("\"listedOnHub\":false");
        assertThat(TopicContents.<Pledge>valuesFor(stack, Topics.PLEDGES.name(), "life-listed").get(0).getListedOnHub()).isTrue();
        assertThat(TopicContents.<Pledge>valuesFor(stack, Topics.PLEDGES.name(), "life-unlisted").get(0).getListedOnHub()).isFalse();
    }

    @Test
    void an_organization_chooses_to_leave_the_hub_with_its_own_key_and_keeps_the_rest() {
        String key = ingest.hospitalWithKey("life-opt-out");

        HttpResponse<String> changed = ingest.send("PATCH", "/v1/organizations/life-opt-out/profile", key, IngestServer.JSON,
                "{\"listedOnHub\":false}".getBytes());
        HttpResponse<String> notABoolean = ingest.send("PATCH", "/v1/organizations/life-opt-out/profile", key, IngestServer.JSON,
                "{\"listedOnHub\":\"no\"}".getBytes());

        assertThat(changed.statusCode()).as(changed.body()).isEqualTo(200);
        Pledge latest = TopicContents.<Pledge>valuesFor(stack, Topics.PLEDGES.name(), "life-opt-out").get(1);
        assertThat(latest.getListedOnHub()).isFalse();
        assertThat(latest.getCommitments()).containsExactly(Commitment.DOWNLOAD_FROM_PORTAL, Commitment.DIRECT_TRANSMIT);
        assertThat(notABoolean.statusCode()).isEqualTo(400);
        assertThat(notABoolean.body()).contains("listedOnHub");
    }

    @Test
    void a_staff_replacement_that_does_not_name_the_listing_keeps_it() {
        String key = ingest.hospitalWithKey("life-keep-listing");
        ingest.send("PATCH", "/v1/organizations/life-keep-listing/profile", key, IngestServer.JSON, "{\"listedOnHub\":false}".getBytes());

        HttpResponse<String> replaced = ingest.send("PUT", "/v1/organizations/life-keep-listing", ingest.staffKey(), IngestServer.JSON,
                "{\"name\":\"Renamed\",\"organizationType\":\"DATA_HOLDER\",\"category\":\"LAB\",\"state\":\"NY\"}".getBytes());

        assertThat(replaced.statusCode()).as(replaced.body()).isEqualTo(200);
        assertThat(TopicContents.<Pledge>valuesFor(stack, Topics.PLEDGES.name(), "life-keep-listing").get(2).getListedOnHub()).isFalse();
    }

    @Test
    void rotating_a_key_makes_the_old_one_stop_working_and_stores_only_a_hash() {
        String oldKey = ingest.hospitalWithKey("life-rotate");

        String newKey = ingest.issueKey("life-rotate");

        assertThat(ingest.get("/v1/organizations/life-rotate", oldKey).statusCode()).isEqualTo(401);
        assertThat(ingest.get("/v1/organizations/life-rotate", newKey).statusCode()).isEqualTo(200);
        List<ApiCredential> stored = TopicContents.valuesFor(stack, Topics.API_CREDENTIALS.name(), "life-rotate");
        assertThat(stored).extracting(ApiCredential::getSecretSha256).containsExactly(secretSha256(oldKey), secretSha256(newKey));
        assertThat(stored).allSatisfy(credential -> assertThat(credential.toString())
                .doesNotContain(secret(oldKey)).doesNotContain(secret(newKey)));
    }

    /** The secret part of {@code bbk_<keyId>_<secret>}; the secret itself may contain '_'. */
    private static String secret(String key) {
        return key.substring(key.indexOf('_', key.indexOf('_') + 1) + 1);
    }

    private static String secretSha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret(key).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withdrawing_twice_is_a_conflict() {
        ingest.hospitalWithKey("life-withdraw-twice");
        ingest.post("/v1/organizations/life-withdraw-twice/withdrawal", ingest.staffKey(), null, null);

        HttpResponse<String> again = ingest.post("/v1/organizations/life-withdraw-twice/withdrawal", ingest.staffKey(), null, null);

        assertThat(again.statusCode()).isEqualTo(409);
    }

    @Test
    void withdrawing_publishes_the_withdrawal_and_revokes_the_key() {
        String key = ingest.hospitalWithKey("life-withdraw");

        HttpResponse<String> withdrawn = ingest.post("/v1/organizations/life-withdraw/withdrawal", ingest.staffKey(), null, null);

        assertThat(withdrawn.statusCode()).isEqualTo(200);
        Pledge published = TopicContents.<Pledge>valuesFor(stack, Topics.PLEDGES.name(), "life-withdraw").get(1);
        assertThat(published.getStatus()).isEqualTo(PledgeStatus.WITHDRAWN);
        assertThat(withdrawn.body()).as("the answer states the withdrawal time as published")
                .contains("\"withdrawnAt\":\"" + published.getWithdrawnAt() + "\"");
        assertThat(TopicContents.<ApiCredential>valuesFor(stack, Topics.API_CREDENTIALS.name(), "life-withdraw"))
                .last().satisfies(credential -> assertThat(credential.getRevokedAt()).isNotNull());
        assertThat(ingest.get("/v1/organizations/life-withdraw", key).statusCode()).isEqualTo(401);
    }

    @Test
    void a_staff_correction_of_a_withdrawn_organization_keeps_its_status_and_withdrawal_time() {
        ingest.hospitalWithKey("life-withdrawn-edit");
        ingest.post("/v1/organizations/life-withdrawn-edit/withdrawal", ingest.staffKey(), null, null);
        Pledge withdrawn = TopicContents.<Pledge>valuesFor(stack, Topics.PLEDGES.name(), "life-withdrawn-edit").get(1);

        HttpResponse<String> corrected = ingest.send("PUT", "/v1/organizations/life-withdrawn-edit", ingest.staffKey(), IngestServer.JSON,
                "{\"name\":\"Corrected\",\"organizationType\":\"DATA_HOLDER\",\"category\":\"LAB\",\"state\":\"NY\"}".getBytes());

        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(200);
        Pledge latest = TopicContents.<Pledge>valuesFor(stack, Topics.PLEDGES.name(), "life-withdrawn-edit").get(2);
        assertThat(withdrawn.getWithdrawnAt()).isEqualTo(withdrawn.getUpdatedAt());
        assertThat(latest.getCategory().name()).isEqualTo("LAB");
        assertThat(latest.getStatus()).isEqualTo(PledgeStatus.WITHDRAWN);
        assertThat(latest.getWithdrawnAt()).as("the withdrawal stays when it happened").isEqualTo(withdrawn.getWithdrawnAt());
        assertThat(corrected.body()).contains("\"withdrawnAt\"");
    }

    @Test
    void a_second_instance_accepts_keys_issued_by_the_first() {
        String key = ingest.hospitalWithKey("life-shared");

        try (IngestServer second = IngestServer.start(stack)) {
            assertThat(second.get("/v1/organizations/life-shared", key).statusCode()).isEqualTo(200);
        }
    }
}
