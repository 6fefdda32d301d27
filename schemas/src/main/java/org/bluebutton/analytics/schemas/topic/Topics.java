package org.bluebutton.analytics.schemas.topic;

import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.bluebutton.analytics.schemas.aggregate.DataQualityKey;
import org.bluebutton.analytics.schemas.aggregate.DataQualityMetrics;
import org.bluebutton.analytics.schemas.aggregate.EngagementKey;
import org.bluebutton.analytics.schemas.aggregate.EngagementMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthKey;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgYearKey;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.PledgeCountKey;
import org.bluebutton.analytics.schemas.aggregate.PledgeCounts;
import org.bluebutton.analytics.schemas.aggregate.RollupKey;
import org.bluebutton.analytics.schemas.aggregate.RollupMetrics;
import org.bluebutton.analytics.schemas.audit.StaffAuditRecord;
import org.bluebutton.analytics.schemas.event.AccessSnapshot;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.event.EngagementActivity;
import org.bluebutton.analytics.schemas.event.FeaturedStory;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.PledgeRequest;
import org.bluebutton.analytics.schemas.quality.DeadLetter;
import org.bluebutton.analytics.schemas.security.ApiCredential;
import org.bluebutton.analytics.schemas.security.StaffAccount;

/**
 * The catalogue of every topic the pipeline reads or writes.
 *
 * <p>Input topics are keyed by organization id and share {@link #ORGANIZATION_PARTITIONS} partitions
 * so Kafka Streams can join them with the pledge table without repartitioning. Event streams and
 * dead letters are kept forever: they are the history every aggregate is rebuilt from, and a
 * record set aside must never silently expire.
 */
public final class Topics {

    /** Partitions of every topic keyed by organization id (co-partitioned for joins). */
    public static final int ORGANIZATION_PARTITIONS = 6;

    /** Partitions of aggregate topics. */
    public static final int AGGREGATE_PARTITIONS = 6;

    public static final TopicSpec<String, Pledge> PLEDGES = TopicSpec.tableByOrganization(
            "bluebutton.pledges", ORGANIZATION_PARTITIONS, Pledge.class,
            "Organization profiles and pledge state; latest per organization.");

    public static final TopicSpec<String, DownloadActivity> DOWNLOAD_ACTIVITY = TopicSpec.admittedStream(
            "bluebutton.download-activity", ORGANIZATION_PARTITIONS, DownloadActivity.class,
            "Views, downloads, transmits and API accesses reported by data holders.");

    public static final TopicSpec<String, AccessSnapshot> ACCESS_SNAPSHOTS = TopicSpec.admittedStream(
            "bluebutton.access-snapshots", ORGANIZATION_PARTITIONS, AccessSnapshot.class,
            "Patients-with-access gauges reported by data holders.");

    public static final TopicSpec<String, EngagementActivity> ENGAGEMENT_ACTIVITY = TopicSpec.admittedStream(
            "bluebutton.engagement-activity", ORGANIZATION_PARTITIONS, EngagementActivity.class,
            "Engagement actions and stories, mostly from non-data holders.");

    public static final TopicSpec<String, DownloadActivity> LATE_EVENTS = TopicSpec.stream(
            "bluebutton.late-events", ORGANIZATION_PARTITIONS, DownloadActivity.class,
            "Download activity that arrived after its month's grace period; counted in data quality.");

    public static final TopicSpec<String, DeadLetter> DEAD_LETTERS = TopicSpec.stream(
            "bluebutton.dead-letters", 1, DeadLetter.class,
            "Records that could not be read or were invalid, verbatim with the reason.");

    public static final TopicSpec<String, ApiCredential> API_CREDENTIALS = TopicSpec.tableByOrganization(
            "bluebutton.api-credentials", 1, ApiCredential.class,
            "Hashes of organizations' API keys; latest per organization. Read whole by every ingest instance.");

    public static final TopicSpec<String, StaffAccount> STAFF_ACCOUNTS = TopicSpec.tableByOrganization(
            "bluebutton.staff-accounts", 1, StaffAccount.class,
            "Named staff accounts with their role and the hash of their current key; latest per account name. Read whole by "
                    + "every ingest and query instance.");

