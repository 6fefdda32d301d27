package org.bluebutton.analytics.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast event-time reader accepts and refuses exactly what {@code OffsetDateTime.parse} does, with the same instant. */
class EventTimesTest {

    @ParameterizedTest
    @ValueSource(strings = {"2025-03-01T14:30:00Z", "2025-03-01T09:30:00.250-05:00", "2024-02-29T23:59:59.999999999+14:00",
        "2010-01-01T00:00:00-00:00", "1999-12-31T23:59:59+18:00", "2025-03-01t14:30:00z", "2025-03-01T14:30Z",
        "2025-03-01T14:30:00+05:30:15", "2025-03-01T14:30:00.Z", "0000-01-01T00:00:00Z"})
    void accepted_texts_give_the_instant_offset_date_time_gives(String text) {
        assertThat(EventTimes.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2025-02-30T10:00:00Z", "2025-13-01T10:00:00Z", "2025-03-01T24:00:00Z", "2025-03-01T10:60:00Z",
        "2025-03-01T10:00:00", "2025-03-01 10:00:00Z", "2025-03-01T10:00:00+19:00", "2025-03-01T10:00:00.1234567890Z",
        "2025-03-01T10:00:00+0500", "２０２５-03-01T10:00:00Z", "2025-03-01T10:00:00ZZ", "", "2025"})
    void refused_texts_are_refused_as_offset_date_time_refuses_them(String text) {
        assertThatThrownBy(() -> OffsetDateTime.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> EventTimes.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void random_instants_and_offsets_in_every_written_form_read_back_the_same() {
        SplittableRandom random = new SplittableRandom(18);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-5_000_000_000L, 5_000_000_000L), random.nextInt(1_000_000_000));
            int offsetMinutes = random.nextInt(-18 * 60, 18 * 60 + 1);
            String text = OffsetDateTime.ofInstant(instant, java.time.ZoneOffset.ofTotalSeconds(offsetMinutes * 60)).toString();

            assertThat(EventTimes.parse(text)).as(text).isEqualTo(OffsetDateTime.parse(text).toInstant());
        }
    }
}
