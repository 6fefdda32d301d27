package org.bluebutton.analytics.localrun;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.bluebutton.analytics.reporting.output.Manifest;
import org.bluebutton.analytics.simulator.truth.AccessFigures;
import org.bluebutton.analytics.simulator.truth.ActivityCounts;
import org.bluebutton.analytics.simulator.truth.Granularity;
import org.bluebutton.analytics.simulator.truth.GroundTruth;
import org.bluebutton.analytics.simulator.truth.OrgMonthTruth;
import org.bluebutton.analytics.simulator.truth.OrgYearTruth;
import org.bluebutton.analytics.simulator.truth.OrganizationTruth;
import org.bluebutton.analytics.simulator.truth.RollupDimension;
import org.bluebutton.analytics.simulator.truth.RollupTruth;

/**
 * Compares the annual report's Parquet datasets for one year with the simulator's ground truth: the
 * program's year and months, every category and state, and every organization's year. Returns the
 * differences, each naming the figure.
 *
 * <p>The report's group figures count an organization that had pledged by the year's end and not
 * withdrawn by then (a later withdrawal does not move a published year), while the truth's roll-ups,
 * like the live query API, count only organizations active now. So the expected group figures are
 * summed here from the truth's own organization months and years by the report's rule.
 */
public final class ReportComparison {

    private final Path reportDirectory;

    /** @param reportDirectory the report's output directory (holding {@code datasets/}) */
    public ReportComparison(Path reportDirectory) {
        this.reportDirectory = reportDirectory;
    }

    /** Every difference between the report's datasets for {@code year} and the truth. */
    public List<String> differences(GroundTruth truth, int year) {
        List<String> differences = new ArrayList<>();
        compareRollups(truth, year, RollupDimension.PROGRAM, "program_metrics", null, differences);
        compareRollups(truth, year, RollupDimension.CATEGORY, "category_metrics", "category", differences);
        compareRollups(truth, year, RollupDimension.STATE, "state_metrics", "state", differences);
        Map<String, Map<String, Object>> orgYears = new HashMap<>();
        read("org_year", year).forEach(row -> orgYears.put(row.get("org_id").toString(), row));
        for (OrgYearTruth expected : truth.organizationYears()) {
            if (expected.year() != year) {
                continue;
            }
            Map<String, Object> row = orgYears.remove(expected.orgId());
            String what = "org_year " + expected.orgId();
            if (row == null) {
                differences.add(what + ": missing from the report");
                continue;
            }
            compareActivity(what, expected.activity(), row, differences);
            compare(what + " patients_with_access", expected.access() == null ? null : expected.access().patientsWithAccess(),
                    number(row, "patients_with_access"), differences);
        }
        orgYears.keySet().forEach(orgId -> differences.add("org_year " + orgId + ": in the report, absent from the truth"));
        return differences;
    }

    private void compareRollups(GroundTruth truth, int year, RollupDimension dimension, String dataset, String groupColumn,
            List<String> differences) {
        Map<String, Map<String, Object>> rows = new HashMap<>();
        for (Map<String, Object> row : read(dataset, year)) {
            rows.put(key(groupColumn == null ? "ALL" : row.get(groupColumn).toString(), month(row)), row);
        }
        for (RollupTruth expected : publishedRollups(truth, year)) {
            if (expected.dimension() != dimension) {
                continue;
            }
            Integer month = expected.granularity() == Granularity.YEAR ? null : expected.month();
            Map<String, Object> row = rows.remove(key(expected.dimensionValue(), month));
            String what = dataset + " " + expected.dimensionValue() + (month == null ? "" : " month " + month);
            if (row == null) {
                differences.add(what + ": missing from the report");
                continue;
            }
            compareActivity(what, expected.activity(), row, differences);
            compare(what + " patients_with_access", expected.patientsWithAccess(), number(row, "patients_with_access"), differences);
            compare(what + " organizations_reporting", (long) expected.organizationsReporting(),
                    number(row, "organizations_reporting"), differences);
        }
        rows.forEach((key, row) -> {
            if (number(row, "organizations_reporting") > 0) {
                differences.add(dataset + " " + key + ": in the report, absent from the truth");
            }
        });
    }

