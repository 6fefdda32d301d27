package org.bluebutton.analytics.streams.query.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.math.BigDecimal;
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
import org.bluebutton.analytics.streams.query.hub.HubAnswers;

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

    /**
     * Activity per patient with access in a period: downloads (the download rate), views, transmits and
     * API accesses, each divided by the period's patients with access, rounded half-even to six decimals.
     * Absent (null) when the period has no patients with access (no snapshot, or 0 patients): never a
     * division by zero, never a rate made up.
     */
    @Serdeable
    public record Rates(BigDecimal downloadRate, BigDecimal viewsPerPatient, BigDecimal transmitsPerPatient, BigDecimal apiAccessesPerPatient) {
        static Rates of(Activity activity, Long patientsWithAccess) {
            if (patientsWithAccess == null || patientsWithAccess <= 0) {
                return null;
            }
            return new Rates(Ratios.perPatient(activity.downloads(), patientsWithAccess), Ratios.perPatient(activity.views(), patientsWithAccess),
                    Ratios.perPatient(activity.transmits(), patientsWithAccess), Ratios.perPatient(activity.apiAccesses(), patientsWithAccess));
        }
    }

    /**
     * One figure now and a year earlier: the difference and the change in percent of the earlier figure
     * (two decimals, half-even). A side without the figure (no rate, no snapshot) leaves difference and
     * percentage out; so does an earlier figure of 0 for the percentage.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Change(@Nullable BigDecimal previous, @Nullable BigDecimal current, @Nullable BigDecimal change, @Nullable BigDecimal percentChange) {
        static Change of(BigDecimal previous, BigDecimal current) {
            return new Change(previous, current, Ratios.difference(previous, current), Ratios.percentChange(previous, current));
        }
    }

    /**
     * A period against the same period a year earlier (a year against the year before, a month against the
     * same month of the year before): activity, patients with access and the rates.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record YearOverYear(int previousYear, @Nullable Integer previousMonth, Change views, Change downloads, Change transmits, Change apiAccesses,
            Change patientsWithAccess, Change downloadRate, Change viewsPerPatient, Change transmitsPerPatient, Change apiAccessesPerPatient) {

        /** {@code previous} and {@code current}: activity and patients with access (null: no figure) of the two periods. */
        static YearOverYear between(int previousYear, Integer previousMonth, Activity previous, Long previousPatients, Activity current,
                Long currentPatients) {
            Rates before = Rates.of(previous, previousPatients);
            Rates now = Rates.of(current, currentPatients);
            return new YearOverYear(previousYear, previousMonth,
                    counts(previous.views(), current.views()), counts(previous.downloads(), current.downloads()),
                    counts(previous.transmits(), current.transmits()), counts(previous.apiAccesses(), current.apiAccesses()),
                    Change.of(Ratios.of(previousPatients), Ratios.of(currentPatients)),
                    Change.of(before == null ? null : before.downloadRate(), now == null ? null : now.downloadRate()),
                    Change.of(before == null ? null : before.viewsPerPatient(), now == null ? null : now.viewsPerPatient()),
                    Change.of(before == null ? null : before.transmitsPerPatient(), now == null ? null : now.transmitsPerPatient()),
                    Change.of(before == null ? null : before.apiAccessesPerPatient(), now == null ? null : now.apiAccessesPerPatient()));
        }

        private static Change counts(long previous, long current) {
            return Change.of(BigDecimal.valueOf(previous), BigDecimal.valueOf(current));
        }
    }

    /**
     * A group's figures (program, a category or a state) in a month or a year, its rates (absent without
     * patients with access) and, where asked for, the change from the same period a year earlier.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record GroupFigures(String group, int year, Integer month, Activity activity, long patientsWithAccess,
            int organizationsReporting, int organizationsWithAccessFigures, @Nullable Rates rates, @Nullable YearOverYear yearOverYear) {
        static GroupFigures of(RollupMetrics sums) {
            Activity activity = Activity.of(sums.getActivity());
            return new GroupFigures(sums.getDimensionValue(), sums.getYear(), sums.getMonth(), activity,
                    sums.getPatientsWithAccess(), sums.getOrganizationsReporting(), sums.getOrganizationsWithAccessFigures(),
                    Rates.of(activity, patientsOf(sums.getOrganizationsWithAccessFigures(), sums.getPatientsWithAccess())), null);
        }

        static GroupFigures none(String group, int year, Integer month) {
            return new GroupFigures(group, year, month, Activity.none(), 0, 0, 0, null, null);
        }

        /** Patients with access as a figure: none when no organization of the group sent a snapshot. */
        public Long patients() {
            return patientsOf(organizationsWithAccessFigures, patientsWithAccess);
        }

        /** These figures with the change from {@code previous}, the same group's figures a year earlier. */
        GroupFigures since(GroupFigures previous) {
            return new GroupFigures(group, year, month, activity, patientsWithAccess, organizationsReporting, organizationsWithAccessFigures, rates,
                    YearOverYear.between(previous.year(), previous.month(), previous.activity(), previous.patients(), activity, patients()));
        }

        private static Long patientsOf(int organizationsWithAccessFigures, long patientsWithAccess) {
            return organizationsWithAccessFigures == 0 ? null : patientsWithAccess;
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
            Integer organizationsWithAccessFigures, List<PledgeFigures> pledges, List<GroupFigures> months, @Nullable Rates rates,
            @Nullable YearOverYear yearOverYear) {
    }

    /** The years the program has figures for (activity or snapshots), oldest first, and the latest of them (null: none yet). */
    @Serdeable
    public record ProgramYears(List<Integer> years, @Nullable Integer latest) {
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

    /** An organization's month, its rates (absent without a snapshot of patients) and the change from the same month a year earlier. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrganizationMonth(int month, Activity activity, @Nullable Access access, @Nullable Rates rates, @Nullable YearOverYear yearOverYear) {
    }

    /**
     * An organization's year and the months of it that have figures, its rates (absent without a
     * snapshot of patients) and the change from the year before.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OrganizationYear(int year, Activity activity, Access access, int monthsWithActivity, int monthsWithSnapshot,
            List<OrganizationMonth> months, @Nullable Rates rates, @Nullable YearOverYear yearOverYear) {
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

    /** What was set aside from one organization's records in a year: per input topic and month, and per topic for the year. */
    @Serdeable
    public record OrganizationDataQuality(String orgId, int year, List<QualityFigures> months, List<QualityFigures> totals) {
    }

    /** How many active organizations of a type took one commitment of the pledge. */
    @Serdeable
    public record CommitmentCount(String organizationType, String commitment, int organizations) {
    }

    /** The commitments active organizations took, per type, and how many active organizations each type has. */
    @Serdeable
    public record Commitments(int activeDataHolders, int activeNonDataHolders, List<CommitmentCount> commitments) {
    }

    /** Who a key stands for: staff, or an organization (then its id). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Caller(String caller, @Nullable String orgId) {
    }

    /**
     * How an organization appears on the public Hub: whether it is listed (and why not), how it offers
     * Blue Button, and its latest completed year's figures as published there (counts 1 to 10 withheld).
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record HubAppearance(boolean listed, String reason, List<String> capabilities, @Nullable HubAnswers.Figures latest) {
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
