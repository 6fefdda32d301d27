package org.bluebutton.analytics.simulator.run;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.bluebutton.analytics.simulator.client.IngestResponse;
import org.bluebutton.analytics.simulator.client.SimulatorClient;
import org.bluebutton.analytics.simulator.config.IngestConnection;
import org.bluebutton.analytics.simulator.config.SimulationConfig;
import org.bluebutton.analytics.simulator.plan.MalformedRequest;
import org.bluebutton.analytics.simulator.plan.Organization;
import org.bluebutton.analytics.simulator.plan.Simulation;
import org.bluebutton.analytics.simulator.plan.SimulationPlan;
import org.bluebutton.analytics.simulator.plan.Step;
import org.bluebutton.analytics.simulator.plan.Tick;
import org.bluebutton.analytics.simulator.truth.GroundTruthRecorder;

/**
 * Plays a {@link SimulationPlan} against ingest. Month by month: every organization's turn of a tick
 * finishes before the next tick starts (so event time moves forward across the whole program), up
 * to {@link IngestConnection#concurrency()} organizations in flight, each organization's requests in
 * order. Every 202 goes to the {@link GroundTruthRecorder}; a batch still failing after the client's
 * retries is recorded as unacknowledged and the run goes on; anything else unexpected stops the run.
 */
public final class SimulatorRun {

    private final SimulationPlan plan;
    private final SimulatorClient client;
    private final IngestConnection connection;
    private final GroundTruthRecorder recorder;
    private final PrintStream progress;
    private final Map<String, String> keys = new ConcurrentHashMap<>();
    private final AtomicLong eventsAcknowledged = new AtomicLong();
    private final AtomicLong duplicatesSent = new AtomicLong();
    private final AtomicLong lateSent = new AtomicLong();
    private final AtomicLong malformedRefused = new AtomicLong();
    private final AtomicLong transientRetries = new AtomicLong();

    private SimulatorRun(SimulationPlan plan, IngestConnection connection, PrintStream progress) {
        this.plan = plan;
        this.connection = connection;
        this.progress = progress;
        this.recorder = new GroundTruthRecorder(plan.config());
        this.client = new SimulatorClient(connection, (method, path, reason) -> {
            transientRetries.incrementAndGet();
            recorder.retriedAfterTransientFailure();
        });
    }

    /** Plans {@code config} and plays it; {@code progress} may be null for a quiet run. */
    public static SimulationResult run(SimulationConfig config, IngestConnection connection, PrintStream progress) {
        return play(Simulation.plan(config), connection, progress);
    }

    /** Plays {@code plan}; {@code progress} may be null for a quiet run. */
    public static SimulationResult play(SimulationPlan plan, IngestConnection connection, PrintStream progress) {
        return new SimulatorRun(plan, connection, progress).play();
    }