    /** The truth's group figures of {@code year} by the report's rule: organizations pledged and not withdrawn at the year's end. */
    static List<RollupTruth> publishedRollups(GroundTruth truth, int year) {
        Instant end = LocalDate.of(year + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Map<String, OrganizationTruth> counted = new HashMap<>();
        for (OrganizationTruth organization : truth.organizations()) {
            if (organization.pledgedAt().isBefore(end) && (organization.withdrawnAt() == null || !organization.withdrawnAt().isBefore(end))) {
                counted.put(organization.orgId(), organization);
            }
        }
        Map<String, long[]> sums = new TreeMap<>();
        Map<String, RollupTruth> shapes = new TreeMap<>();
        for (OrgYearTruth orgYear : truth.organizationYears()) {
            if (orgYear.year() == year && counted.containsKey(orgYear.orgId())) {
                add(sums, shapes, counted.get(orgYear.orgId()), year, null, orgYear.activity(), orgYear.access());
            }
        }
        for (OrgMonthTruth orgMonth : truth.organizationMonths()) {
            if (orgMonth.year() == year && counted.containsKey(orgMonth.orgId())) {
                add(sums, shapes, counted.get(orgMonth.orgId()), year, orgMonth.month(), orgMonth.activity(), orgMonth.access());
            }
        }
        List<RollupTruth> rollups = new ArrayList<>();
        sums.forEach((key, s) -> {
            RollupTruth shape = shapes.get(key);
            rollups.add(new RollupTruth(shape.dimension(), shape.dimensionValue(), shape.granularity(), year, shape.month(),
                    new ActivityCounts(s[0], s[1], s[2], s[3], s[4]), s[5], (int) s[6], (int) s[7]));
        });
        return rollups;
    }

    private static void add(Map<String, long[]> sums, Map<String, RollupTruth> shapes, OrganizationTruth organization, int year, Integer month,
            ActivityCounts activity, AccessFigures access) {
        Granularity granularity = month == null ? Granularity.YEAR : Granularity.MONTH;
        for (RollupDimension dimension : List.of(RollupDimension.PROGRAM, RollupDimension.CATEGORY, RollupDimension.STATE)) {
            String value = switch (dimension) {
                case CATEGORY -> organization.category().name();
                case STATE -> organization.state();
                default -> "ALL";
            };
            String key = dimension + "|" + value + "|" + granularity + "|" + month;
            shapes.putIfAbsent(key, new RollupTruth(dimension, value, granularity, year, month, activity, 0, 0, 0));
            long[] s = sums.computeIfAbsent(key, k -> new long[8]);
            s[0] += activity.views();
            s[1] += activity.downloads();
            s[2] += activity.transmits();
            s[3] += activity.apiAccesses();
            s[4] += activity.events();
            s[6]++;
            if (access != null) {
                s[5] += access.patientsWithAccess();
                s[7]++;
            }
        }
    }

    private static Long number(Map<String, Object> row, String column) {
        Object value = row.get(column);
        return value == null ? null : ((Number) value).longValue();
    }

    private static Integer month(Map<String, Object> row) {
        Object value = row.get("month");
        return value == null ? null : ((Number) value).intValue();
    }

    private static String key(String group, Integer month) {
        return group + (month == null ? "" : " month " + month);
    }

    private static void compareActivity(String what, ActivityCounts expected, Map<String, Object> row, List<String> differences) {
        compare(what + " views", expected.views(), number(row, "views"), differences);
        compare(what + " downloads", expected.downloads(), number(row, "downloads"), differences);
        compare(what + " transmits", expected.transmits(), number(row, "transmits"), differences);
        compare(what + " api_accesses", expected.apiAccesses(), number(row, "api_accesses"), differences);
        compare(what + " events", expected.events(), number(row, "events"), differences);
    }

    private static void compare(String what, Long expected, Long reported, List<String> differences) {
        if (!Objects.equals(expected, reported)) {
            differences.add(what + ": truth " + expected + ", report " + reported);
        }
    }

    /** The rows of a dataset's year partition, read by DuckDB — a Parquet reader independent of the one that wrote them. */
    private List<Map<String, Object>> read(String dataset, int year) {
        Path file = reportDirectory.resolve(Manifest.RESTRICTED).resolve("datasets").resolve(dataset).resolve("year=" + year).resolve("part-00000.parquet");
        List<Map<String, Object>> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
             Statement sql = duckdb.createStatement();
             ResultSet result = sql.executeQuery("SELECT * FROM read_parquet('" + file.toString().replace("'", "''") + "')")) {
            ResultSetMetaData columns = result.getMetaData();
            while (result.next()) {
                Map<String, Object> row = new HashMap<>();
                for (int i = 1; i <= columns.getColumnCount(); i++) {
                    row.put(columns.getColumnName(i), result.getObject(i));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw new ReportReadException(file, e);
        }
        return rows;
    }
}
