package org.bluebutton.analytics.streams.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.bluebutton.analytics.schemas.aggregate.EngagementKey;
import org.bluebutton.analytics.schemas.aggregate.EngagementMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthKey;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.event.AccessSnapshot;
import org.bluebutton.analytics.schemas.event.ActivityChannel;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.event.EngagementActivity;
import org.bluebutton.analytics.schemas.event.EngagementType;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.testing.TopologySpecs;
import org.bluebutton.analytics.testkit.SampleEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An event's identity is (organization, eventId): organization ids are public (the Hub) and monthly-CSV
 * event ids are derivable, so another organization must never be able to make an organization's
 * events count as duplicates. And a snapshot superseded by a correction stays superseded for good.
 * Grace period: 10 days.
 */
class EventIdentityTest {

    private final TopologySpecs specs = new TopologySpecs(Duration.ofDays(10));

    @AfterEach
    void closeDriver() {
        specs.close();
    }

    @Test
    void another_organizations_event_id_does_not_suppress_an_organizations_download() {
        String sharedId = UUID.randomUUID().toString();
        specs.send(download("org-attacker", sharedId, "2025-03-02T10:00:00Z", 1));

        specs.send(download("org-victim", sharedId, "2025-03-02T11:00:00Z", 40));

        Map<OrgMonthKey, OrgMonthlyMetrics> months = months();

        assertThat(months.get(new OrgMonthKey("org-victim", 2025, 3)).getActivity().getDownloads()).isEqualTo(40);
        assertThat(months.get(new OrgMonthKey("org-attacker", 2025, 3)).getActivity().getDownloads()).isEqualTo(1);
    }

    @Test
    void another_organizations_event_id_does_not_suppress_an_organizations_snapshot() {
        String sharedId = UUID.randomUUID().toString();
        specs.send(snapshot("org-attacker", sharedId, "2025-03-31", 1, "2025-04-01T00:00:00Z"));

        specs.send(snapshot("org-victim", sharedId, "2025-03-31", 5_000, "2025-04-01T00:01:00Z"));

        assertThat(months().get(new OrgMonthKey("org-victim", 2025, 3)).getAccess().getPatientsWithAccess()).isEqualTo(5_000);
    }

    @Test
    void another_organizations_event_id_does_not_suppress_an_organizations_engagement() {
        String sharedId = UUID.randomUUID().toString();
        specs.send(engagement("org-attacker", sharedId));

        specs.send(engagement("org-victim", sharedId));

        Map<EngagementKey, EngagementMetrics> figures = specs.latest(Topics.ENGAGEMENT_METRICS.name(), EngagementKey.class, EngagementMetrics.class);
        assertThat(figures.get(new EngagementKey("org-victim", 2025, EngagementType.SOCIAL_MEDIA_CAMPAIGN)).getActivities()).isEqualTo(1);
    }

    @Test
    void a_retry_of_an_old_months_snapshot_after_a_correction_more_than_70_days_later_does_not_undo_it() {
        AccessSnapshot original = snapshot("org-a", UUID.randomUUID().toString(), "2025-01-31", 120, "2025-02-01T00:00:00Z");
        specs.send(original);
        specs.send(snapshot("org-a", UUID.randomUUID().toString(), "2025-01-31", 125, "2025-02-03T00:00:00Z"));
        // months pass: snapshots and activity of later months move every clock the topology keeps
        specs.send(snapshot("org-a", UUID.randomUUID().toString(), "2025-06-30", 300, "2025-07-01T00:00:00Z"));
        specs.send(download("org-a", UUID.randomUUID().toString(), "2025-07-02T00:00:00Z", 1));

        // the client's retry of the original, 150 days later: same eventId, stamped again by ingest on arrival
        specs.send(AccessSnapshot.newBuilder(original).setReceivedAt(Instant.parse("2025-07-01T12:00:00Z")).build());

        assertThat(months().get(new OrgMonthKey("org-a", 2025, 1)).getAccess().getPatientsWithAccess()).isEqualTo(125);
    }

    private Map<OrgMonthKey, OrgMonthlyMetrics> months() {
        return specs.latest(Topics.ORG_MONTHLY_METRICS.name(), OrgMonthKey.class, OrgMonthlyMetrics.class);
    }

    private static DownloadActivity download(String orgId, String eventId, String occurredAt, long count) {
        return SampleEvents.download(orgId).setEventId(eventId).setOccurredAt(Instant.parse(occurredAt)).setReceivedAt(Instant.parse(occurredAt))
                .setChannel(ActivityChannel.DOWNLOAD).setCount(count).build();
    }

    private static AccessSnapshot snapshot(String orgId, String eventId, String asOf, long patients, String receivedAt) {
        return SampleEvents.accessSnapshot(orgId).setEventId(eventId).setAsOf(LocalDate.parse(asOf))
                .setPatientsWithAccess(patients).setPatientsOffered(null).setReceivedAt(Instant.parse(receivedAt)).build();
    }

    private static EngagementActivity engagement(String orgId, String eventId) {
        return SampleEvents.engagement(orgId).setEventId(eventId).setOccurredOn(LocalDate.parse("2025-03-10"))
                .setEngagementType(EngagementType.SOCIAL_MEDIA_CAMPAIGN).build();
    }
}
