package org.bluebutton.analytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.awaitility.Awaitility;
import org.bluebutton.analytics.ingest.IngestService;
import org.bluebutton.analytics.ingest.config.IngestConfiguration;
import org.bluebutton.analytics.localstack.process.ChildProcess;
import org.bluebutton.analytics.reliability.testing.Aggregates;
import org.bluebutton.analytics.reliability.testing.EventFlow;
import org.bluebutton.analytics.reliability.testing.IngestClient;
import org.bluebutton.analytics.reliability.testing.ReliabilityPipeline;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClient;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClientConfig;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryUnavailableException;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The invariant under faults: while a data holder streams download activity through ingest (retrying
 * each batch whole until it is acknowledged), a fault hits the infrastructure; afterwards the query
 * API's figures for the organization equal exactly what ingest acknowledged with 202 — nothing lost,
 * nothing counted twice, and never more than that at any poll. Each test prints its figures: events
 * acknowledged, events in the aggregates, losses, double counts, duplicates the retries put on the
 * topic, 503s, and recovery time.
 */
@Order(40)
class FaultInvariantReliabilityIT {

    private static final AtomicInteger ORGS = new AtomicInteger();
    private static final Duration CONVERGENCE_LIMIT = Duration.ofSeconds(90);
    private final ReliabilityPipeline pipeline = ReliabilityPipeline.shared();
    private final IngestClient client = pipeline.ingestClient();

    @Test
    void a_broker_stopped_and_restarted_on_its_data_directory_while_events_flow_loses_nothing_and_counts_nothing_twice() {
        String orgId = "fault-restart-" + ORGS.incrementAndGet() + "-" + System.nanoTime();
        String key = client.hospitalWithKey(orgId);
        int restartsBefore = pipeline.supervisorRestarts();
        Instant restarted;
        Duration downFor;
        EventFlow flow = new EventFlow(client, orgId, key, 25, Duration.ofMillis(50), 1L);
        try {
            sleep(Duration.ofSeconds(3));
            awaitFirstAcknowledgement(flow);
            long acknowledgedBefore = flow.acknowledgedEvents();
            long stopped = System.nanoTime();
            pipeline.stack().kafka().stop();
            sleep(Duration.ofSeconds(8));
            // Down until ingest has given up on at least one request (its ack timeout is 10 s), so the
            // outage is always long enough to be seen, however the requests fell around the stop.
            Awaitility.await("a 503 while the broker is down").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> flow.unavailableAnswers() > 0);
            long unavailableWhileDown = flow.unavailableAnswers();
            pipeline.stack().kafka().start();
            downFor = Duration.ofNanos(System.nanoTime() - stopped);
            restarted = Instant.now();
            assertThat(acknowledgedBefore).as("events flowed before the fault").isPositive();
            System.out.printf("broker restart: down for %d ms, %d answers 503 meanwhile%n", downFor.toMillis(), unavailableWhileDown);
            sleep(Duration.ofSeconds(4));
        } finally {
            flow.close();
        }
        Instant firstAfter = flow.firstAcknowledgedAfter(restarted);
        Aggregates.Figures figures = Aggregates.await(pipeline, orgId, flow, CONVERGENCE_LIMIT);

