package org.bluebutton.analytics.reporting.snapshot;

import java.util.List;
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
 */
public record SourceTopics(
        TopicSpec pledges,
        TopicSpec engagementActivity,
        TopicSpec orgMonthly,
        TopicSpec orgYearly,
        TopicSpec rollups,
        TopicSpec pledgeCounts,
        TopicSpec engagementMetrics,
        TopicSpec dataQuality) {

    /** The catalogue's topics, each name preceded by {@code prefix} (may be empty). */
    public static SourceTopics withPrefix(String prefix) {
        return new SourceTopics(
                renamed(Topics.PLEDGES, prefix), renamed(Topics.ENGAGEMENT_ACTIVITY, prefix),
                renamed(Topics.ORG_MONTHLY_METRICS, prefix), renamed(Topics.ORG_YEARLY_METRICS, prefix),
                renamed(Topics.ROLLUP_METRICS, prefix), renamed(Topics.PLEDGE_COUNTS, prefix),
                renamed(Topics.ENGAGEMENT_METRICS, prefix), renamed(Topics.DATA_QUALITY_METRICS, prefix));
    }

    /** Every source topic, in the order they are read and listed in the manifest. */
    public List<TopicSpec> all() {
        return List.of(pledges, engagementActivity, orgMonthly, orgYearly, rollups, pledgeCounts, engagementMetrics, dataQuality);
    }

    private static TopicSpec renamed(TopicSpec spec, String prefix) {
        return new TopicSpec(prefix + spec.name(), spec.partitions(), spec.cleanupPolicy(), spec.retention(),
                spec.keySchema(), spec.valueSchema(), spec.description());
    }
}
