package org.bluebutton.analytics.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.LocalStackExtension;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class TopicInitializerIT {

    private final Admin admin;
    private final TopicInitializer initializer;
    private final String prefix = "init-" + UUID.randomUUID() + ".";

    TopicInitializerIT(LocalStack stack) {
        this.admin = Admin.create(stack.adminConfig());
        this.initializer = new TopicInitializer(admin, (short) 1, Duration.ofSeconds(30));
    }

    @AfterEach
    void closeAdmin() {
        admin.close();
    }

    @Test
    void missing_topics_are_created_with_the_catalogue_settings() throws Exception {
        TopicSpec<?, ?> stream = TopicSpec.stream(prefix + "events", 3, DownloadActivity.class, "test stream");
        TopicSpec<?, ?> table = TopicSpec.tableByOrganization(prefix + "table", 2, Pledge.class, "test table");

        TopicInitializer.Outcome outcome = initializer.ensure(List.of(stream, table));

        assertThat(outcome.created()).containsExactly(stream.name(), table.name());
        Map<String, TopicDescription> described = admin.describeTopics(List.of(stream.name(), table.name())).allTopicNames().get();
        assertThat(described.get(stream.name()).partitions()).hasSize(3);
        assertThat(described.get(table.name()).partitions()).hasSize(2);
    }

    @Test
    void an_input_topic_is_created_so_the_broker_stamps_its_records() throws Exception {
        TopicSpec<?, ?> input = Topics.DOWNLOAD_ACTIVITY.named(prefix + "admitted");

        initializer.ensure(List.of(input));

        assertThat(timestampType(input.name())).isEqualTo("LogAppendTime");
    }

    @Test
    void an_input_topic_an_earlier_version_created_with_producer_timestamps_is_switched_in_place() throws Exception {
        String name = prefix + "older";
        admin.createTopics(List.of(new NewTopic(name, Topics.DOWNLOAD_ACTIVITY.partitions(), (short) 1)
                .configs(Map.of("cleanup.policy", "delete", "retention.ms", "-1", "message.timestamp.type", "CreateTime")))).all().get();

        TopicInitializer.Outcome outcome = initializer.ensure(List.of(Topics.DOWNLOAD_ACTIVITY.named(name)));

        assertThat(outcome.alreadyPresent()).containsExactly(name);
        assertThat(timestampType(name)).isEqualTo("LogAppendTime");
    }

    private String timestampType(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get().get(resource).get("message.timestamp.type").value();
    }

    @Test
    void running_twice_creates_nothing_the_second_time() {
        List<TopicSpec<?, ?>> specs = List.of(TopicSpec.stream(prefix + "events", 2, DownloadActivity.class, "test"));
        initializer.ensure(specs);

        TopicInitializer.Outcome second = initializer.ensure(specs);

        assertThat(second.created()).isEmpty();
        assertThat(second.alreadyPresent()).containsExactly(prefix + "events");
    }

    @Test
    void the_whole_catalogue_initializes_idempotently() {
        initializer.ensure(Topics.all());

        TopicInitializer.Outcome again = initializer.ensure(Topics.all());

        assertThat(again.created()).isEmpty();
        assertThat(again.alreadyPresent()).hasSameSizeAs(Topics.all());
    }

    @Test
    void an_existing_topic_with_another_partition_count_is_rejected() throws Exception {
        String name = prefix + "narrow";
        admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
        TopicSpec<?, ?> spec = TopicSpec.stream(name, 6, DownloadActivity.class, "test");

        assertThatThrownBy(() -> initializer.ensure(List.of(spec)))
                .isInstanceOfSatisfying(TopicMismatchException.class, e -> assertThat(e.topic()).isEqualTo(name))
                .hasMessageContaining("partitions=1")
                .hasMessageContaining("partitions=6");
    }

    @Test
    void an_existing_topic_with_another_cleanup_policy_is_rejected() throws Exception {
        String name = prefix + "not-compacted";
        admin.createTopics(List.of(new NewTopic(name, 2, (short) 1))).all().get();
        TopicSpec<?, ?> spec = TopicSpec.tableByOrganization(name, 2, Pledge.class, "test");

        assertThatThrownBy(() -> initializer.ensure(List.of(spec)))
                .isInstanceOf(TopicMismatchException.class)
                .hasMessageContaining(name)
                .hasMessageContaining("cleanup.policy=delete")
                .hasMessageContaining("cleanup.policy=compact");
    }

    @Test
    void an_existing_topic_with_a_shorter_retention_is_rejected() throws Exception {
        String name = prefix + "short-lived";
        admin.createTopics(List.of(new NewTopic(name, 2, (short) 1).configs(Map.of("retention.ms", "86400000")))).all().get();
        TopicSpec<?, ?> keptForever = TopicSpec.stream(name, 2, DownloadActivity.class, "test");

        assertThatThrownBy(() -> initializer.ensure(List.of(keptForever)))
                .isInstanceOf(TopicMismatchException.class)
                .hasMessageContaining("retention.ms=86400000")
                .hasMessageContaining("retention.ms=-1");
    }
}
