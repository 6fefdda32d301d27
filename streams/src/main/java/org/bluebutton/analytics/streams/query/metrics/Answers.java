package org.bluebutton.analytics.streams.query.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.bluebutton.analytics.schemas.aggregate.AccessFigures;
import org.bluebutton.analytics.schemas.aggregate.ActivityCounts;
import org.bluebutton.analytics.schemas.aggregate.DataQualityMetrics;
import org.bluebutton.analytics.schemas.aggregate.PledgeCounts;
import org.bluebutton.analytics.schemas.aggregate.RollupMetrics;
import org.bluebutton.analytics.schemas.event.Commitment;
import org.bluebutton.analytics.schemas.event.Pledge;

/** The JSON bodies the query API answers with. */
public final class Answers {

    private Answers() {
    }

    /** Activity per channel and the number of distinct events behind it. */
    @Serdeable
    public record Activity(long views, long downloads, long transmits, long apiAccesses, long events) {
        static Activity of(ActivityCounts counts) {
            return new Activity(counts.getViews(), counts.getDownloads(), counts.getTransmits(), counts.getApiAccesses(), counts.getEvents());
        }

        static Activity none() {
            return new Activity(0, 0, 0, 0, 0);
        }

        Activity plus(Activity other) {
            return new Activity(views + other.views, downloads + other.downloads, transmits + other.transmits,
                    apiAccesses + other.apiAccesses, events + other.events);
        }
    }

    /** The standing access snapshot of a period. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Access(LocalDate asOf, long patientsWithAccess, Long patientsOffered, Long patientsRegistered) {
        static Access of(AccessFigures figures) {
            return figures == null ? null
                    : new Access(figures.getAsOf(), figures.getPatientsWithAccess(), figures.getPatientsOffered(), figures.getPatientsRegistered());
        }
    }

    /** A group's figures (program, a category or a state) in a month or a year. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GroupFigures(String group, int year, Integer month, Activity activity, long patientsWithAccess,
            int organizationsReporting, int organizationsWithAccessFigures) {
        static GroupFigures of(RollupMetrics sums) {
            return new GroupFigures(sums.getDimensionValue(), sums.getYear(), sums.getMonth(), Activity.of(sums.getActivity()),
                    sums.getPatientsWithAccess(), sums.getOrganizationsReporting(), sums.getOrganizationsWithAccessFigures());
        }

        static GroupFigures none(String group, int year, Integer month) {
            return new GroupFigures(group, year, month, Activity.none(), 0, 0, 0);
        }
    }

    /** Pledged organizations of one type in a period. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PledgeFigures(String granularity, int year, Integer month, String organizationType, int newPledges, int withdrawals,
            int activeAtEnd) {
        static PledgeFigures of(PledgeCounts counts) {
            return new PledgeFigures(counts.getGranularity().name(), counts.getYear(), counts.getMonth(), counts.getOrganizationType().name(),
                    counts.getNewPledges(), counts.getWithdrawals(), counts.getActiveAtEnd());
        }
    }

    /**
     * The program in a year (with its months) or over a range of months. For a year, patients with
     * access is the sum over organizations of their latest snapshot in the year; for a month range
     * it is given per month only, since a gauge cannot be summed over months.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProgramSummary(String from, String to, Activity activity, Long patientsWithAccess, Integer organizationsReporting,
            Integer organizationsWithAccessFigures, List<PledgeFigures> pledges, List<GroupFigures> months) {
    }

    /** An organization's current pledge profile. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Organization(String orgId, String name, String organizationType, String category, String state, String city,
            String postalCode, String website, List<String> commitments, String status, Instant pledgedAt, Instant updatedAt) {
        static Organization of(Pledge pledge) {
            return new Organization(pledge.getOrgId(), pledge.getName(), pledge.getOrganizationType().name(), pledge.getCategory().name(),
                    pledge.getState(), pledge.getCity(), pledge.getPostalCode(), pledge.getWebsite(),
                    pledge.getCommitments().stream().map(Commitment::name).toList(), pledge.getStatus().name(), pledge.getPledgedAt(),
                    pledge.getUpdatedAt());
        }
    }

    /** One page of a sorted list. */
    @Serdeable
    public record Page<T>(List<T> items, int page, int size, int total) {
    }

    /** An organization's month. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrganizationMonth(int month, Activity activity, Access access) {
    }

    /** An organization's year and the months of it that have figures. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrganizationYear(int year, Activity activity, Access access, int monthsWithActivity, int monthsWithSnapshot,
            List<OrganizationMonth> months) {
    }

    /** An organization's profile and its figures by year and month. */
    @Serdeable
    public record OrganizationMetrics(Organization organization, List<OrganizationYear> years) {
    }

    /** A breakdown of a period's figures by category or state. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Breakdown(String dimension, int year, Integer month, List<GroupFigures> groups) {
    }

    /** What was set aside from one input topic in a month (or a year, for totals). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record QualityFigures(String sourceTopic, Integer month, long lateEvents, long lateCount, long duplicateEvents, long deadLetters) {
        static QualityFigures of(DataQualityMetrics metrics) {
            return new QualityFigures(metrics.getSourceTopic(), metrics.getMonth(), metrics.getLateEvents(), metrics.getLateCount(),
                    metrics.getDuplicateEvents(), metrics.getDeadLetters());
        }
    }

    /** An organization named in a list. */
    @Serdeable
    public record OrganizationRef(String orgId, String name, String category, String state) {
    }

    /** A year's data quality: what was set aside, and the active data holders that sent nothing for the year. */
    @Serdeable
    public record DataQuality(int year, List<QualityFigures> months, List<QualityFigures> totals, List<OrganizationRef> dataHoldersNotReporting) {
    }
}
