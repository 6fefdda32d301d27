package org.bluebutton.analytics.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinearRecoveryTest {

    @Test
    void a_lone_unknown_in_an_equation_is_determined() {
        assertThat(LinearRecovery.determined(List.of(Map.of("x", 1L)))).containsExactly("x");
    }

    @Test
    void two_unknowns_in_one_equation_are_not_determined() {
        assertThat(LinearRecovery.determined(List.of(Map.of("x", 1L, "y", 1L)))).isEmpty();
    }

    @Test
    void an_unknown_worked_out_by_combining_equations_is_determined() {
        // x + y = a, y + z = b, x + z = c: x = (a - b + c) / 2, and so on for each.
        List<Map<String, Long>> triangle = List.of(Map.of("x", 1L, "y", 1L), Map.of("y", 1L, "z", 1L), Map.of("x", 1L, "z", 1L));

        assertThat(LinearRecovery.determined(triangle)).containsExactlyInAnyOrder("x", "y", "z");
    }

    @Test
    void a_cycle_of_four_unknowns_across_rows_and_columns_determines_none() {
        // A 2 x 2 block withheld in a table with row and column totals: every row and column has two unknowns.
        List<Map<String, Long>> block = List.of(Map.of("a", 1L, "b", 1L), Map.of("c", 1L, "d", 1L), Map.of("a", 1L, "c", 1L),
                Map.of("b", 1L, "d", 1L));

        assertThat(LinearRecovery.determined(block)).isEmpty();
    }

    @Test
    void a_total_minus_its_other_cells_is_found_through_a_chain_of_groups() {
        // total - x - y = k1 (a category), y - z = k2 (a state holding one hidden data holder z), z = k3.
        List<Map<String, Long>> chain = List.of(Map.of("total", 1L, "x", -1L, "y", -1L), Map.of("y", 1L, "z", -1L), Map.of("z", 1L));

        assertThat(LinearRecovery.determined(chain)).containsExactlyInAnyOrder("y", "z");
    }
}
