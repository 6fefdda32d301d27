package org.bluebutton.analytics.schemas.topic;

import java.util.List;
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
import org.bluebutton.analytics.schemas.event.AccessSnapshot;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.event.EngagementActivity;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.quality.DeadLetter;
import org.bluebutton.analytics.schemas.security.ApiCredential;

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

    public static final TopicSpec PLEDGES = TopicSpec.tableByOrganization(
            "bluebutton.pledges", ORGANIZATION_PARTITIONS, Pledge.getClassSchema(),
            "Organization profiles and pledge state; latest per organization.");

    public static final TopicSpec DOWNLOAD_ACTIVITY = TopicSpec.stream(
            "bluebutton.download-activity", ORGANIZATION_PARTITIONS, DownloadActivity.getClassSchema(),
            "Views, downloads, transmits and API accesses reported by data holders.");

    public static final TopicSpec ACCESS_SNAPSHOTS = TopicSpec.stream(
            "bluebutton.access-snapshots", ORGANIZATION_PARTITIONS, AccessSnapshot.getClassSchema(),
            "Patients-with-access gauges reported by data holders.");

    public static final TopicSpec ENGAGEMENT_ACTIVITY = TopicSpec.stream(
            "bluebutton.engagement-activity", ORGANIZATION_PARTITIONS, EngagementActivity.getClassSchema(),
            "Engagement actions and stories, mostly from non-data holders.");

    public static final TopicSpec LATE_EVENTS = TopicSpec.stream(
            "bluebutton.late-events", ORGANIZATION_PARTITIONS, DownloadActivity.getClassSchema(),
            "Download activity that arrived after its month's grace period; counted in data quality.");

    public static final TopicSpec DEAD_LETTERS = TopicSpec.stream(
            "bluebutton.dead-letters", 1, DeadLetter.getClassSchema(),
            "Records that could not be read or were invalid, verbatim with the reason.");

    public static final TopicSpec API_CREDENTIALS = TopicSpec.tableByOrganization(
            "bluebutton.api-credentials", 1, ApiCredential.getClassSchema(),
            "Hashes of organizations' API keys; latest per organization. Read whole by every ingest instance.");

    public static final TopicSpec ORG_MONTHLY_METRICS = TopicSpec.table(
            "bluebutton.org-monthly-metrics", AGGREGATE_PARTITIONS,
            OrgMonthKey.getClassSchema(), OrgMonthlyMetrics.getClassSchema(),
            "Per organization and calendar month: activity and access.");

    public static final TopicSpec ORG_YEARLY_METRICS = TopicSpec.table(
            "bluebutton.org-yearly-metrics", AGGREGATE_PARTITIONS,
            OrgYearKey.getClassSchema(), OrgYearlyMetrics.getClassSchema(),
            "Per organization and calendar year: activity and access.");

    public static final TopicSpec ROLLUP_METRICS = TopicSpec.table(
            "bluebutton.rollup-metrics", AGGREGATE_PARTITIONS,
            RollupKey.getClassSchema(), RollupMetrics.getClassSchema(),
            "Program-wide, per-category and per-state totals per month and per year.");

    public static final TopicSpec PLEDGE_COUNTS = TopicSpec.table(
            "bluebutton.pledge-counts", AGGREGATE_PARTITIONS,
            PledgeCountKey.getClassSchema(), PledgeCounts.getClassSchema(),
            "New, withdrawn and active pledges per month and year, by organization type.");

    public static final TopicSpec ENGAGEMENT_METRICS = TopicSpec.table(
            "bluebutton.engagement-metrics", AGGREGATE_PARTITIONS,
            EngagementKey.getClassSchema(), EngagementMetrics.getClassSchema(),
            "Engagement activities and people reached per organization, year and type.");

    public static final TopicSpec DATA_QUALITY_METRICS = TopicSpec.table(
            "bluebutton.data-quality-metrics", AGGREGATE_PARTITIONS,
            DataQualityKey.getClassSchema(), DataQualityMetrics.getClassSchema(),
            "Late, duplicate and dead-lettered records per input topic and month.");

    private static final List<TopicSpec> ALL = List.of(
            PLEDGES, DOWNLOAD_ACTIVITY, ACCESS_SNAPSHOTS, ENGAGEMENT_ACTIVITY, LATE_EVENTS, DEAD_LETTERS, API_CREDENTIALS,
            ORG_MONTHLY_METRICS, ORG_YEARLY_METRICS, ROLLUP_METRICS, PLEDGE_COUNTS, ENGAGEMENT_METRICS,
            DATA_QUALITY_METRICS);

    private Topics() {
    }

    /** Every topic of the catalogue, inputs first. */
    public static List<TopicSpec> all() {
        return ALL;
    }
}
