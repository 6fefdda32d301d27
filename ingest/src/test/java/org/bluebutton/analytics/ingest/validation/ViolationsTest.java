package org.bluebutton.analytics.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ViolationsTest {

    @Test
    void every_problem_is_counted_and_the_first_hundred_are_listed() {
        Violations violations = new Violations();

        for (int i = 0; i < 1_000; i++) {
            violations.add(new Violation(i, "f", "wrong"));
        }

        assertThat(violations.size()).isEqualTo(1_000);
        assertThat(violations.listed()).hasSize(Violations.MAX_LISTED).first().extracting(Violation::index).isEqualTo(0);
    }

    @Test
    void a_batch_of_items_full_of_unknown_fields_lists_the_first_problems_and_counts_all() {
        List<JsonNode> items = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            ObjectNode item = JsonNodeFactory.instance.objectNode();
            for (int f = 0; f < 30; f++) {
                item.put("unknown" + f, f);
            }
            items.add(item);
        }

        assertThatThrownBy(() -> ItemBatch.readAll("events", items, ItemFields.fields("eventId"), fields -> null, record -> "id"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.violations()).hasSize(Violations.MAX_LISTED);
                    assertThat(e.total()).isEqualTo(30_000);
                });
    }
}
