package org.bluebutton.analytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.bluebutton.analytics.localstack.KafkaNodes;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.LocalStackExtension;
import org.bluebutton.analytics.localstack.kafka.LocalKafka;
import org.bluebutton.analytics.localstack.kafka.LocalKafkaCluster;
import org.bluebutton.analytics.reliability.testing.ClusterPipeline;
import org.bluebutton.analytics.reliability.testing.FaultUnderLoad;
import org.bluebutton.analytics.reliability.testing.QueryProbe;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A streams instance SIGKILLed under load on the three-node cluster, with and without a standby
 * replica of each task: its tasks move to the other instance, whose query API answers the moved
 * organization's figures again only once they are exact — meanwhile 503 with Retry-After, never a
 * figure lower than one already shown (a stale or partially restored store). The time from the kill
 * to the first figures of the moved organization is printed, not asserted. Runs only with
 * {@code -Pcluster}.
 */
@Tag("cluster")
@KafkaNodes(3)
@ExtendWith(LocalStackExtension.class)
class StreamsFailoverClusterIT {

    @ParameterizedTest(name = "{0} standby replicas")
    @ValueSource(ints = {0, 1})
    void a_killed_streams_instance_s_organizations_are_answered_exactly_by_the_other(int standbyReplicas, LocalStack stack) throws Exception {
        AtomicReference<QueryProbe> survivorProbe = new AtomicReference<>();
        AtomicReference<Instant> killedAt = new AtomicReference<>();
        try (ClusterPipeline pipeline = ClusterPipeline.start(stack, standbyReplicas)) {
            String name = "streams instance SIGKILL, " + standbyReplicas + " standby";
            FaultUnderLoad.on(pipeline, name).run(scene -> {
                int partition = scene.partitionOf(scene.first());
                int owner = pipeline.ownerOf(Topics.DOWNLOAD_ACTIVITY.name(), partition);
                int survivor = 1 - owner;
                // Read the moved organization where its figures will be after the failover.
                survivorProbe.set(new QueryProbe(pipeline, pipeline.queryUrl(survivor), scene.first()));
                Thread.sleep(1_000);
                killedAt.set(Instant.now());
                pipeline.killStreams(owner);
                return "instance %d (active task of %s-%d, the first data holder's) SIGKILLed and left down; instance %d takes over"
                        .formatted(owner, Topics.DOWNLOAD_ACTIVITY.name(), partition, survivor);
            });
            QueryProbe probe = survivorProbe.get();
            probe.close();
            System.out.printf("%s: the surviving instance answered the moved organization's figures again %s after the kill "
                            + "(answers by status %s, longest stretch without figures %d ms)%n",
                    name, FaultUnderLoad.since(killedAt.get(), probe.firstFiguresAfter(killedAt.get())), probe.answersByStatus(),
                    probe.longestGap().toMillis());
            assertThat(probe.staleOrPartialAnswers()).as("figures lower than an earlier answer, or 503 without Retry-After, during the failover")
                    .isEmpty();
            assertThat(probe.firstFiguresAfter(killedAt.get())).as("the surviving instance answers the moved organization").isNotNull();
        }
    }

    /**
     * A machine running a broker and a streams instance is lost: the leader of the first data holder's
     * input partition and the streams instance owning its task are SIGKILLed together. The survivor
     * restores the moved tasks while a broker its clients knew as a leader is gone — where Kafka 4.1's
     * admin client, asked for the changelogs' end offsets, waited on the departed leader for a minute
     * per attempt before streams bounded its admin calls (README, "The cluster suite").
     */
    @Test
    void a_lost_machine_s_broker_and_streams_instance_are_survived_exactly(LocalStack stack) throws Exception {
        AtomicReference<QueryProbe> survivorProbe = new AtomicReference<>();
        AtomicReference<Instant> killedAt = new AtomicReference<>();
        LocalKafkaCluster cluster = stack.kafkaCluster();
        String name = "broker and streams instance SIGKILL, 1 standby";
        try (ClusterPipeline pipeline = ClusterPipeline.start(stack, 1)) {
            FaultUnderLoad.on(pipeline, name).run(scene -> {
                String topic = Topics.DOWNLOAD_ACTIVITY.name();
                int partition = scene.partitionOf(scene.first());
                int owner = pipeline.ownerOf(topic, partition);
                LocalKafka broker = cluster.leaderOf(topic, partition);
                survivorProbe.set(new QueryProbe(pipeline, pipeline.queryUrl(1 - owner), scene.first()));
                Thread.sleep(1_000);
                killedAt.set(Instant.now());
                broker.kill();
                pipeline.killStreams(owner);
                return "node %d (leader of %s-%d) and streams instance %d (its active task) SIGKILLed together and left down"
                        .formatted(broker.nodeId(), topic, partition, owner);
            });
            QueryProbe probe = survivorProbe.get();
            probe.close();
            System.out.printf("%s: the surviving instance answered the moved organization's figures again %s after the kill "
                            + "(answers by status %s, longest stretch without figures %d ms)%n",
                    name, FaultUnderLoad.since(killedAt.get(), probe.firstFiguresAfter(killedAt.get())), probe.answersByStatus(),
                    probe.longestGap().toMillis());
            assertThat(probe.staleOrPartialAnswers()).as("figures lower than an earlier answer, or 503 without Retry-After, during the failover")
                    .isEmpty();
            assertThat(probe.firstFiguresAfter(killedAt.get())).as("the surviving instance answers the moved organization").isNotNull();
        } finally {
            cluster.nodes().stream().filter(node -> !node.isRunning()).forEach(LocalKafka::start);
            cluster.awaitBrokers(cluster.size(), Duration.ofSeconds(90));
        }
    }
}
