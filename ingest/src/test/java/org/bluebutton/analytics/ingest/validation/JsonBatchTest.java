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

    @Test
    void items_are_counted_as_they_are_read_so_the_parse_stops_at_the_first_one_too_many() {
        byte[] unfinished = "[{},{},{},{\"never\":".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> JsonBatch.fromJsonArray(unfinished, 2))
                .isInstanceOf(BatchTooLargeException.class)
                .hasMessageContaining("more than 2");
    }

    @Test
    void ndjson_lines_are_counted_as_they_are_read() {
        byte[] body = "{}\n{}\n{}\n{\"never\":".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> JsonBatch.fromNdjson(body, 2)).isInstanceOf(BatchTooLargeException.class);
    }

    @Test
    void an_item_with_more_values_than_an_event_could_have_is_refused_while_it_is_read() {
        StringBuilder item = new StringBuilder("[{");
        for (int i = 0; i < JsonBatch.MAX_VALUES_PER_ITEM; i++) {
            item.append("\"f").append(i).append("\":0,");
        }
        byte[] body = item.append("\"last\":0}]").toString().getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> JsonBatch.fromJsonArray(body, 10))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.violations()).singleElement()
                        .satisfies(v -> assertThat(v.index()).isEqualTo(0)));
    }

    @Test
    void a_batch_with_more_values_than_its_items_could_have_on_average_is_too_large() {
        String item = "[" + "1,".repeat(JsonBatch.MAX_VALUES_PER_ITEM - 2) + "1]";
        byte[] body = ("[" + (item + ",").repeat(2 * 10 * JsonBatch.MAX_VALUES_PER_ITEM_ON_AVERAGE / JsonBatch.MAX_VALUES_PER_ITEM)
                + item + "]").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> JsonBatch.fromJsonArray(body, 10)).isInstanceOf(BatchTooLargeException.class)
                .hasMessageContaining("names and values");
    }

    @Test
    void a_leading_byte_order_mark_is_skipped() {
        byte[] body = "\uFEFF[{\"a\":1}]".getBytes(StandardCharsets.UTF_8);

        assertThat(JsonBatch.fromJsonArray(body, 10)).singleElement().satisfies(item -> assertThat(item.get("a").asInt()).isEqualTo(1));
    }

    @Test
    void trailing_content_after_the_array_is_refused() {
        assertThatThrownBy(() -> JsonBatch.fromJsonArray("[{}] {}".getBytes(StandardCharsets.UTF_8), 10))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("Malformed JSON");
    }
}
