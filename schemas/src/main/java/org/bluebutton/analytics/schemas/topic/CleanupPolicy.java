package org.bluebutton.analytics.schemas.topic;

import org.apache.kafka.common.config.TopicConfig;

/** Kafka's {@code cleanup.policy} for a topic: event streams are deleted by retention, tables compacted. */
public enum CleanupPolicy {
    /** Keep every record until retention expires; for event streams. */
    DELETE(TopicConfig.CLEANUP_POLICY_DELETE),
    /** Keep the latest record per key; for tables (profiles, aggregates). */
    COMPACT(TopicConfig.CLEANUP_POLICY_COMPACT);

    private final String configValue;

    CleanupPolicy(String configValue) {
        this.configValue = configValue;
    }

    /** The value of {@code cleanup.policy} on the broker. */
    public String configValue() {
        return configValue;
    }
}
