package org.bluebutton.analytics.localrun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.bluebutton.analytics.simulator.program.OrganizationType;
import org.bluebutton.analytics.simulator.truth.ActivityCounts;
import org.bluebutton.analytics.simulator.truth.DataQualityTruth;
import org.bluebutton.analytics.simulator.truth.Granularity;
import org.bluebutton.analytics.simulator.truth.GroundTruth;
import org.bluebutton.analytics.simulator.truth.OrgMonthTruth;
import org.bluebutton.analytics.simulator.truth.OrgYearTruth;
import org.bluebutton.analytics.simulator.truth.OrganizationTruth;
import org.bluebutton.analytics.simulator.truth.PledgeCountTruth;
import org.bluebutton.analytics.simulator.truth.RollupDimension;
import org.bluebutton.analytics.simulator.truth.RollupTruth;

/**
 * Compares what the query API answers with the simulator's ground truth, figure by figure: program,
 * category and state roll-ups for every simulated year and month, every organization's years and
 * months, pledge counts per year, and late and duplicate events. Returns the differences, each
 * naming the figure; none means the pipeline reported exactly the truth.
 */
public final class TruthComparison {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String queryUrl;
    private final String staffKey;

    /**
     * @param queryUrl base URL of the query API
     * @param staffKey the staff key (sent as a bearer token; never printed)
     */
    public TruthComparison(String queryUrl, String staffKey) {
        this.queryUrl = queryUrl;
        this.staffKey = staffKey;
    }

    /** Whether the program-wide figures of every simulated year equal the truth: a cheap sign that streams has caught up. */
    public boolean programYearsMatch(GroundTruth truth) {
        List<String> differences = new ArrayList<>();
        for (int year = truth.simulation().startYear(); year <= truth.simulation().lastMonth().getYear(); year++) {
            compareProgramYear(truth, year, get("/v1/program/summary?year=" + year), differences);
        }
        return differences.isEmpty();
    }

    /** Every difference between the query API and the truth. */
    public List<String> differences(GroundTruth truth) {
        List<String> differences = new ArrayList<>();
        int first = truth.simulation().startYear();
        int last = truth.simulation().lastMonth().getYear();
        for (int year = first; year <= last; year++) {
            compareProgramYear(truth, year, get("/v1/program/summary?year=" + year), differences);
            for (RollupDimension dimension : List.of(RollupDimension.CATEGORY, RollupDimension.STATE)) {
                compareGroups(truth, dimension, year, null, differences);
                for (int month = 1; month <= 12; month++) {
                    compareGroups(truth, dimension, year, month, differences);
                }
            }
            compareQuality(truth, year, differences);
        }
        for (OrganizationTruth organization : truth.organizations()) {
            compareOrganization(truth, organization.orgId(), first, last, differences);
        }
        comparePledgeCounts(truth, first, last, differences);
        return differences;
    }

    private void compareProgramYear(GroundTruth truth, int year, JsonNode summary, List<String> differences) {
        RollupTruth expected = truth.rollup(RollupDimension.PROGRAM, "ALL", Granularity.YEAR, year, null).orElse(null);
        compareGroup("program " + year, expected, summary.path("activity"), summary.path("patientsWithAccess").asLong(),
                summary.path("organizationsReporting").asInt(), summary.path("organizationsWithAccessFigures").asInt(), differences);
        for (JsonNode month : summary.path("months")) {
            int m = month.path("month").asInt();
            compareGroup("program " + year + "-" + m, truth.rollup(RollupDimension.PROGRAM, "ALL", Granularity.MONTH, year, m).orElse(null),
                    month.path("activity"), month.path("patientsWithAccess").asLong(), month.path("organizationsReporting").asInt(),
                    month.path("organizationsWithAccessFigures").asInt(), differences);
        }
    }

    private void compareGroups(GroundTruth truth, RollupDimension dimension, int year, Integer month, List<String> differences) {
        Granularity granularity = month == null ? Granularity.YEAR : Granularity.MONTH;
        JsonNode breakdown = get("/v1/breakdowns/" + dimension.name().toLowerCase() + "?year=" + year + (month == null ? "" : "&month=" + month));
        Map<String, JsonNode> answered = new HashMap<>();
        breakdown.path("groups").forEach(group -> answered.put(group.path("group").asText(), group));
        for (RollupTruth expected : truth.rollups()) {
            if (expected.dimension() == dimension && expected.granularity() == granularity && expected.year() == year
                    && Objects.equals(expected.month(), month)) {
                JsonNode group = answered.remove(expected.dimensionValue());
                String what = dimension + " " + expected.dimensionValue() + " " + year + (month == null ? "" : "-" + month);
                if (group == null) {
                    differences.add(what + ": missing from the query API");
                } else {
                    compareGroup(what, expected, group.path("activity"), group.path("patientsWithAccess").asLong(),
                            group.path("organizationsReporting").asInt(), group.path("organizationsWithAccessFigures").asInt(), differences);
                }
            }
        }
        answered.keySet().forEach(group -> differences.add(dimension + " " + group + " " + year + (month == null ? "" : "-" + month)
                + ": answered by the query API, absent from the truth"));
    }

    private static void compareGroup(String what, RollupTruth expected, JsonNode activity, long patients, int reporting, int withAccess,
            List<String> differences) {
        ActivityCounts expectedActivity = expected == null ? ActivityCounts.NONE : expected.activity();
        compareActivity(what, expectedActivity, activity, differences);
        compare(what + " patientsWithAccess", expected == null ? 0 : expected.patientsWithAccess(), patients, differences);
        compare(what + " organizationsReporting", expected == null ? 0 : expected.organizationsReporting(), reporting, differences);
        compare(what + " organizationsWithAccessFigures", expected == null ? 0 : expected.organizationsWithAccessFigures(), withAccess, differences);
    }

