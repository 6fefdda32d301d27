package org.bluebutton.analytics.reliability.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.utils.Utils;
import org.awaitility.Awaitility;
import org.bluebutton.analytics.schemas.topic.Topics;

/**
 * One fault of the cluster suite, under load, with the suite's exact invariants: two data holders
 * stream download activity, the first through ingest instance 0 and the second through instance 1,
 * while a staff member reads each one's figures from a different streams instance. Once both
 * instances serve figures, the {@link Fault} strikes; the load goes on for a while, then stops, and
 * each data holder's figures must equal exactly what ingest acknowledged with 202 — nothing lost,
 * nothing counted twice, never more at any poll, never fewer than an earlier answer showed, every
 * acknowledged id once on the topic. Every 503 carries Retry-After. What the fault cost (recovery
 * times, answers by status) is printed, never asserted.
 */
public final class FaultUnderLoad {

    private static final Duration STEADY_LIMIT = Duration.ofSeconds(180);
    private static final Duration CONVERGENCE_LIMIT = Duration.ofSeconds(300);

    /** What a test does to the cluster; returns a line describing what it hit and what that took. */
    @FunctionalInterface
    public interface Fault {
        String strike(Scene scene) throws Exception;
    }

    /** What a fault can see and act on while the load runs. */
    public record Scene(ClusterPipeline pipeline, String first, String second, EventFlow firstFlow, EventFlow secondFlow) {

        /** The download-activity partition ingest writes {@code orgId}'s events to (Kafka's default partitioner). */
        public int partitionOf(String orgId) {
            return Utils.toPositive(Utils.murmur2(orgId.getBytes(StandardCharsets.UTF_8))) % Topics.DOWNLOAD_ACTIVITY.partitions();
        }
    }

    /** What the run measured, for the test's own assertions beyond the shared ones. */
    public record Outcome(Scene scene, Instant struck, String faultReport, Aggregates.Figures firstFigures, Aggregates.Figures secondFigures,
            QueryProbe firstProbe, QueryProbe secondProbe) {
    }

    private final ClusterPipeline pipeline;
    private final String name;
    private Duration loadAfterFault = Duration.ofSeconds(10);

    private FaultUnderLoad(ClusterPipeline pipeline, String name) {
        this.pipeline = pipeline;
        this.name = name;
    }

    /** A fault named {@code name} (the prefix of every printed line) on {@code pipeline}. */
    public static FaultUnderLoad on(ClusterPipeline pipeline, String name) {
        return new FaultUnderLoad(pipeline, name);
    }

    /** How long the load goes on after the fault returned (default 10 s). */
    public FaultUnderLoad loadAfterFault(Duration duration) {
        this.loadAfterFault = duration;
        return this;
    }

    /** Runs the scene, strikes, converges, prints and asserts the shared invariants. */
    public Outcome run(Fault fault) throws Exception {
        String tag = name.replaceAll("[^a-z0-9]+", "-");
        String first = "cluster-" + tag + "-a-" + System.nanoTime();
        String second = "cluster-" + tag + "-b-" + System.nanoTime();
        String firstKey = pipeline.ingestClient(0).hospitalWithKey(first, Duration.ofSeconds(60));
        String secondKey = pipeline.ingestClient(1).hospitalWithKey(second, Duration.ofSeconds(60));
        int restartsBefore = pipeline.supervisorRestarts();
        EventFlow firstFlow = new EventFlow(pipeline.ingestClient(0), first, firstKey, 25, Duration.ofMillis(50), first.hashCode());
        EventFlow secondFlow = new EventFlow(pipeline.ingestClient(1), second, secondKey, 25, Duration.ofMillis(50), second.hashCode());
        Scene scene = new Scene(pipeline, first, second, firstFlow, secondFlow);
        QueryProbe firstProbe = null;
        QueryProbe secondProbe = null;
        Instant struck;
        String faultReport;
        try {
            awaitFirstAcknowledgement(firstFlow);
            awaitFirstAcknowledgement(secondFlow);
            // Steady before the fault: both instances answer both data holders' figures.
            pipeline.awaitServing(first, STEADY_LIMIT);
            pipeline.awaitServing(second, STEADY_LIMIT);
            firstProbe = new QueryProbe(pipeline, pipeline.queryUrl(0), first);
            secondProbe = new QueryProbe(pipeline, pipeline.queryUrl(1), second);
            Thread.sleep(2_000);
            struck = Instant.now();
            faultReport = fault.strike(scene);
            Thread.sleep(loadAfterFault.toMillis());
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
            firstProbe.close();
            secondProbe.close();
        }
        print(struck, faultReport, firstFlow, secondFlow, firstProbe, secondProbe, firstFigures, secondFigures, restartsBefore);
        for (EventFlow flow : List.of(firstFlow, secondFlow)) {
            assertThat(flow.refusals()).as("answers neither 202 nor retryable").isEmpty();
            assertThat(flow.unavailableWithoutRetryAfter()).as("503 answers without Retry-After").isZero();
        }
        for (QueryProbe probe : List.of(firstProbe, secondProbe)) {
            assertThat(probe.staleOrPartialAnswers()).as("query answers with fewer events than an earlier one, or 503 without Retry-After")
                    .isEmpty();
        }
        assertExact(firstFigures);
        assertExact(secondFigures);
        return new Outcome(scene, struck, faultReport, firstFigures, secondFigures, firstProbe, secondProbe);
    }

