package org.bluebutton.analytics.streams.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthKey;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.event.AccessSnapshot;
import org.bluebutton.analytics.schemas.event.ActivityChannel;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.quality.DeadLetter;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.testing.TopologySpecs;
import org.bluebutton.analytics.testkit.SampleEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The rules of the organization-month topology, on {@code TopologyTestDriver} with an in-memory schema
 * registry. Grace period: 10 days.
 */
class OrganizationMonthFiguresTest {

    private final TopologySpecs specs;

    OrganizationMonthFiguresTest() {
        this.specs = new TopologySpecs(Duration.ofDays(10));
    }

    @AfterEach
    void closeDriver() {
        specs.close();
    }

    @Test
    void distinct_events_are_summed_per_channel_in_the_month_of_their_event_time() {
        specs.send(download("org-a", "2025-03-02T10:00:00Z", ActivityChannel.DOWNLOAD, 1));
        specs.send(download("org-a", "2025-03-01T00:00:00Z", ActivityChannel.VIEW, 250));
        specs.send(download("org-a", "2025-03-31T23:59:59Z", ActivityChannel.TRANSMIT, 2));
        specs.send(download("org-a", "2025-04-01T00:00:00Z", ActivityChannel.DOWNLOAD, 5));

        Map<OrgMonthKey, OrgMonthlyMetrics> latest = months();

        OrgMonthlyMetrics march = latest.get(new OrgMonthKey("org-a", 2025, 3));
        assertThat(march.getActivity()).isEqualTo(SampleEvents.activity(250, 1, 2, 0, 3));
        assertThat(march.getAccess()).isNull();
        assertThat(latest.get(new OrgMonthKey("org-a", 2025, 4)).getActivity().getDownloads()).isEqualTo(5);
    }

    @Test
    void a_retried_event_counts_once() {
        DownloadActivity event = download("org-a", "2025-03-02T10:00:00Z", ActivityChannel.DOWNLOAD, 7);

        specs.send(event);
        specs.send(event);

        assertThat(months().get(new OrgMonthKey("org-a", 2025, 3)).getActivity())
                .isEqualTo(SampleEvents.activity(0, 7, 0, 0, 1));
    }

    @Test
    void an_event_id_resent_with_another_event_time_still_counts_once() {
        DownloadActivity event = download("org-a", "2025-03-02T10:00:00Z", ActivityChannel.DOWNLOAD, 7);

        specs.send(event);
        specs.send(DownloadActivity.newBuilder(event).setOccurredAt(Instant.parse("2025-03-05T10:00:00Z")).build());

        assertThat(months().get(new OrgMonthKey("org-a", 2025, 3)).getActivity()).isEqualTo(SampleEvents.activity(0, 7, 0, 0, 1));
    }

    @Test
    void a_retry_of_a_counted_event_after_its_month_closed_is_a_duplicate_not_a_late_event() {
        // March closes on April 11 (10 days of grace); the id is remembered 42 days from March 25.
        DownloadActivity counted = download("org-a", "2025-03-25T00:00:00Z", ActivityChannel.DOWNLOAD, 1);
        specs.send(counted);
        specs.send(download("org-a", "2025-04-12T00:00:00Z", ActivityChannel.VIEW, 1));

        specs.send(counted);

        assertThat(specs.values(Topics.LATE_EVENTS.name(), DownloadActivity.class)).isEmpty();
    }

    @Test
    void an_event_time_far_after_its_reception_is_a_dead_letter_and_does_not_close_open_months() {
        specs.send(download("org-a", "2025-03-05T00:00:00Z", ActivityChannel.DOWNLOAD, 1));
        specs.send(SampleEvents.download("org-a").setOccurredAt(Instant.parse("2099-01-01T00:00:00Z"))
                .setReceivedAt(Instant.parse("2025-03-06T00:00:00Z")).build());

        specs.send(download("org-a", "2025-03-06T00:00:00Z", ActivityChannel.DOWNLOAD, 1));

        assertThat(specs.values(Topics.DEAD_LETTERS.name(), DeadLetter.class)).singleElement()
                .satisfies(letter -> assertThat(letter.getReason()).contains("after receivedAt"));
        assertThat(months().get(new OrgMonthKey("org-a", 2025, 3)).getActivity().getDownloads()).isEqualTo(2);
    }

    @Test
    void an_event_whose_key_is_another_organization_is_a_dead_letter() {
        DownloadActivity event = download("org-a", "2025-03-02T10:00:00Z", ActivityChannel.DOWNLOAD, 1);

        specs.sendAs("org-b", event);

        assertThat(specs.values(Topics.DEAD_LETTERS.name(), DeadLetter.class)).singleElement()
                .satisfies(letter -> assertThat(letter.getReason()).contains("'org-b' is not the event's orgId 'org-a'"));
        assertThat(months()).isEmpty();
    }

    @Test
    void an_event_within_the_grace_period_still_updates_its_month() {
        specs.send(download("org-a", "2025-04-09T00:00:00Z", ActivityChannel.VIEW, 1));

        specs.send(download("org-a", "2025-03-20T00:00:00Z", ActivityChannel.DOWNLOAD, 3));

        assertThat(months().get(new OrgMonthKey("org-a", 2025, 3)).getActivity().getDownloads()).isEqualTo(3);
        assertThat(specs.values(Topics.LATE_EVENTS.name(), DownloadActivity.class)).isEmpty();
    }

