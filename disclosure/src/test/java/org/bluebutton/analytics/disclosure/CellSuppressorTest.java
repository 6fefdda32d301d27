package org.bluebutton.analytics.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class CellSuppressorTest {

    @Test
    void counts_from_1_to_10_are_suppressed_and_0_and_11_are_shown() {
        assertThat(CellSuppressor.single(0).text()).isEqualTo("0");
        assertThat(CellSuppressor.single(1).text()).isEqualTo("<11");
        assertThat(CellSuppressor.single(10).text()).isEqualTo("<11");
        assertThat(CellSuppressor.single(11).text()).isEqualTo("11");
        assertThat(CellSuppressor.single(125_000).text()).isEqualTo("125,000");
    }

    @Test
    void given_one_small_cell_under_a_published_total_then_the_smallest_other_nonzero_cell_is_withheld_too() {
        CellSuppressor suppressor = new CellSuppressor();
        int total = suppressor.cell(1_045);
        int small = suppressor.cell(5);
        int zero = suppressor.cell(0);
        int large = suppressor.cell(800);
        int medium = suppressor.cell(240);
        suppressor.group(total, List.of(small, zero, large, medium));

        suppressor.apply();

        assertThat(suppressor.get(small).suppression()).isEqualTo(Suppression.SMALL_CELL);
        assertThat(suppressor.get(medium).suppression()).isEqualTo(Suppression.COMPLEMENTARY);
        assertThat(suppressor.get(medium).text()).isEqualTo("*");
        assertThat(suppressor.get(zero).text()).isEqualTo("0");
        assertThat(suppressor.get(large).text()).isEqualTo("800");
        assertThat(suppressor.get(total).text()).isEqualTo("1,045");
    }

    @Test
    void given_two_small_cells_in_a_group_then_nothing_more_is_withheld() {
        CellSuppressor suppressor = new CellSuppressor();
        int total = suppressor.cell(1_010);
        int a = suppressor.cell(4);
        int b = suppressor.cell(6);
        int c = suppressor.cell(1_000);
        suppressor.group(total, List.of(a, b, c));

        suppressor.apply();

        assertThat(suppressor.get(c).published()).isTrue();
        assertThat(suppressor.get(total).published()).isTrue();
    }

    @Test
    void given_a_small_cell_whose_siblings_are_all_zero_then_the_total_is_withheld() {
        CellSuppressor suppressor = new CellSuppressor();
        int total = suppressor.cell(12);
        int small = suppressor.cell(0);
        int other = suppressor.cell(12);
        suppressor.group(total, List.of(small, other));
        CellSuppressor second = new CellSuppressor();
        int total2 = second.cell(15);
        int onlySmall = second.cell(7);
        int zero = second.cell(0);
        int rest = second.cell(8);
        second.group(total2, List.of(onlySmall, zero, rest));
        CellSuppressor third = new CellSuppressor();
        int total3 = third.cell(50);
        int lone = third.cell(3);
        int zeroes = third.cell(0);
        third.group(total3, List.of(lone, zeroes));

        suppressor.apply();
        second.apply();
        third.apply();

        assertThat(suppressor.get(total).published()).isTrue();
        assertThat(second.get(total2).published()).as("two small cells protect each other").isTrue();
        assertThat(third.get(lone).suppression()).isEqualTo(Suppression.SMALL_CELL);
        assertThat(third.get(total3).suppression()).isEqualTo(Suppression.COMPLEMENTARY);
    }

    @Test
    void given_linked_groups_then_a_complementary_cell_that_breaks_another_group_is_protected_there_too() {
        // Data holders h1 (5) and h2 (300) are in category A (total 305); h2 and h3 (900) are in state X (1,200).
        CellSuppressor suppressor = new CellSuppressor();
        int categoryA = suppressor.cell(305);
        int stateX = suppressor.cell(1_200);
        int h1 = suppressor.cell(5);
        int h2 = suppressor.cell(300);
        int h3 = suppressor.cell(900);
        suppressor.group(categoryA, List.of(h1, h2));
        suppressor.group(stateX, List.of(h2, h3));

        suppressor.apply();

        assertThat(suppressor.get(h1).suppression()).isEqualTo(Suppression.SMALL_CELL);
        assertThat(suppressor.get(h2).suppression()).as("protects h1 within category A").isEqualTo(Suppression.COMPLEMENTARY);
        assertThat(suppressor.get(h3).suppression()).as("protects h2 within state X").isEqualTo(Suppression.COMPLEMENTARY);
        assertThat(suppressor.get(categoryA).published()).isTrue();
        assertThat(suppressor.get(stateX).published()).isTrue();
    }

    @Test
    void given_a_small_total_then_it_is_suppressed_like_any_cell() {
        CellSuppressor suppressor = new CellSuppressor();
        int total = suppressor.cell(9);
        int a = suppressor.cell(9);
        int b = suppressor.cell(0);
        suppressor.group(total, List.of(a, b));

        suppressor.apply();

        assertThat(suppressor.get(total).text()).isEqualTo("<11");
        assertThat(suppressor.get(a).text()).isEqualTo("<11");
        assertThat(suppressor.get(b).text()).isEqualTo("0");
    }

    @Test
    void ties_between_candidates_go_to_the_first_cell_added_so_the_outcome_is_deterministic() {
        CellSuppressor suppressor = new CellSuppressor();
        int total = suppressor.cell(103);
        int small = suppressor.cell(3);
        int first = suppressor.cell(50);
        int second = suppressor.cell(50);
        suppressor.group(total, List.of(small, first, second));

        suppressor.apply();

        assertThat(suppressor.get(first).suppression()).isEqualTo(Suppression.COMPLEMENTARY);
        assertThat(suppressor.get(second).published()).isTrue();
    }

    @Test
    void in_every_group_the_withheld_figures_are_never_exactly_one_after_apply() {
        java.util.Random random = new java.util.Random(42);
        for (int round = 0; round < 500; round++) {
            CellSuppressor suppressor = new CellSuppressor();
            int cells = 2 + random.nextInt(6);
            List<Integer> members = new java.util.ArrayList<>();
            long sum = 0;
            for (int i = 0; i < cells; i++) {
                long value = random.nextInt(4) == 0 ? random.nextInt(11) : random.nextInt(400);
                members.add(suppressor.cell(value));
                sum += value;
            }
            int total = suppressor.cell(sum);
            suppressor.group(total, members);
            suppressor.apply();
            long withheld = java.util.stream.Stream.concat(members.stream(), java.util.stream.Stream.of(total))
                    .filter(h -> !suppressor.get(h).published()).count();
            assertThat(withheld).as("round %d", round).isNotEqualTo(1);
        }
    }

    @Test
    void reading_before_apply_is_refused_because_complementary_suppression_would_be_missing() {
        CellSuppressor suppressor = new CellSuppressor();
        int handle = suppressor.cell(3);

        assertThatThrownBy(() -> suppressor.get(handle)).isInstanceOf(IllegalStateException.class).hasMessageContaining("apply()");
    }

    @Test
    void given_withheld_cells_that_combined_sums_would_pin_down_then_one_more_cell_is_withheld() {
        // Three groups whose withheld cells form a triangle: x + y, x + z and y + z are each published
        // (total minus shown cells), so x = ((x + y) + (x + z) - (y + z)) / 2 although every group has two
        // withheld cells. The audit withholds more until no combination of sums gives a cell.
        CellSuppressor suppressor = new CellSuppressor();
        int x = suppressor.cell(5);
        int y = suppressor.cell(20);
        int z = suppressor.cell(30);
        int w1 = suppressor.cell(100);
        int w2 = suppressor.cell(200);
        int w3 = suppressor.cell(300);
        suppressor.group(suppressor.cell(125), List.of(x, y, w1));
        suppressor.group(suppressor.cell(235), List.of(x, z, w2));
        suppressor.group(suppressor.cell(350), List.of(y, z, w3));

        suppressor.apply();

        long withheld = java.util.stream.IntStream.of(x, y, z, w1, w2, w3).filter(h -> !suppressor.get(h).published()).count();
        assertThat(withheld).isGreaterThan(3);
        assertThat(suppressor.get(x).published()).isFalse();
    }
}
