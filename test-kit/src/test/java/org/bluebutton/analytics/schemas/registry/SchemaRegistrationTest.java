package org.bluebutton.analytics.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.avro.Schema;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.testkit.SchemaVariants;
import org.junit.jupiter.api.Test;

class SchemaRegistrationTest {

    private static final Schema CURRENT = Pledge.getClassSchema();

    @Test
    void adding_an_optional_field_with_a_default_is_backward_compatible() {
        Schema next = SchemaVariants.withExtraField(CURRENT, "npi", true);

        assertThat(SchemaRegistration.backwardProblems(next, CURRENT)).isEmpty();
    }

    @Test
    void adding_a_required_field_is_reported_with_the_field_name() {
        Schema next = SchemaVariants.withExtraField(CURRENT, "npi", false);

        assertThat(SchemaRegistration.backwardProblems(next, CURRENT))
                .singleElement().asString()
                .contains("READER_FIELD_MISSING_DEFAULT").contains("npi");
    }

    @Test
    void every_catalogue_topic_contributes_its_value_subject_and_avro_key_subject() {
        var subjects = SchemaRegistration.subjectsOf(Topics.all());

        assertThat(subjects).containsKeys("bluebutton.pledges-value", "bluebutton.org-monthly-metrics-key",
                "bluebutton.org-monthly-metrics-value");
        assertThat(subjects).doesNotContainKey("bluebutton.pledges-key");
    }
}
