package org.bluebutton.analytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.bluebutton.analytics.localstack.KafkaNodes;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.LocalStackExtension;
import org.bluebutton.analytics.localstack.kafka.LocalKafka;
import org.bluebutton.analytics.localstack.kafka.LocalKafkaCluster;
import org.bluebutton.analytics.reliability.testing.ClusterPipeline;
import org.bluebutton.analytics.reliability.testing.EventFlow;
import org.bluebutton.analytics.reliability.testing.FaultUnderLoad;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Broker faults on a real three-node cluster (replication 3, {@code min.insync.replicas} 2) while two
 * data holders stream through two ingest instances and two streams instances (one standby each) serve
 * the query API: the SIGKILL of a partition leader, of the active controller, a clean stop and restart
 * of a broker on its data directory, and two brokers down at once. After each, every acknowledged
 * event is counted exactly once and nothing else is ({@link FaultUnderLoad}). Recovery times are
 * printed, not asserted. Runs only with {@code -Pcluster}.
 */
@Tag("cluster")
@KafkaNodes(3)
@ExtendWith(LocalStackExtension.class)
class BrokerFaultsClusterIT {

    private static final Duration ELECTION_LIMIT = Duration.ofSeconds(60);
    private ClusterPipeline pipeline;

    /**
     * A pipeline per fault (its own application id and instances; the stack is shared): a fault that
     * leaves streams unable to finish must not fail the faults after it.
     */
    @BeforeEach
    void startThePipelineOnThreeNodes(LocalStack stack) {
        pipeline = ClusterPipeline.start(stack, 1);
    }

    /** Stops the pipeline and brings back any node the test left down, so that the next test starts from three. */
    @AfterEach
    void stopThePipelineAndRestartNodesLeftDown() {
        try {
            if (pipeline != null) {
                pipeline.close();
            }
        } finally {
            LocalKafkaCluster cluster = pipeline.stack().kafkaCluster();
            startAll(cluster.nodes().stream().filter(node -> !node.isRunning()).toList());
            cluster.awaitBrokers(cluster.size(), Duration.ofSeconds(90));
        }
    }

    @Test
    void sigkill_of_the_leader_of_an_input_partition_loses_no_acknowledged_event_and_counts_none_twice() throws Exception {
        LocalKafkaCluster cluster = pipeline.stack().kafkaCluster();
        FaultUnderLoad.on(pipeline, "partition leader SIGKILL").run(scene -> {
            String topic = Topics.DOWNLOAD_ACTIVITY.name();
            int partition = scene.partitionOf(scene.first());
            LocalKafka leader = cluster.leaderOf(topic, partition);
            long killed = System.nanoTime();
            leader.kill();
            Awaitility.await("a new leader of " + topic + "-" + partition).atMost(ELECTION_LIMIT).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions().until(() -> cluster.leaderOf(topic, partition).nodeId() != leader.nodeId());
            return "node %d led %s-%d; a new leader after %d ms; the node stays down until the figures converged"
                    .formatted(leader.nodeId(), topic, partition, millisSince(killed));
        });
    }

    @Test
    void sigkill_of_the_active_controller_loses_no_acknowledged_event_and_counts_none_twice() throws Exception {
        LocalKafkaCluster cluster = pipeline.stack().kafkaCluster();
        FaultUnderLoad.on(pipeline, "active controller SIGKILL").run(scene -> {
            LocalKafka controller = cluster.activeController();
            long killed = System.nanoTime();
            controller.kill();
            Awaitility.await("a new active controller").atMost(ELECTION_LIMIT).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                    .until(() -> cluster.activeController().nodeId() != controller.nodeId());
            return "node %d was the active controller (and a broker); a new controller after %d ms; the node stays down until the figures converged"
                    .formatted(controller.nodeId(), millisSince(killed));
        });
    }

