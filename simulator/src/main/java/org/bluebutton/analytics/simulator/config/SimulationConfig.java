package org.bluebutton.analytics.simulator.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * What the simulation simulates. Everything in the plan, and so in the ground truth, follows from
 * these values; the same values give the same plan.
 *
 * @param organizations number of pledging organizations (the real program had about 600)
 * @param years         simulated calendar years
 * @param startYear     first simulated year; the last one must be complete before today (ingest takes
 *                      no future event times and monthly CSV only for completed months)
 * @param seed          seed of every random choice
 * @param scale         multiplies the volume of download activity (1.0: about 150,000 events for 600
 *                      organizations over 3 years)
 * @param runTag        prefix of every organization id (lower-case letters, digits, dashes, may be
 *                      empty), so that several simulations can share one ingest and one set of topics
 * @param grace         the streams application's grace period (a month closes this long after its end);
 *                      the ground truth classifies late events with it, so it must match streams
 */
public record SimulationConfig(int organizations, int years, int startYear, long seed, double scale, String runTag,
        Duration grace) {

    public static final int DEFAULT_ORGANIZATIONS = 600;
    public static final int DEFAULT_YEARS = 3;
    public static final long DEFAULT_SEED = 20_130_405L;
    public static final Duration DEFAULT_GRACE = Duration.ofDays(35);
    /** ingest refuses event times before this year. */
    public static final int EARLIEST_YEAR = 2010;
    public static final int MAX_ORGANIZATIONS = 20_000;
    public static final int MAX_YEARS = 15;
    public static final double MAX_SCALE = 100.0;
    private static final Pattern RUN_TAG = Pattern.compile("([a-z0-9][a-z0-9-]{0,14})?");

    public SimulationConfig {
        if (organizations < 1 || organizations > MAX_ORGANIZATIONS) {
            throw new InvalidSimulationConfigException("organizations must be 1 to " + MAX_ORGANIZATIONS + ", got " + organizations);
        }
        if (years < 1 || years > MAX_YEARS) {
            throw new InvalidSimulationConfigException("years must be 1 to " + MAX_YEARS + ", got " + years);
        }
        if (startYear < EARLIEST_YEAR) {
            throw new InvalidSimulationConfigException("startYear must be " + EARLIEST_YEAR + " or later (ingest refuses older event times), got " + startYear);
        }
        if (!(scale > 0 && scale <= MAX_SCALE)) {
            throw new InvalidSimulationConfigException("scale must be above 0 and at most " + MAX_SCALE + ", got " + scale);
        }
        if (runTag == null || !RUN_TAG.matcher(runTag).matches()) {
            throw new InvalidSimulationConfigException("runTag must be empty or up to 15 lower-case letters, digits and dashes starting with a letter or digit, got '" + runTag + "'");
        }
        if (grace == null || grace.isNegative()) {
            throw new InvalidSimulationConfigException("grace must be zero or positive, got " + grace);
        }
    }

    /**
     * The defaults: {@value #DEFAULT_ORGANIZATIONS} organizations over {@value #DEFAULT_YEARS} years
     * ending with the last full calendar year before {@code clock}'s today (UTC).
     */
    public static SimulationConfig defaults(Clock clock) {
        int lastFullYear = Year.now(clock.withZone(ZoneOffset.UTC)).getValue() - 1;
        return new SimulationConfig(DEFAULT_ORGANIZATIONS, DEFAULT_YEARS, lastFullYear - DEFAULT_YEARS + 1, DEFAULT_SEED,
                1.0, "", DEFAULT_GRACE);
    }

    /** The first simulated month (January of {@link #startYear}). */
    public YearMonth firstMonth() {
        return YearMonth.of(startYear, 1);
    }

    /** The last simulated month (December of the last year). */
    public YearMonth lastMonth() {
        return YearMonth.of(startYear + years - 1, 12);
    }

    /** Number of simulated months. */
    public int months() {
        return years * 12;
    }

    /**
     * Checks what depends on today: every simulated month must be complete before {@code clock}'s
     * current month (UTC), or ingest would refuse events and CSV rows of the later months.
     */
    public SimulationConfig requireCompletedBefore(Clock clock) {
        YearMonth current = YearMonth.now(clock.withZone(ZoneOffset.UTC));
        if (!lastMonth().isBefore(current)) {
            throw new InvalidSimulationConfigException("the simulated years " + startYear + "-" + lastMonth().getYear()
                    + " must end before the current month " + current + "; choose an earlier startYear or fewer years");
        }
        return this;
    }

    /** A copy with another number of organizations. */
    public SimulationConfig withOrganizations(int value) {
        return new SimulationConfig(value, years, startYear, seed, scale, runTag, grace);
    }

    /** A copy with another number of years and first year. */
    public SimulationConfig withYears(int value, int firstYear) {
        return new SimulationConfig(organizations, value, firstYear, seed, scale, runTag, grace);
    }

    /** A copy with another seed. */
    public SimulationConfig withSeed(long value) {
        return new SimulationConfig(organizations, years, startYear, value, scale, runTag, grace);
    }

    /** A copy with another volume scale. */
    public SimulationConfig withScale(double value) {
        return new SimulationConfig(organizations, years, startYear, seed, value, runTag, grace);
    }

    /** A copy with another organization-id prefix. */
    public SimulationConfig withRunTag(String value) {
        return new SimulationConfig(organizations, years, startYear, seed, scale, value, grace);
    }
}
