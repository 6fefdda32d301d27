package org.bluebutton.analytics.localrun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.bluebutton.analytics.simulator.truth.ActivityCounts;
import org.bluebutton.analytics.simulator.truth.Granularity;
import org.bluebutton.analytics.simulator.truth.GroundTruth;
import org.bluebutton.analytics.simulator.truth.OrgYearTruth;
import org.bluebutton.analytics.simulator.truth.RollupDimension;
import org.bluebutton.analytics.simulator.truth.RollupTruth;

/**
 * Compares the annual report's Parquet datasets for one year with the simulator's ground truth: the
 * program's year and months, every category and state, and every organization's year. Returns the
 * differences, each naming the figure.
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
        Map<String, GenericRecord> orgYears = new HashMap<>();
        read("org_year", year).forEach(row -> orgYears.put(row.get("org_id").toString(), row));
        for (OrgYearTruth expected : truth.organizationYears()) {
            if (expected.year() != year) {
                continue;
            }
            GenericRecord row = orgYears.remove(expected.orgId());
            String what = "org_year " + expected.orgId();
            if (row == null) {
                differences.add(what + ": missing from the report");
                continue;
            }
            compareActivity(what, expected.activity(), row, differences);
            compare(what + " patients_with_access", expected.access() == null ? null : expected.access().patientsWithAccess(),
                    (Long) row.get("patients_with_access"), differences);
        }
        orgYears.keySet().forEach(orgId -> differences.add("org_year " + orgId + ": in the report, absent from the truth"));
        return differences;
    }

    private void compareRollups(GroundTruth truth, int year, RollupDimension dimension, String dataset, String groupColumn,
            List<String> differences) {
        Map<String, GenericRecord> rows = new HashMap<>();
        for (GenericRecord row : read(dataset, year)) {
            rows.put(key(groupColumn == null ? "ALL" : row.get(groupColumn).toString(), (Integer) row.get("month")), row);
        }
        for (RollupTruth expected : truth.rollups()) {
            if (expected.dimension() != dimension || expected.year() != year) {
                continue;
            }
            Integer month = expected.granularity() == Granularity.YEAR ? null : expected.month();
            GenericRecord row = rows.remove(key(expected.dimensionValue(), month));
            String what = dataset + " " + expected.dimensionValue() + (month == null ? "" : " month " + month);
            if (row == null) {
                differences.add(what + ": missing from the report");
                continue;
            }
            compareActivity(what, expected.activity(), row, differences);
            compare(what + " patients_with_access", expected.patientsWithAccess(), (Long) row.get("patients_with_access"), differences);
            compare(what + " organizations_reporting", (long) expected.organizationsReporting(),
                    ((Integer) row.get("organizations_reporting")).longValue(), differences);
        }
        rows.forEach((key, row) -> {
            if ((Integer) row.get("organizations_reporting") > 0) {
                differences.add(dataset + " " + key + ": in the report, absent from the truth");
            }
        });
    }

    private static String key(String group, Integer month) {
        return group + (month == null ? "" : " month " + month);
    }

    private static void compareActivity(String what, ActivityCounts expected, GenericRecord row, List<String> differences) {
        compare(what + " views", expected.views(), (Long) row.get("views"), differences);
        compare(what + " downloads", expected.downloads(), (Long) row.get("downloads"), differences);
        compare(what + " transmits", expected.transmits(), (Long) row.get("transmits"), differences);
        compare(what + " api_accesses", expected.apiAccesses(), (Long) row.get("api_accesses"), differences);
        compare(what + " events", expected.events(), (Long) row.get("events"), differences);
    }

    private static void compare(String what, Long expected, Long reported, List<String> differences) {
        if (!Objects.equals(expected, reported)) {
            differences.add(what + ": truth " + expected + ", report " + reported);
        }
    }

    private List<GenericRecord> read(String dataset, int year) {
        Path file = reportDirectory.resolve("datasets").resolve(dataset).resolve("year=" + year).resolve("part-00000.parquet");
        List<GenericRecord> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        try (ParquetReader<GenericRecord> reader = AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file),
                new PlainParquetConfiguration()).build()) {
            for (GenericRecord row = reader.read(); row != null; row = reader.read()) {
                rows.add(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
        return rows;
    }
}
