package org.bluebutton.analytics.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBatchTest {

    @Test
    void ndjson_reports_the_bad_line_by_its_index() {
        byte[] body = "{\"a\":1}\n{\"a\":\n\n{\"a\":3}\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> JsonBatch.fromNdjson(body, 10))
                .isInstanceOfSatisfying(InvalidRequestException.class,
                        e -> assertThat(e.violations()).extracting(Violation::index).containsExactly(1));
    }

    @Test
    void ndjson_indexes_count_items_not_blank_lines_and_the_reason_names_the_line() {
        byte[] body = "\n\n{\"a\":1}\n{\"a\":\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> JsonBatch.fromNdjson(body, 10))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations())
                        .singleElement().satisfies(v -> {
                            assertThat(v.index()).isEqualTo(1);
                            assertThat(v.reason()).startsWith("line 4 ");
                        }));
    }

    @Test
    void duplicate_keys_are_refused() {
        assertThatThrownBy(() -> JsonBatch.fromJsonArray("[{\"count\":1,\"count\":2}]".getBytes(StandardCharsets.UTF_8), 10))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Malformed JSON");
    }

    @Test
    void deep_nesting_is_refused() {
        String deep = "[" + "[".repeat(50) + "]".repeat(50) + "]";

        assertThatThrownBy(() -> JsonBatch.fromJsonArray(deep.getBytes(StandardCharsets.UTF_8), 10))
                .isInstanceOf(InvalidRequestException.class);
    }

    @Test
    void more_items_than_the_limit_is_too_large() {
        assertThatThrownBy(() -> JsonBatch.fromJsonArray("[{},{},{}]".getBytes(StandardCharsets.UTF_8), 2))
                .isInstanceOf(BatchTooLargeException.class)
                .hasMessageContaining("at most 2");
    }

    @Test
    void invalid_utf8_is_refused() {
        assertThatThrownBy(() -> JsonBatch.fromJsonArray(new byte[] {'[', (byte) 0xC3, ']'}, 10))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("UTF-8");
    }
}
