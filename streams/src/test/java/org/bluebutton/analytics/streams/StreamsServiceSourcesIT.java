package org.bluebutton.analytics.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.time.Duration;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.LocalStackExtension;
import org.bluebutton.analytics.localstack.process.ChildProcess;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.streams.testing.StaffKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The service names the shared topics it reads, from its own topology (what a catch-up check watches). */
@ExtendWith(LocalStackExtension.class)
class StreamsServiceSourcesIT {

    @Test
    void the_source_topics_are_the_four_input_topics_and_no_internal_one(LocalStack stack) throws Exception {
        StreamsService service = StreamsService.create(StreamsSettings.builder(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                        StaffKeys.SHA256, StaffKeys.PEER_SECRET)
                .applicationId("sources-it").stateDir(Files.createTempDirectory("sources-it")).replicationFactor(1).registerSchemas(true)
                .httpPort(ChildProcess.freePort()).build());
        try {
            assertThat(service.sourceTopics()).containsExactlyInAnyOrder(Topics.PLEDGES.name(), Topics.DOWNLOAD_ACTIVITY.name(),
                    Topics.ACCESS_SNAPSHOTS.name(), Topics.ENGAGEMENT_ACTIVITY.name());
        } finally {
            service.close(Duration.ofSeconds(10));
        }
    }
}
