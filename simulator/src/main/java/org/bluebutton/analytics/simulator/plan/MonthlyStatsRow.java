package org.bluebutton.analytics.simulator.plan;

import java.time.YearMonth;

/** One row of a monthly-statistics CSV upload; a null figure is an empty cell ("not reported"). */
public record MonthlyStatsRow(YearMonth month, Long patientsWithAccess, Long views, Long downloads, Long transmits) {
}