    @Test
    void a_broker_stopped_and_restarted_on_its_data_loses_no_acknowledged_event_and_counts_none_twice() throws Exception {
        LocalKafkaCluster cluster = pipeline.stack().kafkaCluster();
        FaultUnderLoad.on(pipeline, "broker SIGTERM and restart").run(scene -> {
            String topic = Topics.DOWNLOAD_ACTIVITY.name();
            int partition = scene.partitionOf(scene.first());
            LocalKafka leader = cluster.leaderOf(topic, partition);
            long stopping = System.nanoTime();
            leader.stop(); // SIGTERM: a controlled shutdown, its data directory kept
            long stoppedMillis = millisSince(stopping);
            Thread.sleep(10_000);
            long starting = System.nanoTime();
            leader.start();
            cluster.awaitBrokers(cluster.size(), Duration.ofSeconds(90));
            long rejoinedMillis = millisSince(starting);
            Awaitility.await("node " + leader.nodeId() + " back in sync for " + topic + "-" + partition).atMost(ELECTION_LIMIT)
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> inSync(topic, partition) == cluster.size());
            return "node %d led %s-%d; stopped cleanly in %d ms, down 10 s under load, registered again %d ms after its start, in sync again %d ms after it"
                    .formatted(leader.nodeId(), topic, partition, stoppedMillis, rejoinedMillis, millisSince(starting));
        });
    }

    @Test
    void with_two_brokers_down_ingest_answers_503_and_never_202_then_recovers_exactly() throws Exception {
        LocalKafkaCluster cluster = pipeline.stack().kafkaCluster();
        Instant[] window = new Instant[2];
        FaultUnderLoad.Outcome outcome = FaultUnderLoad.on(pipeline, "two brokers SIGKILL").run(scene -> {
            List<LocalKafka> victims = cluster.nodes().subList(0, 2);
            victims.forEach(LocalKafka::kill);
            window[0] = Instant.now();
            // Fewer in-sync replicas than min.insync.replicas for every partition (and no controller quorum) for 15 s of load.
            Thread.sleep(15_000);
            window[1] = Instant.now();
            long starting = System.nanoTime();
            startAll(victims);
            cluster.awaitBrokers(cluster.size(), Duration.ofSeconds(90));
            return "nodes %d and %d SIGKILLed together (one node of three left: below min.insync.replicas 2 and without a controller quorum), "
                    .formatted(victims.get(0).nodeId(), victims.get(1).nodeId())
                    + "down 15 s under load, both registered again %d ms after their start".formatted(millisSince(starting));
        });
        EventFlow firstFlow = outcome.scene().firstFlow();
        EventFlow secondFlow = outcome.scene().secondFlow();
        System.out.printf("two brokers SIGKILL: while down, %d / %d answers 503 and %d / %d batches acknowledged (sent and answered in the window)%n",
                firstFlow.unavailableAnswersBetween(window[0], window[1]), secondFlow.unavailableAnswersBetween(window[0], window[1]),
                firstFlow.acknowledgedWithin(window[0], window[1]).size(), secondFlow.acknowledgedWithin(window[0], window[1]).size());
        assertThat(firstFlow.acknowledgedWithin(window[0], window[1])).as("202 while fewer than min.insync.replicas were in sync").isEmpty();
        assertThat(secondFlow.acknowledgedWithin(window[0], window[1])).as("202 while fewer than min.insync.replicas were in sync").isEmpty();
        assertThat(firstFlow.unavailableAnswersBetween(window[0], window[1]) + secondFlow.unavailableAnswersBetween(window[0], window[1]))
                .as("ingest answered 503 (not silence) while the cluster could not take writes").isPositive();
        assertThat(firstFlow.firstAcknowledgedAfter(window[1])).as("ingest acknowledges again once the brokers are back").isNotNull();
        assertThat(secondFlow.firstAcknowledgedAfter(window[1])).as("ingest acknowledges again once the brokers are back").isNotNull();
    }

    private int inSync(String topic, int partition) throws Exception {
        try (var admin = org.apache.kafka.clients.admin.Admin.create(pipeline.stack().adminConfig())) {
            return admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().get(partition).isr().size();
        }
    }

    /** Starts the nodes at once: a node only becomes ready with a controller quorum, which may need the others. */
    private static void startAll(List<LocalKafka> nodes) {
        CompletableFuture.allOf(nodes.stream().map(node -> CompletableFuture.runAsync(node::start)).toArray(CompletableFuture[]::new)).join();
    }

    private static long millisSince(long nanos) {
        return Duration.ofNanos(System.nanoTime() - nanos).toMillis();
    }
}
