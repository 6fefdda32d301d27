package org.bluebutton.analytics.simulator.truth;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.bluebutton.analytics.simulator.config.SimulationConfig;
import org.bluebutton.analytics.simulator.program.EngagementType;
import org.bluebutton.analytics.simulator.program.OrganizationType;

/**
 * The figures the pipeline must report for a simulation, from exactly what ingest acknowledged.
 * Lists are sorted by their keys and JSON properties alphabetically, so equal truths serialize to
 * identical JSON. Periods without any figure are left out (a lookup answers empty), except pledge
 * counts, which are listed for every month and year from the first simulated month to the last
 * withdrawal and can be computed for any period with {@link #pledgeCounts}.
 *
 * @param simulation    the configuration simulated
 * @param totals        headline numbers
 * @param organizations every organization created, as its profile stands at the end
 * @param organizationMonths    per organization and month with counted activity or a snapshot
 * @param organizationYears     per organization and year with counted activity or a snapshot
 * @param rollups       program, category and state roll-ups per month and year, over active organizations
 * @param pledgeCounts  pledge counts per type, month and year
 * @param engagement    per organization, year and engagement type
 * @param dataQuality   late and duplicate events per input topic and month (event time)
 * @param malformedRequests malformed requests refused, per kind
 */
public record GroundTruth(SimulationConfig simulation, Totals totals, List<OrganizationTruth> organizations,
        List<OrgMonthTruth> organizationMonths, List<OrgYearTruth> organizationYears, List<RollupTruth> rollups,
        List<PledgeCountTruth> pledgeCounts, List<EngagementTruth> engagement, List<DataQualityTruth> dataQuality,
        List<MalformedTruth> malformedRequests) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .build();

    public GroundTruth {
        organizations = List.copyOf(organizations);
        organizationMonths = List.copyOf(organizationMonths);
        organizationYears = List.copyOf(organizationYears);
        rollups = List.copyOf(rollups);
        pledgeCounts = List.copyOf(pledgeCounts);
        engagement = List.copyOf(engagement);
        dataQuality = List.copyOf(dataQuality);
        malformedRequests = List.copyOf(malformedRequests);
    }

    /** The organization {@code orgId} as it stands at the end. */
    public Optional<OrganizationTruth> organization(String orgId) {
        return organizations.stream().filter(o -> o.orgId().equals(orgId)).findFirst();
    }

    /** One organization's month, if it had counted activity or a snapshot. */
    public Optional<OrgMonthTruth> orgMonth(String orgId, int year, int month) {
        return organizationMonths.stream().filter(m -> m.orgId().equals(orgId) && m.year() == year && m.month() == month).findFirst();
    }

    /** One organization's year, if it had counted activity or a snapshot. */
    public Optional<OrgYearTruth> orgYear(String orgId, int year) {
        return organizationYears.stream().filter(y -> y.orgId().equals(orgId) && y.year() == year).findFirst();
    }

    /** A roll-up; {@code month} null for a year. Empty when no active organization of the group reported. */
    public Optional<RollupTruth> rollup(RollupDimension dimension, String value, Granularity granularity, int year, Integer month) {
        return rollups.stream().filter(r -> r.dimension() == dimension && r.dimensionValue().equals(value)
                && r.granularity() == granularity && r.year() == year && Objects.equals(r.month(), month)).findFirst();
    }

    /** Engagement of one organization, year and type, if any. */
    public Optional<EngagementTruth> engagement(String orgId, int year, EngagementType type) {
        return engagement.stream().filter(e -> e.orgId().equals(orgId) && e.year() == year && e.engagementType() == type).findFirst();
    }

    /** Data quality of one input topic and month, if anything was set aside. */
    public Optional<DataQualityTruth> dataQuality(String sourceTopic, int year, int month) {
        return dataQuality.stream().filter(d -> d.sourceTopic().equals(sourceTopic) && d.year() == year && d.month() == month).findFirst();
    }

    /**
     * Pledge counts of {@code type} in any period ({@code month} null for a year), computed from the
     * organizations' pledge and withdrawal times.
     */
    public PledgeCountTruth pledgeCounts(Granularity granularity, int year, Integer month, OrganizationType type) {
        return pledgeCounts(organizations, granularity, year, month, type);
    }

    /** Pledge counts of {@code type} among {@code organizations} in a period ({@code month} null for a year). */
    static PledgeCountTruth pledgeCounts(List<OrganizationTruth> organizations, Granularity granularity, int year, Integer month,
            OrganizationType type) {
        YearMonth first = granularity == Granularity.YEAR ? YearMonth.of(year, 1) : YearMonth.of(year, month);
        YearMonth last = granularity == Granularity.YEAR ? YearMonth.of(year, 12) : first;
        Instant start = first.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = last.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        int pledged = 0;
        int withdrawn = 0;
        int active = 0;
        for (OrganizationTruth organization : organizations) {
            if (organization.organizationType() != type) {
                continue;
            }
            Instant pledgedAt = organization.pledgedAt();
            Instant withdrawnAt = organization.withdrawnAt();
            if (!pledgedAt.isBefore(start) && pledgedAt.isBefore(end)) {
                pledged++;
            }
            if (withdrawnAt != null && !withdrawnAt.isBefore(start) && withdrawnAt.isBefore(end)) {
                withdrawn++;
            }
            if (pledgedAt.isBefore(end) && (withdrawnAt == null || !withdrawnAt.isBefore(end))) {
                active++;
            }
        }
        return new PledgeCountTruth(granularity, year, granularity == Granularity.YEAR ? null : month, type, pledged, withdrawn, active);
    }

    /** The truth as JSON (stable: equal truths give identical text). */
    public String toJson() {
        try {
            return JSON.writeValueAsString(this) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Ground truth not serializable", e);
        }
    }

    /** Writes {@link #toJson()} to {@code file} (UTF-8), creating its directory. */
    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toJson(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the ground truth to " + file, e);
        }
    }

    /** Reads a truth written by {@link #toJson()}. */
    public static GroundTruth fromJson(String json) {
        try {
            return JSON.readValue(json, GroundTruth.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a ground-truth JSON document: " + e.getOriginalMessage(), e);
        }
    }

    /** Reads a truth from {@code file}. */
    public static GroundTruth read(Path file) {
        try {
            return fromJson(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the ground truth from " + file, e);
        }
    }
}
