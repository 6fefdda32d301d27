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

    @ParameterizedTest(name = "{0} standby replicas")
    @CsvSource({"0", "1", "2"})
    void the_configured_standby_replicas_are_kafka_streams_num_standby_replicas(int standbys) {
        StreamsSettings settings = StreamsSettings.builder("kafka:9092", "http://registry:8081", "0".repeat(64), QuerySettings.newPeerSecret())
                .standbyReplicas(standbys).build();

        Properties config = StreamsService.streamsConfig(settings);

        assertThat(config.get("num.standby.replicas")).isEqualTo(standbys);
    }

    @org.junit.jupiter.api.Test
    void an_admin_call_stuck_on_a_departed_partition_leader_gives_up_within_ten_seconds() {
        StreamsSettings settings = StreamsSettings.builder("kafka:9092", "http://registry:8081", "0".repeat(64), QuerySettings.newPeerSecret())
                .build();

        Properties config = StreamsService.streamsConfig(settings);

        assertThat(config.get("admin.default.api.timeout.ms")).isEqualTo(10_000);
        assertThat(config.get("admin.request.timeout.ms")).isEqualTo(5_000);
        assertThat(StreamsService.adminConfig(settings)).containsEntry("default.api.timeout.ms", 10_000).containsEntry("bootstrap.servers", "kafka:9092");
    }
}
