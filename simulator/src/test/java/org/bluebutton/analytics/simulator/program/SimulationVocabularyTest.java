package org.bluebutton.analytics.simulator.program;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The simulator spells the program's vocabulary itself (its main code has no Avro classes); these
 * specifications hold it to the schemas' symbols, so a renamed symbol fails here, not in a run.
 */
class SimulationVocabularyTest {

    @Test
    void every_simulated_symbol_is_a_symbol_of_the_schemas() {
        assertThat(names(OrganizationType.values())).isSubsetOf(names(org.bluebutton.analytics.schemas.event.OrganizationType.values()));
        assertThat(names(Category.values())).isSubsetOf(names(org.bluebutton.analytics.schemas.event.OrganizationCategory.values()));
        assertThat(names(Commitment.values())).isSubsetOf(names(org.bluebutton.analytics.schemas.event.Commitment.values()));
        assertThat(names(Channel.values())).isSubsetOf(names(org.bluebutton.analytics.schemas.event.ActivityChannel.values()));
        assertThat(names(RecordFormat.values())).isSubsetOf(names(org.bluebutton.analytics.schemas.event.RecordFormat.values()));
        assertThat(names(EngagementType.values())).isSubsetOf(names(org.bluebutton.analytics.schemas.event.EngagementType.values()));
    }

    @Test
    void every_type_has_categories_and_commitments_and_every_us_state_weight_is_positive() {
        for (OrganizationType type : OrganizationType.values()) {
            assertThat(Category.of(type)).hasSize(5);
            assertThat(Commitment.of(type)).isNotEmpty();
        }
        assertThat(UsStates.codes()).hasSize(52).contains("CA", "TX", "DC", "PR").allSatisfy(code -> assertThat(code).matches("[A-Z]{2}"));
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }
}
