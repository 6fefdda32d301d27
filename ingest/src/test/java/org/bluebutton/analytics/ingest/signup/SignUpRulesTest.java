package org.bluebutton.analytics.ingest.signup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bluebutton.analytics.ingest.pledge.PledgeForm;
import org.bluebutton.analytics.ingest.validation.InvalidRequestException;
import org.junit.jupiter.api.Test;

/** The sign-up's own rules: the organization id suggested from a name, and the form post read as the JSON request. */
class SignUpRulesTest {

    @Test
    void the_suggested_id_is_the_name_s_words_in_lower_case_joined_by_dashes_without_accents() {
        assertThat(PledgeReview.suggestedOrgId("St. Mary's Clinic")).isEqualTo("st-mary-s-clinic");
        assertThat(PledgeReview.suggestedOrgId("Clínica São José")).isEqualTo("clinica-sao-jose");
    }

    @Test
    void every_suggested_id_has_the_organization_id_s_shape() {
        for (String name : List.of("A", "日本語の病院", "  --  ", "x".repeat(300), "Health & Wellness Co-op " + "y".repeat(60))) {
            assertThat(PledgeReview.suggestedOrgId(name)).as(name).matches(PledgeForm.ORG_ID);
        }
    }

    @Test
    void a_form_post_becomes_the_json_request_blank_fields_left_out_and_commitments_an_array() {
        byte[] body = "name=Caf%C3%A9+One&organizationType=NON_DATA_HOLDER&city=&commitments=CEO_MESSAGE&commitments=SOCIAL_MEDIA&x=1"
                .getBytes(StandardCharsets.UTF_8);

        JsonNode request = FormFields.asRequest(FormFields.parse(body));

        assertThat(request.get("name").asText()).isEqualTo("Café One");
        assertThat(request.has("city")).isFalse();
        assertThat(request.has("x")).isFalse();
        assertThat(request.get("commitments").toString()).isEqualTo("[\"CEO_MESSAGE\",\"SOCIAL_MEDIA\"]");
    }

    @Test
    void a_form_with_more_fields_than_any_real_one_is_refused() {
        byte[] body = "a=1&".repeat(FormFields.MAX_PAIRS + 1).getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> FormFields.parse(body)).isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void a_request_never_prints_its_contact() {
        PledgeRequestForm form = PledgeRequestForm.read(FormFields.asRequest(FormFields.parse(("name=Clinic&organizationType=DATA_HOLDER"
                + "&category=LAB&state=MA&commitments=API_ACCESS&contactEmail=someone%40clinic.example").getBytes(StandardCharsets.UTF_8))));

        assertThat(form.contactEmail()).isEqualTo("someone@clinic.example");
        assertThat(form.toString()).doesNotContain("someone");
    }
}