        report("broker restart", flow, figures, restarted, firstAfter, restartsBefore);
        assertThat(flow.refusals()).as("answers neither 202 nor retryable").isEmpty();
        assertThat(flow.unavailableAnswers()).as("503 answers while the broker was down").isPositive();
        assertThat(flow.unavailableWithoutRetryAfter()).as("503 answers without Retry-After").isZero();
        assertThat(flow.slowestAnswer()).as("no request hangs: ack-timeout 10 s plus one max-block 5 s").isLessThan(Duration.ofSeconds(20));
        assertThat(firstAfter).as("ingest acknowledges again after the restart").isNotNull();
        assertInvariant(figures);
    }

    @Test
    void a_broker_frozen_longer_than_the_producer_timeouts_then_resumed_loses_nothing_and_counts_nothing_twice() {
        String orgId = "fault-stall-" + ORGS.incrementAndGet() + "-" + System.nanoTime();
        String key = client.hospitalWithKey(orgId);
        int restartsBefore = pipeline.supervisorRestarts();
        Instant resumed;
        EventFlow flow = new EventFlow(client, orgId, key, 25, Duration.ofMillis(50), 2L);
        try {
            sleep(Duration.ofSeconds(3));
            awaitFirstAcknowledgement(flow);
            assertThat(flow.acknowledgedEvents()).as("events flowed before the fault").isPositive();
            // 20 s: longer than ingest's delivery timeout (ack-timeout 10 s) and request timeout (about 5 s),
            // and than the streams producer's transaction timeout (10 s under exactly_once_v2).
            pipeline.stack().kafka().pause();
            try {
                sleep(Duration.ofSeconds(20));
            } finally {
                pipeline.stack().kafka().resume();
            }
            resumed = Instant.now();
            sleep(Duration.ofSeconds(5));
        } finally {
            flow.close();
        }
        Instant firstAfter = flow.firstAcknowledgedAfter(resumed);
        Aggregates.Figures figures = Aggregates.await(pipeline, orgId, flow, CONVERGENCE_LIMIT);

        report("broker stall (SIGSTOP 20 s)", flow, figures, resumed, firstAfter, restartsBefore);
        assertThat(flow.refusals()).as("answers neither 202 nor retryable").isEmpty();
        assertThat(flow.unavailableAnswers() + flow.serverErrors()).as("failed answers while the broker was frozen").isPositive();
        assertThat(flow.unavailableWithoutRetryAfter()).as("503 answers without Retry-After").isZero();
        assertThat(flow.slowestAnswer()).as("no request hangs through the stall").isLessThan(Duration.ofSeconds(20));
        assertThat(firstAfter).as("ingest acknowledges again after the stall").isNotNull();
        assertInvariant(figures);
    }

    @Test
    void with_the_schema_registry_frozen_known_schemas_keep_serving_and_registering_a_new_subject_fails_clearly() {
        String orgId = "fault-registry-" + ORGS.incrementAndGet() + "-" + System.nanoTime();
        String key = client.hospitalWithKey(orgId);
        int restartsBefore = pipeline.supervisorRestarts();
        SchemaRegistryClient registry = new SchemaRegistryClient(new SchemaRegistryClientConfig(URI.create(pipeline.stack().schemaRegistryUrl()),
                null, null, Duration.ofSeconds(2), Duration.ofSeconds(3)));
        Schema newSchema = SchemaBuilder.record("ReliabilityProbe").namespace("org.bluebutton.analytics.reliability").fields()
                .requiredString("probe").endRecord();
        String newSubject = "reliability-probe-" + System.nanoTime() + "-value";
        Instant resumed;
        long acknowledgedWhilePaused;
        long registrationMillis;
        EventFlow flow = new EventFlow(client, orgId, key, 25, Duration.ofMillis(50), 3L);
        try {
            sleep(Duration.ofSeconds(3));
            pipeline.stack().registry().pause();
            try {
                long before = flow.acknowledgedEvents();
                long started = System.nanoTime();
                assertThatThrownBy(() -> registry.register(newSubject, newSchema))
                        .isInstanceOf(SchemaRegistryUnavailableException.class)
                        .hasMessageContaining(newSubject);
                registrationMillis = Duration.ofNanos(System.nanoTime() - started).toMillis();
                sleep(Duration.ofSeconds(10));
                acknowledgedWhilePaused = flow.acknowledgedEvents() - before;
            } finally {
                pipeline.stack().registry().resume();
            }
            resumed = Instant.now();
            sleep(Duration.ofSeconds(2));
        } finally {
            flow.close();
        }
        Aggregates.Figures figures = Aggregates.await(pipeline, orgId, flow, CONVERGENCE_LIMIT);

        System.out.printf("registry pause: %d events acknowledged in the ~13 s the registry was frozen; registering %s failed in %d ms%n",
                acknowledgedWhilePaused, newSubject, registrationMillis);
        report("registry pause", flow, figures, resumed, flow.firstAcknowledgedAfter(resumed), restartsBefore);
        assertThat(acknowledgedWhilePaused).as("ingest still acknowledges events of known schemas").isPositive();
        assertThat(flow.unavailableAnswers() + flow.serverErrors() + flow.transportErrors()).as("no failed answers: cached schemas serve").isZero();
        assertThat(flow.refusals()).isEmpty();
        assertInvariant(figures);
    }

    @Test
    void an_ingest_instance_killed_in_the_middle_of_batches_loses_nothing_and_counts_nothing_twice_when_clients_resend_them_whole()
            throws Exception {
        String orgId = "fault-ingest-kill-" + ORGS.incrementAndGet() + "-" + System.nanoTime();
        String key = client.hospitalWithKey(orgId);
        int restartsBefore = pipeline.supervisorRestarts();
        int port = ChildProcess.freePort();
        Path work = Files.createTempDirectory("ingest-kill");
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable(), "-Xmx512m", "-cp", ChildProcess.absoluteClasspath()));
        command.addAll(IngestService.processArguments(IngestConfiguration.builder(pipeline.stack().bootstrapServers(),
                pipeline.stack().schemaRegistryUrl(), pipeline.staffKeySha256()).replicationFactor(1).build(), port));
        Instant restarted;
        EventFlow flow;
        ChildProcess ingest = new ChildProcess("ingest (to be killed)", work, work.resolve("ingest.log"), Duration.ofSeconds(30));
        try {
            ingest.launch(command);
            awaitHealthy(port, ingest);
            // Large batches, so that the kill lands while one is being published.
            flow = new EventFlow(pipeline.ingestClient("http://localhost:" + port), orgId, key, 2_000, Duration.ofMillis(10), 4L);
            try {
                sleep(Duration.ofSeconds(3));
                awaitFirstAcknowledgement(flow);
                long acknowledgedBefore = flow.acknowledgedEvents();
                ingest.kill();
                sleep(Duration.ofSeconds(1));
                ingest.launch(command);
                awaitHealthy(port, ingest);
                restarted = Instant.now();
                assertThat(acknowledgedBefore).as("events flowed before the kill").isPositive();
                sleep(Duration.ofSeconds(3));
            } finally {
                flow.close();
            }
        } finally {
            ingest.close();
            ChildProcess.deleteRecursively(work);
        }
        Instant firstAfter = flow.firstAcknowledgedAfter(restarted);
        Aggregates.Figures figures = Aggregates.await(pipeline, orgId, flow, CONVERGENCE_LIMIT);

        report("ingest killed", flow, figures, restarted, firstAfter, restartsBefore);
        assertThat(flow.refusals()).as("answers neither 202 nor retryable").isEmpty();
        assertThat(flow.transportErrors()).as("requests cut by the kill").isPositive();
        assertThat(firstAfter).as("the restarted instance acknowledges again").isNotNull();
        assertInvariant(figures);
    }

    /** The flow's precondition, "events flowed before the fault", is awaited rather than assumed after a fixed sleep. */
    private static void awaitFirstAcknowledgement(EventFlow flow) {
        Awaitility.await("a first batch acknowledged before the fault").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> flow.acknowledgedEvents() > 0 || !flow.refusals().isEmpty());
    }

    private static void awaitHealthy(int port, ChildProcess ingest) {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(Duration.ofMillis(300));
        }
        throw new AssertionError("the ingest child did not become healthy within 90 s\n" + ingest.diagnosis(40));
    }

    private void report(String fault, EventFlow flow, Aggregates.Figures figures, Instant cleared, Instant firstAcknowledgedAfter, int restartsBefore) {
        System.out.printf("%s: %s%n", fault, figures.describe());
        System.out.printf("%s: %d batches acknowledged (%d retried), %d answers 503, %d other 5xx, %d transport errors, slowest answer %d ms, "
                        + "first 202 %s after the fault cleared, streams replaced by the supervisor %d times%n",
                fault, flow.acknowledged().size(), flow.retriedBatches(), flow.unavailableAnswers(), flow.serverErrors(), flow.transportErrors(),
                flow.slowestAnswer().toMillis(),
                firstAcknowledgedAfter == null ? "never" : Duration.between(cleared, firstAcknowledgedAfter).toMillis() + " ms",
                pipeline.supervisorRestarts() - restartsBefore);
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