    private void print(Instant struck, String faultReport, EventFlow firstFlow, EventFlow secondFlow, QueryProbe firstProbe, QueryProbe secondProbe,
            Aggregates.Figures firstFigures, Aggregates.Figures secondFigures, int restartsBefore) {
        System.out.printf("%s: %s%n", name, faultReport);
        System.out.printf("%s: first 202 after the fault %s / %s (data holder via ingest 0 / 1); first figures after the fault %s / %s "
                        + "(streams instance 0 / 1); query answers by status %s / %s, longest stretch without figures %d / %d ms; "
                        + "streams restarted by the supervisor %d times%n",
                name, since(struck, firstFlow.firstAcknowledgedAfter(struck)), since(struck, secondFlow.firstAcknowledgedAfter(struck)),
                since(struck, firstProbe.firstFiguresAfter(struck)), since(struck, secondProbe.firstFiguresAfter(struck)),
                firstProbe.answersByStatus(), secondProbe.answersByStatus(), firstProbe.longestGap().toMillis(), secondProbe.longestGap().toMillis(),
                pipeline.supervisorRestarts() - restartsBefore);
        report(firstFlow, firstFigures);
        report(secondFlow, secondFigures);
    }

    private void report(EventFlow flow, Aggregates.Figures figures) {
        System.out.printf("%s: %s%n", name, figures.describe());
        System.out.printf("%s: %d batches acknowledged (%d retried), %d answers 503, %d other 5xx, %d transport errors, slowest answer %d ms%n",
                name, flow.acknowledged().size(), flow.retriedBatches(), flow.unavailableAnswers(), flow.serverErrors(), flow.transportErrors(),
                flow.slowestAnswer().toMillis());
    }

    /** "1234 ms after the fault", or "never". */
    public static String since(Instant from, Instant to) {
        return to == null ? "never" : Duration.between(from, to).toMillis() + " ms";
    }

    private static void awaitFirstAcknowledgement(EventFlow flow) {
        Awaitility.await("a first batch acknowledged before the fault").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> flow.acknowledgedEvents() > 0 || !flow.refusals().isEmpty());
    }

    private static void assertExact(Aggregates.Figures figures) {
        assertThat(figures.acknowledgedEvents()).as("events acknowledged").isPositive();
        assertThat(figures.overCountSeen()).as("the figures never exceeded what was acknowledged").isLessThanOrEqualTo(0);
        assertThat(figures.aggregatedEvents()).as("events in the aggregates = events acknowledged").isEqualTo(figures.acknowledgedEvents());
        assertThat(figures.countsMatch()).as("per-channel sums = acknowledged sums").isTrue();
        assertThat(figures.topicDistinctIds()).as("every acknowledged event is on the topic").isEqualTo(figures.acknowledgedEvents());
    }
}
