package org.bluebutton.analytics.reporting.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;

/**
 * What a report covers: a whole calendar year, or the year to date through the end of a month (for a
 * release before the year is over), compared with the same months of the year before. Months are the
 * finest period of the aggregates, so a year to date always ends with a month.
 *
 * @param year the calendar year
 * @param lastMonth the last month covered: 12 for a whole year
 */
public record ReportPeriod(int year, int lastMonth) {

    public ReportPeriod {
        if (lastMonth < 1 || lastMonth > 12) {
            throw new IllegalArgumentException("month 1-12: " + lastMonth);
        }
    }

    /** The whole of {@code year}. */
    public static ReportPeriod wholeYear(int year) {
        return new ReportPeriod(year, 12);
    }

    /** Whether the period is the whole year. */
    public boolean wholeYear() {
        return lastMonth == 12;
    }

    /** Whether {@code month} of a year lies in the period (the same months for the year before). */
    public boolean covers(int month) {
        return month <= lastMonth;
    }

    /** The last day covered in {@code inYear} (the report year, or the year before for the comparison). */
    public LocalDate lastDay(int inYear) {
        return LocalDate.of(inYear, lastMonth, 1).plusMonths(1).minusDays(1);
    }

    /** The first instant after the period in {@code inYear}: where "pledged at the end" is decided. */
    public Instant end(int inYear) {
        return lastDay(inYear).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** How tables name the period of {@code inYear}: {@code 2025}, or {@code Jan–Aug 2026}. */
    public String label(int inYear) {
        return wholeYear() ? Integer.toString(inYear)
                : "Jan–" + Month.of(lastMonth).getDisplayName(TextStyle.SHORT, Locale.US) + " " + inYear;
    }

    /** The report's title. */
    public String title() {
        return wholeYear() ? "Blue Button Pledge Program — Annual Report " + year
                : "Blue Button Pledge Program — Report " + year + " year to date, through "
                        + lastDay(year).format(DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.US));
    }

    /** The documents' file name without extension: {@code annual-report-2025} or {@code report-2026-through-2026-08-31}. */
    public String fileName() {
        return wholeYear() ? "annual-report-" + year : "report-" + year + "-through-" + lastDay(year);
    }
}
