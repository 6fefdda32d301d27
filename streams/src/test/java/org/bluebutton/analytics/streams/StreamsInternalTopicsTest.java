package org.bluebutton.analytics.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.bluebutton.analytics.streams.query.QuerySettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Kafka Streams' changelog and repartition topics are as durable as the project's own topics. */
class StreamsInternalTopicsTest {

    @ParameterizedTest(name = "replication {0} -> min.insync.replicas {1}")
    @CsvSource({"1, 1", "2, 1", "3, 2", "5, 4"})
    void internal_topics_require_all_replicas_but_one_in_sync(int replicationFactor, String minInSync) {
        StreamsSettings settings = StreamsSettings.builder("kafka:9092", "http://registry:8081", "0".repeat(64), QuerySettings.newPeerSecret())
                .replicationFactor(replicationFactor).build();

        Properties config = StreamsService.streamsConfig(settings);

        assertThat(config.get("replication.factor")).isEqualTo(replicationFactor);
        assertThat(config.get("topic.min.insync.replicas")).isEqualTo(minInSync);
    }
}
