package org.bluebutton.analytics.reporting.snapshot;

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
import org.bluebutton.analytics.schemas.event.EngagementActivity;
import org.bluebutton.analytics.schemas.event.FeaturedStory;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.topic.TopicSpec;
import org.bluebutton.analytics.schemas.topic.Topics;

/**
 * The topics a report reads, named with an optional prefix. Keys are Avro records on the aggregate
 * topics and plain UTF-8 organization ids on {@code pledges} and {@code engagement-activity}, as in
 * the catalogue ({@link TopicSpec#avroKeySchema()}).
 *
 * @param pledges organization profiles (compacted, key orgId)
 * @param engagementActivity engagement stories (kept forever, key orgId)
 * @param orgMonthly organization × month metrics
 * @param orgYearly organization × year metrics
 * @param rollups program / category / state × month / year
 * @param pledgeCounts pledges over time
 * @param engagementMetrics engagement per organization, year and type
 * @param dataQuality late, duplicate and dead-lettered records per input topic and month
 * @param featuredStories staff's marks on the stories the report tells (compacted, key orgId/eventId)
 */
public record SourceTopics(
        TopicSpec<String, Pledge> pledges,
        TopicSpec<String, EngagementActivity> engagementActivity,
        TopicSpec<OrgMonthKey, OrgMonthlyMetrics> orgMonthly,
        TopicSpec<OrgYearKey, OrgYearlyMetrics> orgYearly,
        TopicSpec<RollupKey, RollupMetrics> rollups,
        TopicSpec<PledgeCountKey, PledgeCounts> pledgeCounts,
        TopicSpec<EngagementKey, EngagementMetrics> engagementMetrics,
        TopicSpec<DataQualityKey, DataQualityMetrics> dataQuality,
        TopicSpec<String, FeaturedStory> featuredStories) {

    /** The catalogue's topics, each name preceded by {@code prefix} (may be empty). */
    public static SourceTopics withPrefix(String prefix) {
        return new SourceTopics(
                Topics.PLEDGES.named(prefix + Topics.PLEDGES.name()), Topics.ENGAGEMENT_ACTIVITY.named(prefix + Topics.ENGAGEMENT_ACTIVITY.name()),
                Topics.ORG_MONTHLY_METRICS.named(prefix + Topics.ORG_MONTHLY_METRICS.name()), Topics.ORG_YEARLY_METRICS.named(prefix + Topics.ORG_YEARLY_METRICS.name()),
                Topics.ROLLUP_METRICS.named(prefix + Topics.ROLLUP_METRICS.name()), Topics.PLEDGE_COUNTS.named(prefix + Topics.PLEDGE_COUNTS.name()),
                Topics.ENGAGEMENT_METRICS.named(prefix + Topics.ENGAGEMENT_METRICS.name()), Topics.DATA_QUALITY_METRICS.named(prefix + Topics.DATA_QUALITY_METRICS.name()),
                Topics.FEATURED_STORIES.named(prefix + Topics.FEATURED_STORIES.name()));
    }

    /** Every source topic, in the order they are read and listed in the manifest. */
    public List<TopicSpec<?, ?>> all() {
        return List.of(pledges, engagementActivity, orgMonthly, orgYearly, rollups, pledgeCounts, engagementMetrics, dataQuality, featuredStories);
    }
}
