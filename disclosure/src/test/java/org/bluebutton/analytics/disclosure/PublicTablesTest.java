package org.bluebutton.analytics.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bluebutton.analytics.disclosure.PublicTables.Contribution;
import org.junit.jupiter.api.Test;

/**
 * The tables of a year as a reader sees them: every published sum (program = categories = states =
 * months; category = its data holders; state = its data holders) becomes an equation over the withheld
 * cells, and the reader tries to determine each withheld cell from all of them at once.
 */
class PublicTablesTest {

    @Test
    void given_many_small_cells_then_every_count_from_1_to_10_is_withheld_and_none_can_be_worked_out() {
        List<Contribution> year = manySmallCells();

        PublicTables tables = PublicTables.of(year, true);

        for (Contribution holder : year) {
            if (holder.ownRow() && CellSuppressor.isSmall(holder.value())) {
                assertThat(tables.row(holder.id()).published()).as(holder.id()).isFalse();
            }
        }
        assertThat(Reader.workedOut(tables, year, true)).isEmpty();
    }

    @Test
    void given_a_category_with_one_small_data_holder_then_its_total_minus_the_others_does_not_give_it_back() {
        List<Contribution> year = List.of(holder("a", "HOSPITAL", "MA", 4), holder("b", "HOSPITAL", "MA", 500), holder("c", "HOSPITAL", "RI", 700),
                holder("d", "PAYER", "MA", 900), holder("e", "PAYER", "RI", 300));

        PublicTables tables = PublicTables.of(year, false);

        assertThat(tables.row("a").text()).isEqualTo("<11");
        assertThat(tables.rows().values().stream().filter(cell -> cell.suppression() == Suppression.COMPLEMENTARY)).isNotEmpty();
        assertThat(Reader.workedOut(tables, year, false)).isEmpty();
    }

    @Test
    void given_a_small_count_from_organizations_without_a_row_then_it_is_protected_like_a_cell() {
        // The employer's 4 downloads are in the category's and the state's figures but in no data holder's row.
        List<Contribution> year = List.of(holder("a", "HOSPITAL", "MA", 600), holder("b", "HOSPITAL", "MA", 500),
                new Contribution("employer", "HOSPITAL", "MA", false, 4, List.of()), holder("c", "PAYER", "RI", 700));

        PublicTables tables = PublicTables.of(year, false);

        assertThat(tables.rows().values()).anyMatch(cell -> !cell.published());
        assertThat(tables.categories().get("HOSPITAL").published() && tables.rows().get("a").published() && tables.rows().get("b").published())
                .as("1,104 - 600 - 500 would give the employer's 4").isFalse();
    }

    @Test
    void the_pattern_depends_on_the_figures_only_not_on_the_order_they_come_in() {
        List<Contribution> year = manySmallCells();
        List<Contribution> shuffled = new ArrayList<>(year);
        Collections.shuffle(shuffled, new Random(3));

        PublicTables a = PublicTables.of(year, true);
        PublicTables b = PublicTables.of(shuffled, true);

        assertThat(b.rows()).isEqualTo(a.rows());
        assertThat(b.categories()).isEqualTo(a.categories());
        assertThat(b.states()).isEqualTo(a.states());
        assertThat(b.months()).isEqualTo(a.months());
        assertThat(b.program()).isEqualTo(a.program());
    }

    @Test
    void in_a_thousand_generated_years_no_withheld_cell_can_be_worked_out_from_the_published_sums() {
        Random random = new Random(20261203);
        int withheld = 0;
        for (int trial = 0; trial < 1_000; trial++) {
            List<Contribution> year = generated(random);
            boolean monthsAddUp = random.nextBoolean();

            PublicTables tables = PublicTables.of(year, monthsAddUp);

            assertThat(Reader.workedOut(tables, year, monthsAddUp)).as("trial %d: %s", trial, year).isEmpty();
            withheld += (int) tables.rows().values().stream().filter(cell -> !cell.published()).count();
        }
        assertThat(withheld).as("the generated years do have withheld cells").isGreaterThan(1_000);
    }

    /** 36 data holders in 3 categories x 4 states, most of them small, two non-data holders, and months. */
    private static List<Contribution> manySmallCells() {
        List<Contribution> year = new ArrayList<>();
        String[] categories = {"HOSPITAL", "PAYER", "PROVIDER"};
        String[] states = {"MA", "NY", "RI", "VT"};
        long[] values = {1, 2, 3, 5, 7, 10, 11, 12, 40, 9, 8, 0};
        int n = 0;
        for (String category : categories) {
            for (String state : states) {
                for (int k = 0; k < 3; k++) {
                    long value = values[(n * 7 + k) % values.length];
                    year.add(new Contribution(String.format("org-%02d", n), category, state, true, value, spread(value, n)));
                    n++;
                }
            }
        }
        year.add(new Contribution("ndh-1", "EMPLOYER", "MA", false, 0, List.of()));
        year.add(new Contribution("ndh-2", "PROVIDER", "NY", false, 0, List.of()));
        return year;
    }

