package org.bluebutton.analytics.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Specification of {@link LocalKafkaCluster}: three real KRaft nodes in child processes, each broker and
 * controller, with the topic catalogue's production replication. One cluster serves the class; a test
 * that takes a node down brings it back and waits for all three brokers before it ends.
 */
class LocalKafkaClusterIT {

    private static LocalKafkaCluster cluster;
    private static Admin admin;

    @BeforeAll
    static void startThreeNodes() {
        cluster = LocalKafkaCluster.builder(3).maxHeap("384m").build();
        long started = System.nanoTime();
        cluster.start();
        System.out.printf("LocalKafkaCluster: 3 nodes ready in %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
    }

    @AfterAll
    static void closeTheCluster() {
        if (admin != null) {
            admin.close();
        }
        if (cluster != null) {
            cluster.close();
            cluster.nodes().forEach(node -> assertThat(node.dataDirectory()).doesNotExist());
        }
    }

    @Test
    void three_nodes_form_one_quorum_with_their_own_ports_and_data_directories() throws Exception {
        var quorum = admin.describeMetadataQuorum().quorumInfo().get(30, TimeUnit.SECONDS);
        var brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS);

        assertThat(quorum.voters()).extracting(voter -> voter.replicaId()).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(brokers).extracting(node -> node.id()).containsExactlyInAnyOrder(1, 2, 3);
        assertThat(cluster.nodes()).extracting(LocalKafka::bootstrapServers).doesNotHaveDuplicates();
        assertThat(cluster.nodes()).extracting(LocalKafka::dataDirectory).doesNotHaveDuplicates();
        assertThat(cluster.activeController().nodeId()).isEqualTo(quorum.leaderId());
    }

    @Test
    void a_topic_created_without_settings_gets_three_replicas_and_min_insync_replicas_two() throws Exception {
        String topic = "defaults-" + System.nanoTime();

        admin.createTopics(List.of(new NewTopic(topic, Optional.of(2), Optional.empty()))).all().get(30, TimeUnit.SECONDS);

        TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic);
        assertThat(description.partitions()).allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3));
        assertThat(topicConfig(topic).get("min.insync.replicas").value()).isEqualTo("2");
    }

    @Test
    void transaction_state_and_consumer_offsets_are_replicated_three_times_with_min_insync_two() throws Exception {
        String topic = "transactional-" + System.nanoTime();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, "cluster-spec-" + System.nanoTime()), new StringSerializer(), new StringSerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", "v"));
            producer.commitTransaction();
        }
        assertThat(readAll(topic, 1, "offsets-" + System.nanoTime(), true)).containsExactly("v"); // commits offsets too

        Map<String, TopicDescription> internal = admin.describeTopics(List.of("__transaction_state", "__consumer_offsets")).allTopicNames()
                .get(30, TimeUnit.SECONDS);
        assertThat(internal.values()).allSatisfy(description -> assertThat(description.partitions())
                .allSatisfy(partition -> assertThat(partition.replicas()).hasSize(3)));
        assertThat(topicConfig("__transaction_state").get("min.insync.replicas").value()).isEqualTo("2");
    }

    @Test
    void a_record_acknowledged_by_all_in_sync_replicas_survives_the_sigkill_of_its_partition_leader() throws Exception {
        String topic = "survives-" + System.nanoTime();
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 3))).all().get(30, TimeUnit.SECONDS);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "before")).get(30, TimeUnit.SECONDS);
        }
        LocalKafka leader = cluster.leaderOf(topic, 0);

        leader.kill();
        try {
            List<String> read;
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    cluster.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>(topic, "k", "after")).get(60, TimeUnit.SECONDS);
            }
            read = readAll(topic, 2, "survivor-" + System.nanoTime(), false);

            assertThat(read).containsExactly("before", "after");
            assertThat(cluster.leaderOf(topic, 0).nodeId()).isNotEqualTo(leader.nodeId());
        } finally {
            leader.start();
            cluster.awaitBrokers(3, Duration.ofSeconds(60));
        }
    }

    private static Config topicConfig(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return admin.describeConfigs(List.of(resource)).all().get(30, TimeUnit.SECONDS).get(resource);
    }

    private static List<String> readAll(String topic, int expected, String group, boolean commit) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            if (commit) {
                consumer.commitSync(Map.of(new TopicPartition(topic, 0),
                        new OffsetAndMetadata(consumer.position(new TopicPartition(topic, 0)))));
            }
        }
        return values;
    }
}
