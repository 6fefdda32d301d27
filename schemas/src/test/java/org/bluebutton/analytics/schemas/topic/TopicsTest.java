package org.bluebutton.analytics.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void topic_names_are_unique() {
        List<String> names = Topics.all().stream().map(TopicSpec::name).toList();

        assertThat(names).doesNotHaveDuplicates();
    }

    @Test
    void input_topics_keyed_by_organization_are_co_partitioned_with_pledges() {
        List<TopicSpec<?, ?>> byOrganization = List.of(Topics.PLEDGES, Topics.DOWNLOAD_ACTIVITY, Topics.ACCESS_SNAPSHOTS,
                Topics.ENGAGEMENT_ACTIVITY, Topics.LATE_EVENTS);

        assertThat(byOrganization).allSatisfy(topic -> {
            assertThat(topic.partitions()).isEqualTo(Topics.PLEDGES.partitions());
            assertThat(topic.avroKeySchema()).as("%s has string organization keys", topic.name()).isEmpty();
        });
    }

    @Test
    void tables_are_compacted_and_event_streams_are_kept_forever() {
        assertThat(Topics.PLEDGES.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact");
        assertThat(Topics.ORG_MONTHLY_METRICS.configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact");
        assertThat(Topics.DOWNLOAD_ACTIVITY.configs())
                .containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "delete")
                .containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
        assertThat(Topics.DEAD_LETTERS.configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, "-1");
    }

    @Test
    void subjects_follow_the_topic_name_strategy() {
        assertThat(Topics.ROLLUP_METRICS.keySubject()).isEqualTo("bluebutton.rollup-metrics-key");
        assertThat(Topics.ROLLUP_METRICS.valueSubject()).isEqualTo("bluebutton.rollup-metrics-value");
    }

    @Test
    void every_record_field_of_every_schema_is_documented() {
        List<String> undocumented = new ArrayList<>();
        for (TopicSpec<?, ?> topic : Topics.all()) {
            topic.avroKeySchema().ifPresent(key -> collectUndocumented(key, undocumented));
            collectUndocumented(topic.valueSchema(), undocumented);
        }

        assertThat(undocumented).isEmpty();
    }

    @Test
    void every_enum_has_a_default_symbol_so_old_readers_survive_new_symbols() {
        List<String> withoutDefault = new ArrayList<>();
        for (TopicSpec<?, ?> topic : Topics.all()) {
            topic.avroKeySchema().ifPresent(key -> collectEnumsWithoutDefault(key, withoutDefault));
            collectEnumsWithoutDefault(topic.valueSchema(), withoutDefault);
        }

        assertThat(withoutDefault).isEmpty();
    }

    private static void collectUndocumented(Schema schema, List<String> out) {
        switch (schema.getType()) {
            case RECORD -> {
                if (isBlank(schema.getDoc())) {
                    out.add(schema.getFullName());
                }
                for (Schema.Field field : schema.getFields()) {
                    if (isBlank(field.doc())) {
                        out.add(schema.getFullName() + "." + field.name());
                    }
                    collectUndocumented(field.schema(), out);
                }
            }
            case UNION -> schema.getTypes().forEach(t -> collectUndocumented(t, out));
            case ARRAY -> collectUndocumented(schema.getElementType(), out);
            case MAP -> collectUndocumented(schema.getValueType(), out);
            case ENUM -> {
                if (isBlank(schema.getDoc())) {
                    out.add(schema.getFullName());
                }
            }
            default -> {
            }
        }
    }

    private static void collectEnumsWithoutDefault(Schema schema, List<String> out) {
        switch (schema.getType()) {
            case RECORD -> schema.getFields().forEach(f -> collectEnumsWithoutDefault(f.schema(), out));
            case UNION -> schema.getTypes().forEach(t -> collectEnumsWithoutDefault(t, out));
            case ARRAY -> collectEnumsWithoutDefault(schema.getElementType(), out);
            case MAP -> collectEnumsWithoutDefault(schema.getValueType(), out);
            case ENUM -> {
                if (schema.getEnumDefault() == null) {
                    out.add(schema.getFullName());
                }
            }
            default -> {
            }
        }
    }

    private static boolean isBlank(String text) {
        return text == null || text.isBlank();
    }
}
