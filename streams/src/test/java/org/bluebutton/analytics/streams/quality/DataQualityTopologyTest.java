package org.bluebutton.analytics.streams.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Map;
import org.bluebutton.analytics.schemas.aggregate.DataQualityKey;
import org.bluebutton.analytics.schemas.aggregate.DataQualityMetrics;
import org.bluebutton.analytics.schemas.event.AccessSnapshot;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.testing.TopologySpecs;
import org.bluebutton.analytics.testkit.SampleEvents;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the pipeline sets aside is counted per input topic and month. Grace: 10 days. */
class DataQualityTopologyTest {

    private static final String DOWNLOADS = Topics.DOWNLOAD_ACTIVITY.name();
    private final TopologySpecs specs;

    DataQualityTopologyTest() {
        this.specs = new TopologySpecs(Duration.ofDays(10));
    }

    @AfterEach
    void closeDriver() {
        specs.close();
    }

    @Test
    void late_events_are_counted_in_the_month_they_happened() {
        specs.send(download("2025-03-20T00:00:00Z", 1));
        specs.send(download("2025-01-15T00:00:00Z", 7));
        specs.send(download("2025-01-16T00:00:00Z", 3));

        DataQualityMetrics january = figures().get(new DataQualityKey(DOWNLOADS, 2025, 1));

        assertThat(january).extracting(DataQualityMetrics::getLateEvents, DataQualityMetrics::getLateCount).containsExactly(2L, 10L);
    }

    @Test
    void duplicates_are_counted_per_topic() {
        DownloadActivity download = download("2025-03-20T00:00:00Z", 1);
        AccessSnapshot snapshot = SampleEvents.accessSnapshot("org-a").build();
        specs.send(download);
        specs.send(download);
        specs.send(download);
        specs.send(snapshot);
        specs.send(snapshot);

        Map<DataQualityKey, DataQualityMetrics> figures = figures();

        assertThat(figures.get(new DataQualityKey(DOWNLOADS, 2025, 3)).getDuplicateEvents()).isEqualTo(2L);
        assertThat(figures.get(new DataQualityKey(Topics.ACCESS_SNAPSHOTS.name(), 2025, 2)).getDuplicateEvents()).isEqualTo(1L);
    }

    @Test
    void dead_letters_of_every_input_topic_are_counted_in_the_month_they_were_set_aside() {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        specs.sendRaw(Topics.PLEDGES.name(), "org-a", "not avro".getBytes(StandardCharsets.UTF_8));
        specs.sendRaw(Topics.ENGAGEMENT_ACTIVITY.name(), "org-a", new byte[] {0, 0, 0, 0, 1});
        specs.sendRaw(DOWNLOADS, "org-a", new byte[] {42});
        specs.sendRaw(DOWNLOADS, "org-a", new byte[] {43});

        Map<DataQualityKey, DataQualityMetrics> figures = figures();

        assertThat(figures.get(new DataQualityKey(Topics.PLEDGES.name(), now.getYear(), now.getMonthValue())).getDeadLetters()).isEqualTo(1L);
        assertThat(figures.get(new DataQualityKey(Topics.ENGAGEMENT_ACTIVITY.name(), now.getYear(), now.getMonthValue())).getDeadLetters())
                .isEqualTo(1L);
        assertThat(figures.get(new DataQualityKey(DOWNLOADS, now.getYear(), now.getMonthValue())).getDeadLetters()).isEqualTo(2L);
    }

    @Test
    void each_organization_has_its_own_late_events_and_duplicates() {
        DownloadActivity download = download("2025-03-20T00:00:00Z", 1);
        specs.send(download);
        specs.send(download);
        specs.send(download("2025-01-15T00:00:00Z", 7));
        specs.send(SampleEvents.download("org-b").setOccurredAt(Instant.parse("2025-03-21T00:00:00Z"))
                .setReceivedAt(Instant.parse("2025-03-21T00:00:00Z")).build());

        Map<OrganizationIncidentsKey, DataQualityMetrics> figures = specs.store(DataQualityTopology.ORGANIZATION_STORE);

        assertThat(figures).containsOnlyKeys(new OrganizationIncidentsKey("org-a", 2025, 3, DOWNLOADS),
                new OrganizationIncidentsKey("org-a", 2025, 1, DOWNLOADS));
        assertThat(figures.get(new OrganizationIncidentsKey("org-a", 2025, 3, DOWNLOADS)).getDuplicateEvents()).isEqualTo(1L);
        assertThat(figures.get(new OrganizationIncidentsKey("org-a", 2025, 1, DOWNLOADS)))
                .extracting(DataQualityMetrics::getLateEvents, DataQualityMetrics::getLateCount).containsExactly(1L, 7L);
    }

    @Test
    void a_dead_letter_counts_for_the_organization_its_record_was_keyed_by_and_a_forged_long_key_for_none() {
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        specs.sendRaw(DOWNLOADS, "org-a", new byte[] {42});
        specs.sendRaw(DOWNLOADS, "x".repeat(1_000), new byte[] {42});

        Map<OrganizationIncidentsKey, DataQualityMetrics> figures = specs.store(DataQualityTopology.ORGANIZATION_STORE);

        assertThat(figures).containsOnlyKeys(new OrganizationIncidentsKey("org-a", now.getYear(), now.getMonthValue(), DOWNLOADS));
        assertThat(figures().get(new DataQualityKey(DOWNLOADS, now.getYear(), now.getMonthValue())).getDeadLetters()).isEqualTo(2L);
    }

    @Test
    void processing_goes_on_after_a_dead_letter() {
        specs.sendRaw(Topics.PLEDGES.name(), "org-a", "not avro".getBytes(StandardCharsets.UTF_8));
        specs.send(SampleEvents.hospitalPledge("org-a").build());

        assertThat(specs.<String, Object>store("organizations")).containsKey("org-a");
    }

    private Map<DataQualityKey, DataQualityMetrics> figures() {
        return specs.latest(Topics.DATA_QUALITY_METRICS.name(), DataQualityKey.class, DataQualityMetrics.class);
    }

    private static DownloadActivity download(String occurredAt, long count) {
        return SampleEvents.download("org-a").setOccurredAt(Instant.parse(occurredAt)).setReceivedAt(Instant.parse(occurredAt)).setCount(count).build();
    }
}
