package org.bluebutton.analytics.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.bluebutton.analytics.ingest.IngestService;
import org.bluebutton.analytics.ingest.config.IngestConfiguration;

/**
 * Ingest as production runs it: its own JVM ({@code IngestService.processArguments}: the deployed main class,
 * {@code -Xmx512m}) on the benchmark's broker and registry, with the benchmark's staff key. It serves
 * the organizations the in-process ingest registered, as every instance reads the organizations and
 * credentials topics whole. Used by the ingest stage so that the service measured has its own heap
 * and JIT, not the load generator's.
 */
public final class IngestProcess implements AutoCloseable {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private final Process process;
    private final int port;

    private IngestProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * Starts ingest with {@code heap} (e.g. 512m) and further {@code jvmOptions} (e.g. to record JFR)
     * and returns once {@code /health} answers 200.
     */
    public static IngestProcess start(BenchPipeline pipeline, String staffKeySha256, String heap, List<String> jvmOptions, int port) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-Xmx" + heap, "-cp", System.getProperty("java.class.path")));
        command.addAll(IngestService.processArguments(IngestConfiguration.builder(pipeline.stack().bootstrapServers(),
                pipeline.stack().schemaRegistryUrl(), staffKeySha256).replicationFactor(1).build(), port));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        IngestProcess ingest = new IngestProcess(process, port);
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("ingest process exited with " + process.exitValue());
            }
            try {
                HttpResponse<Void> health = http.send(HttpRequest.newBuilder(URI.create(ingest.url() + "/health")).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (health.statusCode() == 200) {
                    return ingest;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        ingest.close();
        throw new IllegalStateException("ingest process not healthy within " + START_TIMEOUT);
    }

    /**
     * CPU time the ingest JVM has used so far (all its threads), for the cost per event: on a machine
     * shared with the broker and the load generator, throughput moves with their load; the CPU ingest
     * spends per event does much less.
     */
    public Duration cpuTime() {
        return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** Base URL of this ingest. */
    public String url() {
        return "http://localhost:" + port;
    }

    /** Stops the process (SIGTERM: Micronaut closes the producer, flushing in-flight sends). */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
