package org.bluebutton.analytics.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import org.apache.kafka.streams.KafkaStreams;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.LocalStackExtension;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.testing.StaffKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** The application names the shared topics it reads, from its own topology (what a catch-up check watches). */
@ExtendWith(LocalStackExtension.class)
class StreamsApplicationSourcesIT {

    @Test
    void the_source_topics_are_the_four_input_topics_and_no_internal_one(LocalStack stack) throws Exception {
        StreamsApplication application = new StreamsApplication();
        new CommandLine(application).parseArgs(
                "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", stack.schemaRegistryUrl(),
                "--application-id", "sources-it",
                "--state-dir", Files.createTempDirectory("sources-it").toString(),
                "--replication-factor", "1",
                "--register-schemas", "true",
                "--staff-key-sha256", StaffKeys.SHA256,
                "--peer-secret", StaffKeys.PEER_SECRET);
        KafkaStreams streams = application.create();
        try {
            assertThat(application.sourceTopics()).containsExactlyInAnyOrder(Topics.PLEDGES.name(), Topics.DOWNLOAD_ACTIVITY.name(),
                    Topics.ACCESS_SNAPSHOTS.name(), Topics.ENGAGEMENT_ACTIVITY.name());
        } finally {
            streams.close(Duration.ofSeconds(10));
        }
    }
}
