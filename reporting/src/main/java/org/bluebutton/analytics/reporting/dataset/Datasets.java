package org.bluebutton.analytics.reporting.dataset;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.avro.Schema;
import org.bluebutton.analytics.reporting.model.ReportSnapshot;
import org.bluebutton.analytics.schemas.aggregate.AccessFigures;
import org.bluebutton.analytics.schemas.aggregate.ActivityCounts;
import org.bluebutton.analytics.schemas.aggregate.DataQualityMetrics;
import org.bluebutton.analytics.schemas.aggregate.EngagementMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.PledgeCounts;
import org.bluebutton.analytics.schemas.aggregate.RollupDimension;
import org.bluebutton.analytics.schemas.aggregate.RollupMetrics;
import org.bluebutton.analytics.schemas.event.EngagementActivity;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.Withdrawals;

/**
 * The datasets of a report, built from a {@link ReportSnapshot}: one Avro schema (the columns) and
 * the rows of each. The README ("Reporting", "Datasets") documents the same columns for analysts.
 */
public final class Datasets {

    public static final String ORGANIZATIONS = "organizations";
    public static final String ORG_MONTH = "org_month";
    public static final String ORG_YEAR = "org_year";
    public static final String CATEGORY_METRICS = "category_metrics";
    public static final String STATE_METRICS = "state_metrics";
    public static final String PROGRAM_METRICS = "program_metrics";
    public static final String PLEDGE_COUNTS = "pledge_counts";
    public static final String ENGAGEMENT_ACTIVITIES = "engagement_activities";
    public static final String ENGAGEMENT_METRICS = "engagement_metrics";
    public static final String DATA_QUALITY = "data_quality";

    static final Schema ORGANIZATIONS_SCHEMA = Columns.of("Organization", "Current profile and pledge status of every pledged organization at the snapshot.")
            .string("org_id", "Organization identifier.")
            .string("name", "Public name.")
            .string("organization_type", "DATA_HOLDER or NON_DATA_HOLDER.")
            .string("category", "PROVIDER, HOSPITAL, PAYER, LAB, PHARMACY, EMPLOYER, CONSUMER_ORGANIZATION, ASSOCIATION, DEVELOPER, CONSULTANT or OTHER.")
            .string("state", "USPS code of the headquarters' state.")
            .optionalString("city", "City; null when not given.")
            .optionalString("postal_code", "ZIP code; null when not given.")
            .optionalString("website", "Public https URL; null when not given.")
            .stringList("commitments", "Commitments taken with the pledge.")
            .string("status", "ACTIVE or WITHDRAWN at the snapshot.")
            .timestamp("pledged_at", "When the organization first pledged (UTC).")
            .timestamp("updated_at", "When the current profile took effect (UTC).")
            .optionalTimestamp("withdrawn_at", "When the organization withdrew (updated_at of the WITHDRAWN profile); null when active.")
            .bool("pledged_in_year", "pledged_at falls in the report year.")
            .bool("active_at_year_end", "Had pledged by the end of the report year and had not withdrawn by then.")
            .build();

    static final Schema ORG_MONTH_SCHEMA = activityColumns(Columns.of("OrgMonth", "One organization's activity and access in one month of the report year.")
            .string("org_id", "Organization identifier.")
            .integer("month", "Calendar month 1-12 (UTC)."))
            .optionalDate("access_as_of", "Date of the snapshot that stands for the month; null when none.")
            .optionalBigint("patients_with_access", "Patients with access per that snapshot; null when none.")
            .optionalBigint("patients_offered", "Patients offered access per that snapshot; null when not reported.")
            .optionalBigint("patients_registered", "Patients registered per that snapshot; null when not reported.")
            .build();

    static final Schema ORG_YEAR_SCHEMA = activityColumns(Columns.of("OrgYear", "One organization's activity and access in the report year.")
            .string("org_id", "Organization identifier."))
            .optionalDate("access_as_of", "Date of the latest snapshot dated in the year; null when none.")
            .optionalBigint("patients_with_access", "Patients with access per that snapshot (never a sum of months); null when none.")
            .optionalBigint("patients_offered", "Patients offered access per that snapshot; null when not reported.")
            .optionalBigint("patients_registered", "Patients registered per that snapshot; null when not reported.")
            .integer("months_with_activity", "Months of the year with at least one activity event.")
            .integer("months_with_snapshot", "Months of the year with at least one access snapshot.")
            .optionalDecimal("actions_per_patient", "(views + downloads + transmits + api_accesses) / patients_with_access, 4 decimals, half-even; null without patients.")
            .build();