    @Test
    void an_event_after_the_grace_period_goes_to_late_events_and_is_not_counted() {
        specs.send(download("org-a", "2025-03-05T00:00:00Z", ActivityChannel.DOWNLOAD, 1));
        specs.send(download("org-a", "2025-04-12T00:00:00Z", ActivityChannel.VIEW, 1));
        DownloadActivity tooLate = download("org-a", "2025-03-20T00:00:00Z", ActivityChannel.DOWNLOAD, 100);

        specs.send(tooLate);

        assertThat(specs.values(Topics.LATE_EVENTS.name(), DownloadActivity.class)).containsExactly(tooLate);
        assertThat(months().get(new OrgMonthKey("org-a", 2025, 3)).getActivity().getDownloads()).isEqualTo(1);
    }

    @Test
    void the_snapshot_with_the_latest_date_in_the_month_stands_for_it() {
        specs.send(snapshot("org-a", "2025-03-15", 100, "2025-03-16T00:00:00Z"));
        specs.send(snapshot("org-a", "2025-03-31", 120, "2025-04-01T00:00:00Z"));
        specs.send(snapshot("org-a", "2025-03-20", 110, "2025-04-02T00:00:00Z"));

        OrgMonthlyMetrics march = months().get(new OrgMonthKey("org-a", 2025, 3));

        assertThat(march.getAccess().getPatientsWithAccess()).isEqualTo(120);
        assertThat(march.getActivity()).isEqualTo(SampleEvents.activity(0, 0, 0, 0, 0));
    }

    @Test
    void a_correction_of_the_same_date_supersedes_and_a_late_retry_of_the_original_does_not_undo_it() {
        AccessSnapshot original = snapshot("org-a", "2025-03-31", 120, "2025-04-01T00:00:00Z");
        specs.send(original);
        specs.send(snapshot("org-a", "2025-03-31", 125, "2025-04-03T00:00:00Z"));

        // the client's retry of the original: same eventId, stamped again by ingest on arrival
        specs.send(AccessSnapshot.newBuilder(original).setReceivedAt(Instant.parse("2025-04-05T00:00:00Z")).build());

        assertThat(months().get(new OrgMonthKey("org-a", 2025, 3)).getAccess().getPatientsWithAccess()).isEqualTo(125);
    }

    @Test
    void unreadable_bytes_become_a_dead_letter_with_the_reason_and_processing_continues() {
        specs.sendRawDownload("org-a", "not avro".getBytes());
        specs.send(download("org-a", "2025-03-02T10:00:00Z", ActivityChannel.DOWNLOAD, 1));

        assertThat(specs.values(Topics.DEAD_LETTERS.name(), DeadLetter.class)).singleElement().satisfies(letter -> {
            assertThat(letter.getSourceTopic()).isEqualTo(Topics.DOWNLOAD_ACTIVITY.name());
            assertThat(letter.getReason()).contains("wire format");
            assertThat(letter.getValue()).isEqualTo(ByteBuffer.wrap("not avro".getBytes()));
        });
        assertThat(months().get(new OrgMonthKey("org-a", 2025, 3)).getActivity().getDownloads()).isEqualTo(1);
    }

    @Test
    void a_snapshot_dated_outside_the_years_the_figures_hold_is_a_dead_letter_and_processing_continues() {
        specs.send(AccessSnapshot.newBuilder(snapshot("org-a", "2025-03-31", 120, "2025-04-01T00:00:00Z")).setAsOf(LocalDate.of(70_000, 1, 1)).build());
        specs.send(download("org-a", "2025-03-02T10:00:00Z", ActivityChannel.DOWNLOAD, 1));

        assertThat(specs.values(Topics.DEAD_LETTERS.name(), DeadLetter.class)).singleElement()
                .satisfies(letter -> assertThat(letter.getReason()).contains("asOf must be in the years 1970 to 9999"));
        assertThat(months().get(new OrgMonthKey("org-a", 2025, 3)).getActivity().getDownloads()).isEqualTo(1);
    }

    @Test
    void an_event_breaking_a_rule_becomes_a_dead_letter_and_is_not_counted() {
        specs.send(download("org-a", "2025-03-02T10:00:00Z", ActivityChannel.DOWNLOAD, 0));

        assertThat(specs.values(Topics.DEAD_LETTERS.name(), DeadLetter.class)).singleElement()
                .satisfies(letter -> assertThat(letter.getReason()).contains("count must be at least 1"));
        assertThat(months()).isEmpty();
    }

    private Map<OrgMonthKey, OrgMonthlyMetrics> months() {
        return specs.latest(Topics.ORG_MONTHLY_METRICS.name(), OrgMonthKey.class, OrgMonthlyMetrics.class);
    }

    static DownloadActivity download(String orgId, String occurredAt, ActivityChannel channel, long count) {
        return SampleEvents.download(orgId).setOccurredAt(Instant.parse(occurredAt)).setReceivedAt(Instant.parse(occurredAt)).setChannel(channel).setCount(count).build();
    }

    static AccessSnapshot snapshot(String orgId, String asOf, long patients, String receivedAt) {
        return SampleEvents.accessSnapshot(orgId).setEventId(UUID.randomUUID().toString()).setAsOf(LocalDate.parse(asOf))
                .setPatientsWithAccess(patients).setPatientsOffered(null).setReceivedAt(Instant.parse(receivedAt)).build();
    }
}