    private static List<Contribution> generated(Random random) {
        List<Contribution> year = new ArrayList<>();
        int organizations = 2 + random.nextInt(40);
        int categories = 1 + random.nextInt(4);
        int states = 1 + random.nextInt(5);
        for (int i = 0; i < organizations; i++) {
            long value = switch (random.nextInt(4)) {
                case 0 -> 0;
                case 1 -> 1 + random.nextInt(10);
                case 2 -> 11 + random.nextInt(40);
                default -> random.nextInt(5_000);
            };
            year.add(new Contribution("org-" + i, "C" + random.nextInt(categories), "S" + random.nextInt(states), random.nextInt(8) > 0, value,
                    spread(value, random.nextInt(1_000))));
        }
        return year;
    }

    /** A year's figure spread over a few months (the months add up to it). */
    private static List<Long> spread(long value, int seed) {
        List<Long> months = new ArrayList<>(Collections.nCopies(12, 0L));
        Random random = new Random(seed);
        long left = value;
        while (left > 0) {
            long part = Math.min(left, 1 + random.nextInt(6));
            int month = random.nextInt(3) * 4; // Jan, May, Sep
            months.set(month, months.get(month) + part);
            left -= part;
        }
        return months;
    }

    private static Contribution holder(String id, String category, String state, long value) {
        return new Contribution(id, category, state, true, value, List.of());
    }

    /**
     * What a reader of the tables can do: knowing which data holder is in which category and state (the
     * tables say so), write every published sum as an equation and solve them all together.
     */
    static final class Reader {

        static List<String> workedOut(PublicTables tables, List<Contribution> year, boolean monthsAddUp) {
            Map<String, Cell> cells = new LinkedHashMap<>();
            cells.put("program", tables.program());
            tables.categories().forEach((k, v) -> cells.put("category:" + k, v));
            tables.states().forEach((k, v) -> cells.put("state:" + k, v));
            tables.rows().forEach((k, v) -> cells.put("row:" + k, v));
            for (int m = 0; m < 12; m++) {
                cells.put("month:" + (m + 1), tables.months().get(m));
            }
            List<List<String>> sums = new ArrayList<>(); // first the total, then its parts
            sums.add(prefixed("program", tables.categories().keySet(), "category:"));
            sums.add(prefixed("program", tables.states().keySet(), "state:"));
            Map<String, List<String>> byCategory = new HashMap<>();
            Map<String, List<String>> byState = new HashMap<>();
            for (Contribution c : year) {
                // An organization without a row (a non-data holder, listed on the Hub with its category and state) adds an
                // amount no output shows: an unknown to the reader, unless it is 0 (a reader may guess that).
                String name = c.ownRow() ? "row:" + c.id() : "unpublished:" + c.id();
                if (!c.ownRow()) {
                    cells.put(name, c.value() == 0 ? new Cell(0, Suppression.NONE) : new Cell(c.value(), Suppression.COMPLEMENTARY));
                }
                byCategory.computeIfAbsent("category:" + c.category(), k -> new ArrayList<>()).add(name);
                byState.computeIfAbsent("state:" + c.state(), k -> new ArrayList<>()).add(name);
            }
            byCategory.forEach((total, parts) -> sums.add(with(total, parts)));
            byState.forEach((total, parts) -> sums.add(with(total, parts)));
            if (monthsAddUp) {
                List<String> months = new ArrayList<>();
                for (int m = 1; m <= 12; m++) {
                    months.add("month:" + m);
                }
                sums.add(with("program", months));
            }
            List<LinearRecovery.Equation<String>> equations = new ArrayList<>();
            for (List<String> sum : sums) {
                Map<String, Long> terms = new HashMap<>();
                long known = 0;
                for (int i = 0; i < sum.size(); i++) {
                    Cell cell = cells.get(sum.get(i));
                    long sign = i == 0 ? 1L : -1L;
                    if (cell.published()) {
                        known -= sign * cell.value();
                    } else {
                        terms.merge(sum.get(i), sign, Long::sum);
                    }
                }
                equations.add(new LinearRecovery.Equation<>(terms, known));
            }
            List<String> workedOut = new ArrayList<>();
            LinearRecovery.solve(equations).forEach((name, value) -> {
                // What non-data holders add may be worked out when it is large: it is not a small count.
                boolean small = CellSuppressor.isSmall(cells.get(name).value());
                if (!name.startsWith("unpublished:") || small) {
                    assertThat(value).as("the reader's equations hold, so what they determine is true: " + name).isEqualTo(cells.get(name).value());
                    workedOut.add(name + " = " + value);
                }
            });
            // And the plainest attack, independent of the solver: a sum with exactly one withheld figure.
            for (List<String> sum : sums) {
                List<String> withheld = sum.stream().filter(name -> !cells.get(name).published()).toList();
                if (withheld.size() == 1 && (!withheld.get(0).startsWith("unpublished:") || CellSuppressor.isSmall(cells.get(withheld.get(0)).value()))) {
                    workedOut.add(withheld.get(0) + " by one subtraction");
                }
            }
            return workedOut;
        }

        private static List<String> prefixed(String total, java.util.Collection<String> keys, String prefix) {
            return with(total, keys.stream().map(k -> prefix + k).toList());
        }

        private static List<String> with(String total, List<String> parts) {
            List<String> sum = new ArrayList<>();
            sum.add(total);
            sum.addAll(parts);
            return sum;
        }
    }
}
