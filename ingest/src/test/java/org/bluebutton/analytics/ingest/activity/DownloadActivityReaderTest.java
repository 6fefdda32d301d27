package org.bluebutton.analytics.ingest.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.bluebutton.analytics.ingest.validation.IngestLimits;
import org.bluebutton.analytics.ingest.validation.InvalidRequestException;
import org.bluebutton.analytics.ingest.validation.JsonBatch;
import org.bluebutton.analytics.ingest.validation.Violation;
import org.bluebutton.analytics.schemas.event.ActivityChannel;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.junit.jupiter.api.Test;

class DownloadActivityReaderTest {

    private static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");
    private final DownloadActivityReader reader =
            new DownloadActivityReader(IngestLimits.DEFAULTS, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void a_valid_item_becomes_an_event_of_the_organization_received_now() {
        List<DownloadActivity> events = reader.read("org-a", items("""
                [{"eventId":"3F2B8C1E-7A4D-4E59-9A0C-2D6F1B8E4C7A","occurredAt":"2025-06-01T08:00:00-04:00",
                  "channel":"TRANSMIT","format":"C_CDA","count":3}]"""));

        assertThat(events).singleElement().satisfies(event -> {
            assertThat(event.getEventId()).isEqualTo("3f2b8c1e-7a4d-4e59-9a0c-2d6f1b8e4c7a");
            assertThat(event.getOrgId()).isEqualTo("org-a");
            assertThat(event.getOccurredAt()).isEqualTo(Instant.parse("2025-06-01T12:00:00Z"));
            assertThat(event.getChannel()).isEqualTo(ActivityChannel.TRANSMIT);
            assertThat(event.getCount()).isEqualTo(3);
            assertThat(event.getReceivedAt()).isEqualTo(NOW);
        });
    }

    @Test
    void every_problem_of_every_item_is_reported_with_its_index_and_field() {
        assertThatThrownBy(() -> reader.read("org-a", items("""
                [{"eventId":"3f2b8c1e-7a4d-4e59-9a0c-2d6f1b8e4c7a","occurredAt":"2025-06-01T08:00:00Z","channel":"DOWNLOAD","count":1},
                 {"eventId":"nope","occurredAt":"2099-01-01T00:00:00Z","channel":"FAX","count":0,"extra":true}]""")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::index, Violation::field)
                        .containsExactlyInAnyOrder(
                                org.assertj.core.groups.Tuple.tuple(1, "extra"),
                                org.assertj.core.groups.Tuple.tuple(1, "eventId"),
                                org.assertj.core.groups.Tuple.tuple(1, "occurredAt"),
                                org.assertj.core.groups.Tuple.tuple(1, "channel"),
                                org.assertj.core.groups.Tuple.tuple(1, "count")));
    }

    @Test
    void an_event_id_repeated_within_a_batch_is_refused() {
        assertThatThrownBy(() -> reader.read("org-a", items("""
                [{"eventId":"3f2b8c1e-7a4d-4e59-9a0c-2d6f1b8e4c7a","occurredAt":"2025-06-01T08:00:00Z","channel":"VIEW","count":1},
                 {"eventId":"3f2b8c1e-7a4d-4e59-9a0c-2d6f1b8e4c7a","occurredAt":"2025-06-01T09:00:00Z","channel":"VIEW","count":1}]""")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .singleElement().satisfies(v -> assertThat(v.reason()).contains("repeats the eventId of item 0")));
    }

    @Test
    void an_interval_must_end_after_it_starts_and_last_at_most_a_month() {
        assertThatThrownBy(() -> reader.read("org-a", items("""
                [{"eventId":"3f2b8c1e-7a4d-4e59-9a0c-2d6f1b8e4c7a","occurredAt":"2025-01-01T00:00:00Z",
                  "intervalEnd":"2025-03-01T00:00:00Z","channel":"VIEW","count":10}]""")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::field).containsExactly("intervalEnd"));
    }

    private static List<JsonNode> items(String json) {
        return JsonBatch.fromJsonArray(json.getBytes(StandardCharsets.UTF_8), 10_000);
    }
}
