package org.bluebutton.analytics.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.bluebutton.analytics.ingest.testing.IngestServer;
import org.bluebutton.analytics.ingest.testing.IngestServerExtension;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.schemas.event.AccessSnapshot;
import org.bluebutton.analytics.schemas.event.ActivityChannel;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.event.EngagementActivity;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.testkit.TopicContents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Each reporting endpoint's happy path, read back from its topic through the registry serde. */
@ExtendWith(IngestServerExtension.class)
class ActivityIngestIT {

    private final LocalStack stack;
    private final IngestServer ingest;

    ActivityIngestIT(LocalStack stack, IngestServer ingest) {
        this.stack = stack;
        this.ingest = ingest;
    }

    @Test
    void a_json_batch_of_download_activity_is_accepted_and_published_keyed_by_organization() {
        String key = ingest.hospitalWithKey("activity-json");
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();

        HttpResponse<String> response = ingest.post("/v1/organizations/activity-json/download-activity", key, IngestServer.JSON, """
                [{"eventId":"%s","occurredAt":"2025-03-01T10:00:00Z","channel":"DOWNLOAD","format":"C_CDA","count":1},
                 {"eventId":"%s","occurredAt":"2025-03-01T00:00:00Z","intervalEnd":"2025-03-02T00:00:00Z","channel":"VIEW","count":250}]
                """.formatted(first, second));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).contains("\"accepted\":2");
        List<DownloadActivity> published = TopicContents.valuesFor(stack, Topics.DOWNLOAD_ACTIVITY.name(), "activity-json");
        assertThat(published).extracting(DownloadActivity::getEventId).containsExactly(first, second);
        assertThat(published).extracting(DownloadActivity::getChannel).containsExactly(ActivityChannel.DOWNLOAD, ActivityChannel.VIEW);
        assertThat(published).extracting(DownloadActivity::getCount).containsExactly(1L, 250L);
    }

    @Test
    void an_ndjson_batch_is_accepted_line_by_line() {
        String key = ingest.hospitalWithKey("activity-ndjson");
        String lines = """
                {"eventId":"%s","occurredAt":"2025-03-01T10:00:00Z","channel":"TRANSMIT","count":1}

                {"eventId":"%s","occurredAt":"2025-03-01T11:00:00Z","channel":"API","format":"FHIR","count":2}
                """.formatted(UUID.randomUUID(), UUID.randomUUID());

        HttpResponse<String> response = ingest.post("/v1/organizations/activity-ndjson/download-activity", key, IngestServer.NDJSON, lines);

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(TopicContents.<DownloadActivity>valuesFor(stack, Topics.DOWNLOAD_ACTIVITY.name(), "activity-ndjson"))
                .extracting(DownloadActivity::getChannel).containsExactly(ActivityChannel.TRANSMIT, ActivityChannel.API);
    }

    @Test
    void an_access_snapshot_is_published() {
        String key = ingest.hospitalWithKey("activity-snapshot");

        HttpResponse<String> response = ingest.post("/v1/organizations/activity-snapshot/access-snapshots", key, IngestServer.JSON, """
                [{"eventId":"%s","asOf":"2025-02-28","patientsWithAccess":125000,"patientsOffered":180000}]
                """.formatted(UUID.randomUUID()));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(TopicContents.<AccessSnapshot>valuesFor(stack, Topics.ACCESS_SNAPSHOTS.name(), "activity-snapshot"))
                .singleElement().satisfies(s -> {
                    assertThat(s.getPatientsWithAccess()).isEqualTo(125_000L);
                    assertThat(s.getPatientsOffered()).isEqualTo(180_000L);
                    assertThat(s.getPatientsRegistered()).isNull();
                });
    }

    @Test
    void an_engagement_story_is_published() {
        String key = ingest.employerWithKey("activity-story");

        HttpResponse<String> response = ingest.post("/v1/organizations/activity-story/engagement-activities", key, IngestServer.JSON, """
                [{"eventId":"%s","occurredOn":"2025-03-01","engagementType":"CEO_MESSAGE","peopleReached":4200,
                  "title":"CEO message","story":"Line one.\\nLine two.","link":"https://acme.example.com/bb"}]
                """.formatted(UUID.randomUUID()));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(TopicContents.<EngagementActivity>valuesFor(stack, Topics.ENGAGEMENT_ACTIVITY.name(), "activity-story"))
                .singleElement().satisfies(e -> assertThat(e.getStory()).isEqualTo("Line one.\nLine two."));
    }

    @Test
    void uploading_the_same_monthly_csv_twice_publishes_the_same_event_ids() {
        String key = ingest.hospitalWithKey("activity-csv");
        String csv = "month,patients_with_access,views,downloads,transmits\n2024-11,9000,100,40,2\n2024-12,9100,110,45,\n";

        HttpResponse<String> first = ingest.post("/v1/organizations/activity-csv/monthly-stats", key, IngestServer.CSV, csv);
        HttpResponse<String> second = ingest.post("/v1/organizations/activity-csv/monthly-stats", key, IngestServer.CSV, csv);

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(second.statusCode()).isEqualTo(202);
        List<DownloadActivity> activity = TopicContents.valuesFor(stack, Topics.DOWNLOAD_ACTIVITY.name(), "activity-csv");
        List<AccessSnapshot> snapshots = TopicContents.valuesFor(stack, Topics.ACCESS_SNAPSHOTS.name(), "activity-csv");
        assertThat(activity).hasSize(10);
        assertThat(activity.stream().map(DownloadActivity::getEventId).distinct()).hasSize(5);
        assertThat(snapshots.stream().map(AccessSnapshot::getEventId).distinct()).hasSize(2);
    }
}