    public static final TopicSpec<String, StaffAuditRecord> STAFF_AUDIT = TopicSpec.stream(
            "bluebutton.staff-audit", 1, StaffAuditRecord.class,
            "Every staff action (who, what, when, before and after), each written in the transaction of its change; kept forever. "
                    + "One partition: one order, newest first when read back.");
    /**
     * Requests to take the pledge from the public form, with staff's decision; latest per request. One
     * partition: requests are few and every ingest instance reads them all. Holds contact e-mails, so
     * nothing but ingest's staff review reads it (not the streams application, not the report).
     */
    public static final TopicSpec<String, PledgeRequest> PLEDGE_REQUESTS = TopicSpec.tableByTextKey(
            "bluebutton.pledge-requests", 1, PledgeRequest.class,
            "Pledge requests from the public sign-up form and staff's decisions; latest per request id. Personal data (contact e-mail).");

    public static final TopicSpec<OrgMonthKey, OrgMonthlyMetrics> ORG_MONTHLY_METRICS = TopicSpec.table(
            "bluebutton.org-monthly-metrics", AGGREGATE_PARTITIONS,
            OrgMonthKey.class, OrgMonthlyMetrics.class,
            "Per organization and calendar month: activity and access.");

    public static final TopicSpec<OrgYearKey, OrgYearlyMetrics> ORG_YEARLY_METRICS = TopicSpec.table(
            "bluebutton.org-yearly-metrics", AGGREGATE_PARTITIONS,
            OrgYearKey.class, OrgYearlyMetrics.class,
            "Per organization and calendar year: activity and access.");

    public static final TopicSpec<RollupKey, RollupMetrics> ROLLUP_METRICS = TopicSpec.table(
            "bluebutton.rollup-metrics", AGGREGATE_PARTITIONS,
            RollupKey.class, RollupMetrics.class,
            "Program-wide, per-category and per-state totals per month and per year.");

    public static final TopicSpec<PledgeCountKey, PledgeCounts> PLEDGE_COUNTS = TopicSpec.table(
            "bluebutton.pledge-counts", AGGREGATE_PARTITIONS,
            PledgeCountKey.class, PledgeCounts.class,
            "New, withdrawn and active pledges per month and year, by organization type.");

    public static final TopicSpec<EngagementKey, EngagementMetrics> ENGAGEMENT_METRICS = TopicSpec.table(
            "bluebutton.engagement-metrics", AGGREGATE_PARTITIONS,
            EngagementKey.class, EngagementMetrics.class,
            "Engagement activities and people reached per organization, year and type.");

    public static final TopicSpec<DataQualityKey, DataQualityMetrics> DATA_QUALITY_METRICS = TopicSpec.table(
            "bluebutton.data-quality-metrics", AGGREGATE_PARTITIONS,
            DataQualityKey.class, DataQualityMetrics.class,
            "Late, duplicate and dead-lettered records per input topic and month.");

    public static final TopicSpec<String, FeaturedStory> FEATURED_STORIES = TopicSpec.tableByTextKey(
            "bluebutton.featured-stories", 1, FeaturedStory.class,
            "Stories staff chose for the annual report; key orgId/eventId (Topics.featuredStoryKey), latest per story.");

    private static final List<TopicSpec<?, ?>> ALL = List.of(
            PLEDGES, DOWNLOAD_ACTIVITY, ACCESS_SNAPSHOTS, ENGAGEMENT_ACTIVITY, LATE_EVENTS, DEAD_LETTERS, API_CREDENTIALS, PLEDGE_REQUESTS,
            STAFF_ACCOUNTS, STAFF_AUDIT,
            ORG_MONTHLY_METRICS, ORG_YEARLY_METRICS, ROLLUP_METRICS, PLEDGE_COUNTS, ENGAGEMENT_METRICS,
            DATA_QUALITY_METRICS, FEATURED_STORIES);

    private Topics() {
    }

    /** The key of a story's record on {@link #FEATURED_STORIES}: organization id and event id, joined by a slash. */
    public static String featuredStoryKey(String orgId, String eventId) {
        return orgId + "/" + eventId;
    }

    /** The topics organizations' activity is published to, each with its own event class. */
    private static final List<TopicSpec<String, ?>> ACTIVITY = List.of(DOWNLOAD_ACTIVITY, ACCESS_SNAPSHOTS, ENGAGEMENT_ACTIVITY);

    /** Every topic of the catalogue, inputs first. */
    public static List<TopicSpec<?, ?>> all() {
        return ALL;
    }

    /** The input topic an organization's activity event is published to, by its class. */
    public static TopicSpec<String, ?> activityTopicOf(SpecificRecord event) {
        return ACTIVITY.stream().filter(topic -> topic.valueType().isInstance(event)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no activity topic carries " + event.getClass().getName()));
    }
}
