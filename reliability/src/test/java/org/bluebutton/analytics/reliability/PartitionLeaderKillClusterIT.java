package org.bluebutton.analytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;
import org.bluebutton.analytics.localstack.KafkaNodes;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.LocalStackExtension;
import org.bluebutton.analytics.localstack.kafka.LocalKafka;
import org.bluebutton.analytics.localstack.kafka.LocalKafkaCluster;
import org.bluebutton.analytics.reliability.testing.Aggregates;
import org.bluebutton.analytics.reliability.testing.ClusterPipeline;
import org.bluebutton.analytics.reliability.testing.EventFlow;
import org.bluebutton.analytics.reliability.testing.IngestClient;
import org.bluebutton.analytics.reliability.testing.QueryProbe;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The pipeline on a real three-node cluster (replication 3, {@code min.insync.replicas} 2): while two
 * data holders stream download activity through ingest and a staff member reads the query API of the
 * one streams instance, the broker leading the input partition of the first data holder is killed
 * with SIGKILL. Afterwards each organization's figures equal exactly the events ingest acknowledged
 * with 202 — nothing acknowledged lost with its leader, nothing counted twice, never more at any poll.
 * Recovery times are measured and printed, not asserted. Runs only with {@code -Pcluster}.
 */
@Tag("cluster")
@KafkaNodes(3)
@ExtendWith(LocalStackExtension.class)
class PartitionLeaderKillClusterIT {

    private static final Duration CONVERGENCE_LIMIT = Duration.ofSeconds(120);
    private static ClusterPipeline pipeline;

    @BeforeAll
    static void startThePipelineOnThreeNodes(LocalStack stack) {
        pipeline = ClusterPipeline.start(stack);
    }

    @AfterAll
    static void stopThePipeline() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    /** Brings back a node a test killed, so that the next test starts from three. */
    @AfterEach
    void restartKilledNodes() {
        LocalKafkaCluster cluster = pipeline.stack().kafkaCluster();
        cluster.nodes().stream().filter(node -> !node.isRunning()).forEach(LocalKafka::start);
        cluster.awaitBrokers(cluster.size(), Duration.ofSeconds(60));
    }

    @Test
    void sigkill_of_the_leader_of_an_input_partition_under_load_loses_no_acknowledged_event_and_counts_none_twice() {
        LocalKafkaCluster cluster = pipeline.stack().kafkaCluster();
        IngestClient client = pipeline.ingestClient();
        String first = "cluster-leader-a-" + System.nanoTime();
        String second = "cluster-leader-b-" + System.nanoTime();
        String firstKey = client.hospitalWithKey(first);
        String secondKey = client.hospitalWithKey(second);
        int restartsBefore = pipeline.supervisorRestarts();
        String topic = Topics.DOWNLOAD_ACTIVITY.name();
        int partition = partitionOf(first);
        LocalKafka leader;
        String coordinators;
        Map<Integer, Long> beforeKill;
        Instant killed;
        long electionMillis;
        EventFlow firstFlow = new EventFlow(client, first, firstKey, 25, Duration.ofMillis(50), 11L);
        EventFlow secondFlow = new EventFlow(client, second, secondKey, 25, Duration.ofMillis(50), 12L);
        QueryProbe probe = new QueryProbe(pipeline, first);
        try {
            awaitFirstAcknowledgement(firstFlow);
            awaitFirstAcknowledgement(secondFlow);
            sleep(Duration.ofSeconds(3));
            leader = cluster.leaderOf(topic, partition);
            coordinators = coordinators();
            beforeKill = probe.answersByStatus();
            killed = Instant.now();
            long killedNanos = System.nanoTime();
            leader.kill();
            int killedNode = leader.nodeId();
            Awaitility.await("a new leader of " + topic + "-" + partition).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptions().until(() -> cluster.leaderOf(topic, partition).nodeId() != killedNode);
            electionMillis = Duration.ofNanos(System.nanoTime() - killedNanos).toMillis();
            // Under load on the two survivors (still min.insync.replicas) for a while; the figures below
            // converge with the node still down, and it comes back after the test.
            sleep(Duration.ofSeconds(10));
        } finally {
            firstFlow.close();
            secondFlow.close();
        }
        Aggregates.Figures firstFigures;
        Aggregates.Figures secondFigures;
        try {
            firstFigures = Aggregates.await(pipeline, first, firstFlow, CONVERGENCE_LIMIT);
            secondFigures = Aggregates.await(pipeline, second, secondFlow, CONVERGENCE_LIMIT);
        } finally {
            probe.close();
        }

        Instant firstAfter = firstFlow.firstAcknowledgedAfter(killed);
        System.out.printf("partition leader SIGKILL: node %d led %s-%d (streams' coordinators: %s); a new leader after %d ms; "
                        + "first 202 of the data holder on that partition %s after the kill; query API answers by status %s "
                        + "(before the kill %s; the last without figures: %s), longest stretch without figures after the first %d ms; "
                        + "streams replaced by the supervisor %d times%n",
                leader.nodeId(), topic, partition, coordinators, electionMillis,
                firstAfter == null ? "never" : Duration.between(killed, firstAfter).toMillis() + " ms",
                probe.answersByStatus(), beforeKill, probe.lastRefusal(), probe.longestGap().toMillis(), pipeline.supervisorRestarts() - restartsBefore);
        report("partition leader SIGKILL, data holder on that partition", firstFlow, firstFigures);
        report("partition leader SIGKILL, other data holder", secondFlow, secondFigures);
        assertThat(firstFlow.refusals()).as("answers neither 202 nor retryable").isEmpty();
        assertThat(secondFlow.refusals()).as("answers neither 202 nor retryable").isEmpty();
        assertThat(firstFlow.unavailableWithoutRetryAfter() + secondFlow.unavailableWithoutRetryAfter()).as("503 answers without Retry-After")
                .isZero();
        assertThat(firstAfter).as("ingest acknowledges again for the partition whose leader was killed").isNotNull();
        assertInvariant(firstFigures);
        assertInvariant(secondFigures);
    }

