package org.bluebutton.analytics.streams.query.http;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import org.bluebutton.analytics.streams.query.InvalidQueryException;

/** Parsing and bounds of query parameters, each failure naming its parameter. */
final class QueryParameters {

    static final int FIRST_YEAR = 2010;
    static final int LAST_YEAR = 2100;
    static final int MAX_PAGE_SIZE = 500;
    static final int MAX_MONTHS = 240;
    static final int MAX_TEXT = 100;

    private QueryParameters() {
    }

    static int year(String name, String value) {
        int year = integer(name, value);
        if (year < FIRST_YEAR || year > LAST_YEAR) {
            throw new InvalidQueryException(name, "a year from " + FIRST_YEAR + " to " + LAST_YEAR + ", got " + year);
        }
        return year;
    }

    static Integer optionalMonth(String name, String value) {
        if (value == null) {
            return null;
        }
        int month = integer(name, value);
        if (month < 1 || month > 12) {
            throw new InvalidQueryException(name, "a month from 1 to 12, got " + month);
        }
        return month;
    }

    static YearMonth yearMonth(String name, String value) {
        try {
            YearMonth month = YearMonth.parse(value);
            year(name, Integer.toString(month.getYear()));
            return month;
        } catch (DateTimeParseException e) {
            throw new InvalidQueryException(name, "a month as yyyy-MM, got '" + value + "'");
        }
    }

    static int bounded(String name, String value, int defaultValue, int min, int max) {
        if (value == null) {
            return defaultValue;
        }
        int number = integer(name, value);
        if (number < min || number > max) {
            throw new InvalidQueryException(name, "from " + min + " to " + max + ", got " + number);
        }
        return number;
    }

    static <E extends Enum<E>> E optionalEnum(String name, String value, Class<E> type) {
        if (value == null) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(name, "one of " + Arrays.toString(type.getEnumConstants()) + ", got '" + value + "'");
        }
    }

    static String optionalState(String name, String value) {
        if (value == null) {
            return null;
        }
        if (!value.matches("[A-Za-z]{2}")) {
            throw new InvalidQueryException(name, "a two-letter USPS code, got '" + value + "'");
        }
        return value.toUpperCase(Locale.ROOT);
    }

    /** Free text to search for, trimmed and lower-cased; null when absent or blank. */
    static String optionalText(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > MAX_TEXT) {
            throw new InvalidQueryException(name, "at most " + MAX_TEXT + " characters");
        }
        return value.strip().toLowerCase(Locale.ROOT);
    }

    /** An organization id as ingest accepts it. */
    static String orgId(String name, String value) {
        if (value == null || !value.matches("[a-z0-9][a-z0-9-]{0,63}")) {
            throw new InvalidQueryException(name, "lower-case letters, digits and dashes, at most 64");
        }
        return value;
    }

    private static int integer(String name, String value) {
        if (value == null) {
            throw new InvalidQueryException(name, "required");
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new InvalidQueryException(name, "a whole number, got '" + value + "'");
        }
    }
}
