package org.bluebutton.analytics.streams.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.bluebutton.analytics.schemas.aggregate.EngagementKey;
import org.bluebutton.analytics.schemas.aggregate.EngagementMetrics;
import org.bluebutton.analytics.schemas.event.EngagementActivity;
import org.bluebutton.analytics.schemas.event.EngagementType;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.testing.TopologySpecs;
import org.bluebutton.analytics.testkit.SampleEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Engagement figures count each activity once, per organization, year and type. */
class EngagementFiguresTest {

    private static final EngagementKey CEO_2025 = new EngagementKey("acme", 2025, EngagementType.CEO_MESSAGE);
    private final TopologySpecs specs;

    EngagementFiguresTest() {
        this.specs = new TopologySpecs(Duration.ofDays(40));
    }

    @AfterEach
    void closeDriver() {
        specs.close();
    }

    @Test
    void activities_and_people_reached_are_summed_per_type_and_year() {
        specs.send(activity(EngagementType.CEO_MESSAGE, "2025-03-01", 4_200L));
        specs.send(activity(EngagementType.CEO_MESSAGE, "2025-09-01", null));
        specs.send(activity(EngagementType.EVENT, "2025-04-01", 300L));
        specs.send(activity(EngagementType.CEO_MESSAGE, "2024-12-31", 100L));

        Map<EngagementKey, EngagementMetrics> metrics = metrics();

        assertThat(metrics.get(CEO_2025)).extracting(EngagementMetrics::getActivities, EngagementMetrics::getPeopleReached)
                .containsExactly(2L, 4_200L);
        assertThat(metrics.get(new EngagementKey("acme", 2025, EngagementType.EVENT)).getPeopleReached()).isEqualTo(300L);
        assertThat(metrics.get(new EngagementKey("acme", 2024, EngagementType.CEO_MESSAGE)).getActivities()).isEqualTo(1L);
    }

    @Test
    void a_resent_activity_counts_once() {
        EngagementActivity activity = activity(EngagementType.CEO_MESSAGE, "2025-03-01", 4_200L);
        specs.send(activity);
        specs.send(activity);

        assertThat(metrics().get(CEO_2025)).extracting(EngagementMetrics::getActivities, EngagementMetrics::getPeopleReached)
                .containsExactly(1L, 4_200L);
    }

    private Map<EngagementKey, EngagementMetrics> metrics() {
        return specs.latest(Topics.ENGAGEMENT_METRICS.name(), EngagementKey.class, EngagementMetrics.class);
    }

    private static EngagementActivity activity(EngagementType type, String occurredOn, Long reached) {
        return SampleEvents.engagement("acme").setEngagementType(type).setOccurredOn(LocalDate.parse(occurredOn)).setPeopleReached(reached).build();
    }
}