    static final Schema CATEGORY_SCHEMA = rollupSchema("CategoryMetrics", "category", "Organization category (current profile).");
    static final Schema STATE_SCHEMA = rollupSchema("StateMetrics", "state", "USPS state code (current profile).");
    static final Schema PROGRAM_SCHEMA = rollupSchema("ProgramMetrics", null, null);

    static final Schema PLEDGE_COUNTS_SCHEMA = Columns.of("PledgeCounts", "Pledged organizations of one type per month and for the whole report year.")
            .string("period", "MONTH or YEAR.")
            .optionalInteger("month", "Calendar month for MONTH rows; null for the YEAR row.")
            .string("organization_type", "DATA_HOLDER or NON_DATA_HOLDER.")
            .integer("new_pledges", "Organizations whose pledged_at falls in the period.")
            .integer("withdrawals", "Organizations that withdrew in the period.")
            .integer("active_at_end", "Organizations pledged and not withdrawn at the end of the period.")
            .build();

    static final Schema ENGAGEMENT_ACTIVITIES_SCHEMA = Columns.of("EngagementActivity", "Distinct (by event_id) engagement actions dated in the report year, with their stories.")
            .string("event_id", "Client-chosen UUID of the report of the action.")
            .string("org_id", "Organization that took the action.")
            .optionalString("organization_name", "Name from the current profile; null when the organization has no profile.")
            .optionalString("organization_type", "Type from the current profile; null when none.")
            .date("occurred_on", "Date of the action.")
            .string("engagement_type", "Kind of action.")
            .optionalBigint("people_reached", "Estimated people reached; null when unknown.")
            .string("title", "Headline of the story.")
            .optionalString("story", "Story text; null when none.")
            .optionalString("link", "https URL with more; null when none.")
            .timestamp("received_at", "When ingest accepted the report (UTC).")
            .build();

    static final Schema ENGAGEMENT_METRICS_SCHEMA = Columns.of("EngagementMetrics", "Engagement actions per organization and type in the report year.")
            .string("org_id", "Organization identifier.")
            .string("engagement_type", "Kind of action.")
            .bigint("activities", "Distinct actions.")
            .bigint("people_reached", "Sum of people reached over the actions that reported it.")
            .build();

    static final Schema DATA_QUALITY_SCHEMA = Columns.of("DataQuality", "What the pipeline set aside per input topic and month of the report year.")
            .string("source_topic", "Input topic the figures are about.")
            .integer("month", "Calendar month 1-12.")
            .bigint("late_events", "Events that arrived after their month's grace period.")
            .bigint("late_count", "Sum of the counts of those late events.")
            .bigint("duplicate_events", "Events dropped as already counted (same eventId).")
            .bigint("dead_letters", "Records that could not be read or were invalid.")
            .build();

    private Datasets() {
    }

