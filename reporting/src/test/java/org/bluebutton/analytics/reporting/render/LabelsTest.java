package org.bluebutton.analytics.reporting.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LabelsTest {

    @Test
    void every_symbol_of_todays_schemas_has_a_written_label() {
        assertThat(Labels.complete()).isTrue();
    }

    @Test
    void acronyms_and_program_terms_read_as_people_write_them() {
        assertThat(Labels.engagement("CEO_MESSAGE")).isEqualTo("CEO message");
        assertThat(Labels.category("PAYER")).isEqualTo("Health plan or payer");
        assertThat(Labels.commitment("DIRECT_TRANSMIT")).isEqualTo("Transmit with Direct");
    }

    @Test
    void a_symbol_added_to_a_schema_later_reads_as_words_rather_than_failing() {
        assertThat(Labels.category("VETERINARY_CLINIC")).isEqualTo("Veterinary clinic");
    }
}