    /** The nodes coordinating the streams application's consumer group and its transactions: "group N, transactions [M]". */
    private static String coordinators() {
        try (Admin admin = Admin.create(pipeline.stack().adminConfig())) {
            int group = admin.describeConsumerGroups(List.of(pipeline.applicationId())).all().get(30, TimeUnit.SECONDS).get(pipeline.applicationId())
                    .coordinator().id();
            List<String> transactionalIds = admin.listTransactions().all().get(30, TimeUnit.SECONDS).stream()
                    .map(listing -> listing.transactionalId()).filter(id -> id.startsWith(pipeline.applicationId())).toList();
            List<Integer> transactions = admin.describeTransactions(transactionalIds).all().get(30, TimeUnit.SECONDS).values().stream()
                    .map(description -> description.coordinatorId()).distinct().toList();
            return "group " + group + ", transactions " + transactions;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot describe the streams application's group", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The partition ingest's producer writes {@code orgId}'s records to: Kafka's default partitioner on the UTF-8 key. */
    private static int partitionOf(String orgId) {
        return Utils.toPositive(Utils.murmur2(orgId.getBytes(StandardCharsets.UTF_8))) % Topics.DOWNLOAD_ACTIVITY.partitions();
    }

    private static void awaitFirstAcknowledgement(EventFlow flow) {
        Awaitility.await("a first batch acknowledged before the fault").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> flow.acknowledgedEvents() > 0 || !flow.refusals().isEmpty());
    }

    private static void report(String fault, EventFlow flow, Aggregates.Figures figures) {
        System.out.printf("%s: %s%n", fault, figures.describe());
        System.out.printf("%s: %d batches acknowledged (%d retried), %d answers 503, %d other 5xx, %d transport errors, slowest answer %d ms%n",
                fault, flow.acknowledged().size(), flow.retriedBatches(), flow.unavailableAnswers(), flow.serverErrors(), flow.transportErrors(),
                flow.slowestAnswer().toMillis());
    }

    private static void assertInvariant(Aggregates.Figures figures) {
        assertThat(figures.acknowledgedEvents()).as("events acknowledged").isPositive();
        assertThat(figures.overCountSeen()).as("the figures never exceeded what was acknowledged").isLessThanOrEqualTo(0);
        assertThat(figures.aggregatedEvents()).as("events in the aggregates = events acknowledged").isEqualTo(figures.acknowledgedEvents());
        assertThat(figures.countsMatch()).as("per-channel sums = acknowledged sums").isTrue();
        assertThat(figures.topicDistinctIds()).as("every acknowledged event is on the topic").isEqualTo(figures.acknowledgedEvents());
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
