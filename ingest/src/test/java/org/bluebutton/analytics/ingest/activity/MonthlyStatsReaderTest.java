package org.bluebutton.analytics.ingest.activity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.bluebutton.analytics.ingest.validation.IngestLimits;
import org.bluebutton.analytics.ingest.validation.InvalidRequestException;
import org.bluebutton.analytics.ingest.validation.Violation;
import org.bluebutton.analytics.schemas.event.AccessSnapshot;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.junit.jupiter.api.Test;

class MonthlyStatsReaderTest {

    private static final String CSV = """
            Month,Patients_With_Access,Views,Downloads,Transmits
            2025-04,12000,300,120,4
            2025-05,12500,,130,0
            """;

    private MonthlyStatsReader readerAt(String instant) {
        return new MonthlyStatsReader(IngestLimits.DEFAULTS, Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
    }

    @Test
    void a_row_becomes_a_month_end_snapshot_and_one_month_long_event_per_non_zero_count() {
        List<SpecificRecord> events = readerAt("2025-06-15T00:00:00Z").read("clinic-1", bytes(CSV));

        assertThat(events).filteredOn(AccessSnapshot.class::isInstance).extracting(e -> ((AccessSnapshot) e).getAsOf())
                .containsExactly(LocalDate.of(2025, 4, 30), LocalDate.of(2025, 5, 31));
        assertThat(events).filteredOn(DownloadActivity.class::isInstance).hasSize(4)
                .map(e -> (DownloadActivity) e)
                .filteredOn(e -> e.getOccurredAt().equals(Instant.parse("2025-04-01T00:00:00Z")))
                .hasSize(3)
                .allSatisfy(e -> assertThat(e.getIntervalEnd()).isEqualTo(Instant.parse("2025-05-01T00:00:00Z")));
    }

    @Test
    void uploading_the_same_file_again_gives_the_same_event_ids() {
        List<String> first = ids(readerAt("2025-06-15T00:00:00Z").read("clinic-1", bytes(CSV)));
        List<String> second = ids(readerAt("2025-06-20T00:00:00Z").read("clinic-1", bytes(CSV)));

        assertThat(second).isEqualTo(first).doesNotHaveDuplicates();
    }

    @Test
    void undoing_a_corrected_patients_figure_is_a_new_snapshot_that_supersedes() {
        String header = "month,patients_with_access,views,downloads,transmits\n";
        MonthlyStatsReader reader = readerAt("2025-06-15T00:00:00Z");
        String original = ((AccessSnapshot) reader.read("clinic-1", bytes(header + "2025-04,9000,,,\n")).get(0)).getEventId();
        String corrected = ((AccessSnapshot) reader.read("clinic-1", bytes(header + "2025-04,9100,,,\n")).get(0)).getEventId();
        String undone = ((AccessSnapshot) reader.read("clinic-1", bytes(header + "2025-04,9000,,,\r\n")).get(0)).getEventId();

        assertThat(List.of(original, corrected, undone)).doesNotHaveDuplicates();
    }

    @Test
    void the_current_month_is_refused_because_it_is_not_complete() {
        assertThatThrownBy(() -> readerAt("2025-05-20T00:00:00Z").read("clinic-1", bytes(CSV)))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .extracting(Violation::index, Violation::field)
                        .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "month")));
    }

    @Test
    void a_header_without_the_expected_columns_is_refused() {
        assertThatThrownBy(() -> readerAt("2025-06-15T00:00:00Z").read("clinic-1", bytes("month,patients\n2025-04,1\n")))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Invalid CSV header");
    }

    private static List<String> ids(List<SpecificRecord> events) {
        return events.stream().map(e -> e instanceof AccessSnapshot s ? s.getEventId() : ((DownloadActivity) e).getEventId()).toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