    /** Every dataset of the report, in the order they are written. */
    public static List<Dataset<?>> of(ReportSnapshot snapshot) {
        int year = snapshot.year();
        Instant yearStart = LocalDate.of(year, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant yearEnd = LocalDate.of(year + 1, 1, 1).atStartOfDay(ZoneOffset.UTC).toInstant();
        List<Dataset<?>> datasets = new ArrayList<>();
        datasets.add(dataset(ORGANIZATIONS, year, ORGANIZATIONS_SCHEMA, snapshot.organizations().values(), (p, r) -> organization(yearStart, yearEnd, p, r)));
        datasets.add(dataset(ORG_MONTH, year, ORG_MONTH_SCHEMA, snapshot.orgMonths(), Datasets::orgMonth));
        datasets.add(dataset(ORG_YEAR, year, ORG_YEAR_SCHEMA, snapshot.orgYears(), Datasets::orgYear));
        datasets.add(dataset(CATEGORY_METRICS, year, CATEGORY_SCHEMA, rollupsOf(snapshot, RollupDimension.CATEGORY), (m, r) -> rollup(m, true, r)));
        datasets.add(dataset(STATE_METRICS, year, STATE_SCHEMA, rollupsOf(snapshot, RollupDimension.STATE), (m, r) -> rollup(m, true, r)));
        datasets.add(dataset(PROGRAM_METRICS, year, PROGRAM_SCHEMA, rollupsOf(snapshot, RollupDimension.PROGRAM), (m, r) -> rollup(m, false, r)));
        datasets.add(dataset(PLEDGE_COUNTS, year, PLEDGE_COUNTS_SCHEMA,
                snapshot.pledgeCounts().stream().filter(p -> p.getYear() == year).toList(), Datasets::pledgeCounts));
        datasets.add(dataset(ENGAGEMENT_ACTIVITIES, year, ENGAGEMENT_ACTIVITIES_SCHEMA, snapshot.engagementActivities(),
                (a, r) -> engagementActivity(snapshot, a, r)));
        datasets.add(dataset(ENGAGEMENT_METRICS, year, ENGAGEMENT_METRICS_SCHEMA, snapshot.engagementMetrics(), Datasets::engagementMetrics));
        datasets.add(dataset(DATA_QUALITY, year, DATA_QUALITY_SCHEMA, snapshot.dataQuality(), Datasets::dataQuality));
        return datasets;
    }

    /**
     * Activity per patient with access: all channels over patients, rounded half-even to 4 decimals;
     * null when there are no patients to divide by.
     */
    public static BigDecimal actionsPerPatient(ActivityCounts activity, Long patients) {
        if (patients == null || patients == 0) {
            return null;
        }
        long actions = activity.getViews() + activity.getDownloads() + activity.getTransmits() + activity.getApiAccesses();
        return BigDecimal.valueOf(actions).divide(BigDecimal.valueOf(patients), Columns.DECIMAL_SCALE, RoundingMode.HALF_EVEN);
    }

    private static <T> Dataset<T> dataset(String name, int year, Schema schema, Collection<T> source, RowWriter<T> rowWriter) {
        return new Dataset<>(name, year, schema, source.size(), source, rowWriter);
    }

    private static List<RollupMetrics> rollupsOf(ReportSnapshot snapshot, RollupDimension dimension) {
        return snapshot.rollups().stream().filter(r -> r.getDimension() == dimension && r.getYear() == snapshot.year()).toList();
    }

    // Each row writer below writes its columns in the order of the dataset's schema above.

    private static void organization(Instant yearStart, Instant yearEnd, Pledge p, Row r) {
        Instant withdrawnAt = Withdrawals.withdrawnAt(p);
        r.string(p.getOrgId());
        r.string(p.getName());
        r.string(p.getOrganizationType().name());
        r.string(p.getCategory().name());
        r.string(p.getState());
        r.string(p.getCity());
        r.string(p.getPostalCode());
        r.string(p.getWebsite());
        r.stringList(p.getCommitments().stream().map(Enum::name).toList());
        r.string(p.getStatus().name());
        r.timestamp(p.getPledgedAt());
        r.timestamp(p.getUpdatedAt());
        r.timestamp(withdrawnAt);
        r.bool(!p.getPledgedAt().isBefore(yearStart) && p.getPledgedAt().isBefore(yearEnd));
        r.bool(p.getPledgedAt().isBefore(yearEnd) && !(withdrawnAt != null && withdrawnAt.isBefore(yearEnd)));
    }

    private static void orgMonth(OrgMonthlyMetrics m, Row r) {
        r.string(m.getOrgId());
        r.integer(m.getMonth());
        activity(m.getActivity(), r);
        access(m.getAccess(), r);
    }

    private static void orgYear(OrgYearlyMetrics m, Row r) {
        r.string(m.getOrgId());
        activity(m.getActivity(), r);
        access(m.getAccess(), r);
        r.integer(m.getMonthsWithActivity());
        r.integer(m.getMonthsWithSnapshot());
        r.decimal(actionsPerPatient(m.getActivity(), m.getAccess() == null ? null : m.getAccess().getPatientsWithAccess()));
    }

    private static void rollup(RollupMetrics m, boolean withGroupColumn, Row r) {
        if (withGroupColumn) {
            r.string(m.getDimensionValue());
        }
        r.string(m.getGranularity().name());
        r.integer(m.getMonth());
        activity(m.getActivity(), r);
        r.bigint(m.getPatientsWithAccess());
        r.integer(m.getOrganizationsReporting());
        r.integer(m.getOrganizationsWithAccessFigures());
        r.decimal(actionsPerPatient(m.getActivity(), m.getPatientsWithAccess()));
    }

    private static void pledgeCounts(PledgeCounts p, Row r) {
        r.string(p.getGranularity().name());
        r.integer(p.getMonth());
        r.string(p.getOrganizationType().name());
        r.integer(p.getNewPledges());
        r.integer(p.getWithdrawals());
        r.integer(p.getActiveAtEnd());
    }

    private static void engagementActivity(ReportSnapshot snapshot, EngagementActivity a, Row r) {
        Pledge profile = snapshot.organization(a.getOrgId()).orElse(null);
        r.string(a.getEventId());
        r.string(a.getOrgId());
        r.string(profile == null ? null : profile.getName());
        r.string(profile == null ? null : profile.getOrganizationType().name());
        r.date(a.getOccurredOn());
        r.string(a.getEngagementType().name());
        r.bigint(a.getPeopleReached());
        r.string(a.getTitle());
        r.string(a.getStory());
        r.string(a.getLink());
        r.timestamp(a.getReceivedAt());
    }

    private static void engagementMetrics(EngagementMetrics m, Row r) {
        r.string(m.getOrgId());
        r.string(m.getEngagementType().name());
        r.bigint(m.getActivities());
        r.bigint(m.getPeopleReached());
    }

    private static void dataQuality(DataQualityMetrics m, Row r) {
        r.string(m.getSourceTopic());
        r.integer(m.getMonth());
        r.bigint(m.getLateEvents());
        r.bigint(m.getLateCount());
        r.bigint(m.getDuplicateEvents());
        r.bigint(m.getDeadLetters());
    }

    private static Columns activityColumns(Columns columns) {
        return columns
                .bigint("views", "Sum of counts of distinct VIEW events in the period.")
                .bigint("downloads", "Sum of counts of distinct DOWNLOAD events in the period.")
                .bigint("transmits", "Sum of counts of distinct TRANSMIT events in the period.")
                .bigint("api_accesses", "Sum of counts of distinct API events in the period.")
                .bigint("events", "Number of distinct activity events that contributed.");
    }

    private static void activity(ActivityCounts a, Row r) {
        r.bigint(a.getViews());
        r.bigint(a.getDownloads());
        r.bigint(a.getTransmits());
        r.bigint(a.getApiAccesses());
        r.bigint(a.getEvents());
    }

    private static void access(AccessFigures a, Row r) {
        r.date(a == null ? null : a.getAsOf());
        r.bigint(a == null ? null : a.getPatientsWithAccess());
        r.bigint(a == null ? null : a.getPatientsOffered());
        r.bigint(a == null ? null : a.getPatientsRegistered());
    }

    private static Schema rollupSchema(String name, String groupColumn, String groupDoc) {
        Columns columns = Columns.of(name, groupColumn == null
                ? "Program-wide activity and access per month and for the whole report year."
                : "Activity and access summed over the organizations of each " + groupColumn + ", per month and for the whole report year.");
        if (groupColumn != null) {
            columns.string(groupColumn, groupDoc);
        }
        columns.string("period", "MONTH or YEAR.")
                .optionalInteger("month", "Calendar month for MONTH rows; null for YEAR rows.");
        return activityColumns(columns)
                .bigint("patients_with_access", "Sum over the organizations of each one's latest snapshot dated in the period.")
                .integer("organizations_reporting", "Organizations with any activity or snapshot in the period.")
                .integer("organizations_with_access_figures", "Organizations with a snapshot dated in the period.")
                .optionalDecimal("actions_per_patient", "(views + downloads + transmits + api_accesses) / patients_with_access, 4 decimals, half-even; null without patients.")
                .build();
    }
}
