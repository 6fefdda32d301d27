package org.bluebutton.analytics.streams.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.bluebutton.analytics.schemas.aggregate.AccessFigures;
import org.bluebutton.analytics.schemas.aggregate.ActivityCounts;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;
import org.junit.jupiter.api.Test;

/**
 * The year a flush stores is moved month change by month change ({@link Years#replace}); the query API
 * makes it from all the months it reads ({@link Years#of}). The two must never differ.
 */
class YearsTest {

    @Test
    void a_year_moved_by_each_month_change_equals_the_year_made_from_all_its_months() {
        SplittableRandom random = new SplittableRandom(7);
        Map<Integer, OrgMonthlyMetrics> months = new HashMap<>();
        OrgYearlyMetrics moved = Years.of("org", 2025, months.values());
        for (int change = 0; change < 2_000; change++) {
            int monthOfYear = 1 + random.nextInt(12);
            OrgMonthlyMetrics before = months.get(monthOfYear);
            OrgMonthlyMetrics after = next(before, monthOfYear, random);
            months.put(monthOfYear, after);

            Years.replace(moved, before == null ? null : before.getActivity(), before == null ? null : before.getAccess(), after);

            assertThat(moved).as("after change %d", change).isEqualTo(Years.of("org", 2025, months.values()));
        }
    }

    /** A month's next figures: more activity, or a snapshot dated the same day or later in the month. */
    private static OrgMonthlyMetrics next(OrgMonthlyMetrics month, int monthOfYear, SplittableRandom random) {
        ActivityCounts activity = month == null ? new ActivityCounts(0L, 0L, 0L, 0L, 0L) : ActivityCounts.newBuilder(month.getActivity()).build();
        AccessFigures access = month == null ? null : month.getAccess();
        if (random.nextBoolean()) {
            long count = 1 + random.nextInt(50);
            activity.setEvents(activity.getEvents() + 1);
            activity.setDownloads(activity.getDownloads() + count);
            activity.setViews(activity.getViews() + count / 2);
        } else {
            int day = access == null ? 1 + random.nextInt(28) : Math.min(28, access.getAsOf().getDayOfMonth() + random.nextInt(3));
            access = new AccessFigures(LocalDate.of(2025, monthOfYear, day), random.nextLong(10_000), random.nextLong(20_000), null);
        }
        return new OrgMonthlyMetrics("org", 2025, monthOfYear, activity, access);
    }
}