    private SimulationResult play() {
        long started = System.nanoTime();
        SimulationConfig config = plan.config();
        say(String.format(Locale.ROOT, "simulator: %d organizations, %s to %s, seed %d, scale %s: %,d requests and %,d download events planned",
                config.organizations(), config.firstMonth(), config.lastMonth(), config.seed(), config.scale(), plan.requests(),
                plan.downloadEventsSent()));
        ExecutorService pool = Executors.newFixedThreadPool(connection.concurrency(), runnable -> {
            Thread thread = new Thread(runnable, "simulator-organization");
            thread.setDaemon(true);
            return thread;
        });
        try {
            for (Tick tick : plan.ticks()) {
                recorder.tickStarted(tick);
                List<Future<?>> turns = new ArrayList<>();
                for (Tick.OrganizationTurn turn : tick.turns()) {
                    turns.add(pool.submit(() -> playTurn(turn)));
                }
                awaitAll(turns);
                if (tick.index() % 6 == 5 || tick.index() == plan.ticks().size() - 1) {
                    say(String.format(Locale.ROOT, "simulator: %s done (%d/%d months), %,d events acknowledged, %,d requests, %.1f s",
                            tick.month(), tick.index() + 1, plan.ticks().size(), eventsAcknowledged.get(), client.attempts(),
                            (System.nanoTime() - started) / 1e9));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        RunStatistics statistics = new RunStatistics(client.attempts(), eventsAcknowledged.get(), duplicatesSent.get(), lateSent.get(),
                malformedRefused.get(), transientRetries.get(), Duration.ofNanos(System.nanoTime() - started));
        say(statistics.summary());
        return new SimulationResult(plan, recorder.groundTruth(), recorder.received(), statistics);
    }

    private static void awaitAll(List<Future<?>> turns) {
        try {
            for (Future<?> turn : turns) {
                turn.get();
            }
        } catch (ExecutionException e) {
            turns.forEach(turn -> turn.cancel(true));
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("An organization's turn failed", e.getCause());
        } catch (InterruptedException e) {
            turns.forEach(turn -> turn.cancel(true));
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Simulation interrupted", e);
        }
    }

    private void playTurn(Tick.OrganizationTurn turn) {
        for (Step step : turn.steps()) {
            if (step instanceof Step.CreateOrganization create) {
                createOrganization(create.organization());
            } else if (step instanceof Step.CorrectCategory correction) {
                correctCategory(correction.corrected());
            } else if (step instanceof Step.Withdraw withdrawal) {
                withdraw(withdrawal.orgId());
            } else if (step instanceof Step.SendMalformed malformed) {
                sendMalformed(malformed);
            } else {
                sendBatch(step);
            }
        }
    }

    private void createOrganization(Organization organization) {
        IngestResponse created = client.send("POST", IngestRequests.organizationsPath(), client.staffKey(), IngestRequests.JSON,
                IngestRequests.profile(organization, true));
        if (created.status() != 201) {
            throw unexpected("creating organization " + organization.orgId()
                    + (created.status() == 409 ? " (it exists: simulate with another run tag or a fresh ingest)" : ""), created);
        }
        recorder.organizationCreated(organization, Instant.parse(IngestRequests.field(created.body(), "pledgedAt")));
        IngestResponse issued = client.send("POST", IngestRequests.organizationPath(organization.orgId()) + "/api-keys",
                client.staffKey(), null, null);
        String key = issued.status() == 201 ? IngestRequests.field(issued.body(), "apiKey") : null;
        if (key == null) {
            throw unexpected("issuing an API key for " + organization.orgId(), issued);
        }
        keys.put(organization.orgId(), key);
    }

    private void correctCategory(Organization corrected) {
        IngestResponse replaced = client.send("PUT", IngestRequests.organizationPath(corrected.orgId()), client.staffKey(),
                IngestRequests.JSON, IngestRequests.profile(corrected, false));
        if (replaced.status() != 200) {
            throw unexpected("correcting the category of " + corrected.orgId(), replaced);
        }
        recorder.profileReplaced(corrected);
    }

    private void withdraw(String orgId) {
        IngestResponse withdrawn = client.send("POST", IngestRequests.organizationPath(orgId) + "/withdrawal", client.staffKey(), null, null);
        String withdrawnAt = withdrawn.status() == 200 ? IngestRequests.field(withdrawn.body(), "withdrawnAt") : null;
        if (withdrawnAt == null) {
            throw unexpected("withdrawing " + orgId, withdrawn);
        }
        keys.remove(orgId);
        recorder.withdrawn(orgId, Instant.parse(withdrawnAt));
    }

    private void sendBatch(Step step) {
        Step content = step instanceof Step.Resend resend ? resend.original() : step;
        IngestResponse answer = client.send("POST", IngestRequests.batchPath(content), key(content.orgId()),
                IngestRequests.contentType(content), IngestRequests.body(content));
        if (answer.status() == 202) {
            recorder.acknowledged(step);
            int events = IngestRequests.events(content);
            eventsAcknowledged.addAndGet(events);
            if (step instanceof Step.Resend) {
                duplicatesSent.addAndGet(events);
            }
            if (content instanceof Step.ReportDownloads downloads && downloads.late()) {
                lateSent.addAndGet(events);
            }
        } else if (IngestResponse.transientFailure(answer.status())) {
            say("simulator: " + describe(step) + " still failing after " + answer.attempts() + " attempts (" + answer.status()
                    + "); left out of the ground truth");
            recorder.notAcknowledged(step);
        } else {
            throw unexpected(describe(step), answer);
        }
    }

    private void sendMalformed(Step.SendMalformed malformed) {
        MalformedRequest request = malformed.request();
        String key = switch (request.credential()) {
            case ORGANIZATION -> key(malformed.orgId());
            case STAFF -> client.staffKey();
            case NONE -> null;
        };
        IngestResponse answer = client.send(request.method(), request.path(), key, request.contentType(),
                request.body().getBytes(StandardCharsets.UTF_8));
        if (answer.status() != request.kind().expectedStatus()) {
            throw new MalformedRequestNotRefusedException("Malformed request " + request.kind() + " of " + malformed.orgId()
                    + " (" + request.method() + " " + request.path() + ") expected " + request.kind().expectedStatus() + ", got "
                    + answer.status() + ": " + answer.excerpt());
        }
        malformedRefused.incrementAndGet();
        recorder.refused(malformed);
    }

    private String key(String orgId) {
        String key = keys.get(orgId);
        if (key == null) {
            throw new IllegalStateException("No API key for " + orgId + ": the plan sends for it before creating it or after its withdrawal");
        }
        return key;
    }

    private static String describe(Step step) {
        Step content = step instanceof Step.Resend resend ? resend.original() : step;
        return (step instanceof Step.Resend ? "resent " : "") + content.getClass().getSimpleName() + " of " + content.orgId()
                + " (" + IngestRequests.events(content) + " events)";
    }

    private static UnexpectedResponseException unexpected(String what, IngestResponse answer) {
        return new UnexpectedResponseException("ingest answered " + answer.status() + " when " + what + ": " + answer.excerpt());
    }

    private void say(String line) {
        if (progress != null) {
            progress.println(line);
            progress.flush();
        }
    }
}