    private void compareOrganization(GroundTruth truth, String orgId, int first, int last, List<String> differences) {
        JsonNode metrics = get("/v1/organizations/" + orgId + "/metrics?from=" + first + "&to=" + last);
        Map<Integer, JsonNode> years = new HashMap<>();
        metrics.path("years").forEach(year -> years.put(year.path("year").asInt(), year));
        for (OrgYearTruth expected : truth.organizationYears()) {
            if (!expected.orgId().equals(orgId)) {
                continue;
            }
            JsonNode year = years.remove(expected.year());
            String what = orgId + " " + expected.year();
            if (year == null) {
                differences.add(what + ": missing from the query API");
                continue;
            }
            compareActivity(what, expected.activity(), year.path("activity"), differences);
            compare(what + " patientsWithAccess", expected.access() == null ? -1 : expected.access().patientsWithAccess(),
                    year.path("access").isMissingNode() ? -1 : year.path("access").path("patientsWithAccess").asLong(), differences);
            compare(what + " monthsWithActivity", expected.monthsWithActivity(), year.path("monthsWithActivity").asInt(), differences);
            compare(what + " monthsWithSnapshot", expected.monthsWithSnapshot(), year.path("monthsWithSnapshot").asInt(), differences);
            Map<Integer, JsonNode> months = new HashMap<>();
            year.path("months").forEach(month -> months.put(month.path("month").asInt(), month));
            for (int m = 1; m <= 12; m++) {
                OrgMonthTruth expectedMonth = truth.orgMonth(orgId, expected.year(), m).orElse(null);
                JsonNode month = months.get(m);
                if (expectedMonth == null || month == null) {
                    if (expectedMonth != null || month != null) {
                        differences.add(what + "-" + m + ": " + (month == null ? "missing from the query API" : "absent from the truth"));
                    }
                    continue;
                }
                compareActivity(what + "-" + m, expectedMonth.activity(), month.path("activity"), differences);
                compare(what + "-" + m + " patientsWithAccess", expectedMonth.access() == null ? -1 : expectedMonth.access().patientsWithAccess(),
                        month.path("access").isMissingNode() ? -1 : month.path("access").path("patientsWithAccess").asLong(), differences);
            }
        }
        years.keySet().forEach(year -> differences.add(orgId + " " + year + ": answered by the query API, absent from the truth"));
    }

    private void comparePledgeCounts(GroundTruth truth, int first, int last, List<String> differences) {
        JsonNode rows = get("/v1/pledge-counts?granularity=year&from=" + first + "&to=" + last);
        Map<String, JsonNode> answered = new HashMap<>();
        rows.forEach(row -> answered.put(row.path("organizationType").asText() + " " + row.path("year").asInt(), row));
        for (int year = first; year <= last; year++) {
            for (OrganizationType type : OrganizationType.values()) {
                PledgeCountTruth expected = truth.pledgeCounts(Granularity.YEAR, year, null, type);
                JsonNode row = answered.get(type.name() + " " + year);
                String what = "pledges " + type + " " + year;
                compare(what + " new", expected.newPledges(), row == null ? 0 : row.path("newPledges").asInt(), differences);
                compare(what + " withdrawals", expected.withdrawals(), row == null ? 0 : row.path("withdrawals").asInt(), differences);
                compare(what + " activeAtEnd", expected.activeAtEnd(), row == null ? 0 : row.path("activeAtEnd").asInt(), differences);
            }
        }
    }

    private void compareQuality(GroundTruth truth, int year, List<String> differences) {
        JsonNode quality = get("/v1/data-quality?year=" + year);
        Map<String, JsonNode> answered = new HashMap<>();
        quality.path("months").forEach(month -> answered.put(month.path("sourceTopic").asText() + " " + month.path("month").asInt(), month));
        for (DataQualityTruth expected : truth.dataQuality()) {
            if (expected.year() != year) {
                continue;
            }
            JsonNode month = answered.get(expected.sourceTopic() + " " + expected.month());
            String what = "data quality " + expected.sourceTopic() + " " + year + "-" + expected.month();
            compare(what + " lateEvents", expected.lateEvents(), month == null ? 0 : month.path("lateEvents").asLong(), differences);
            compare(what + " lateCount", expected.lateCount(), month == null ? 0 : month.path("lateCount").asLong(), differences);
            compare(what + " duplicateEvents", expected.duplicateEvents(), month == null ? 0 : month.path("duplicateEvents").asLong(), differences);
        }
    }

    private static void compareActivity(String what, ActivityCounts expected, JsonNode activity, List<String> differences) {
        compare(what + " views", expected.views(), activity.path("views").asLong(), differences);
        compare(what + " downloads", expected.downloads(), activity.path("downloads").asLong(), differences);
        compare(what + " transmits", expected.transmits(), activity.path("transmits").asLong(), differences);
        compare(what + " apiAccesses", expected.apiAccesses(), activity.path("apiAccesses").asLong(), differences);
        compare(what + " events", expected.events(), activity.path("events").asLong(), differences);
    }

    private static void compare(String what, long expected, long answered, List<String> differences) {
        if (expected != answered) {
            differences.add(what + ": truth " + expected + ", query API " + answered);
        }
    }

    private JsonNode get(String path) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(queryUrl + path)).timeout(Duration.ofSeconds(30))
                    .header("Authorization", "Bearer " + staffKey).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new QueryAnswerException(path, response.statusCode(), response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new QueryAnswerException(path, -1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QueryAnswerException(path, -1, "interrupted");
        }
    }
}
