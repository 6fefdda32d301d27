package org.bluebutton.analytics.localstack.registry;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.bluebutton.analytics.localstack.process.ChildProcess;
import org.bluebutton.analytics.localstack.process.ParentWatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real schema registry serving the Confluent REST API, running as a child process: Apicurio
 * Registry 2.4.2 built by the {@code registry-server} module, which serves the API under
 * {@value #API_PATH}. Storage is in memory: a restart forgets every schema, so fault tests that
 * need the registry unavailable for a while use {@link #pause()}/{@link #resume()}.
 *
 * <p>Apicurio's default compatibility is NONE where Confluent's is BACKWARD; after start the
 * registry-wide default is set to BACKWARD so it behaves like a Confluent registry.
 */
public final class LocalSchemaRegistry implements AutoCloseable {

    /** Path of the Confluent-compatible API on an Apicurio 2.x server. */
    public static final String API_PATH = "/apis/ccompat/v7";
    /** File in the working directory that receives the registry's output. */
    public static final String LOG_FILE_NAME = "registry.log";

    private static final Logger LOG = LoggerFactory.getLogger(LocalSchemaRegistry.class);
    private static final int LOG_TAIL_LINES = 30;
    /** The runner jar's Main-Class, started through {@link ParentWatch} so the registry dies with its parent. */
    private static final String QUARKUS_MAIN = "io.quarkus.bootstrap.runner.QuarkusEntryPoint";

    private final Path runnerJar;
    private final Path workingDirectory;
    private final boolean temporaryDirectory;
    private final int port;
    private final String maxHeap;
    private final Duration startupTimeout;
    private final ChildProcess process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LocalSchemaRegistry(Builder builder, Path workingDirectory, boolean temporaryDirectory) {
        this.runnerJar = builder.runnerJar;
        this.workingDirectory = workingDirectory;
        this.temporaryDirectory = temporaryDirectory;
        this.port = builder.port == 0 ? ChildProcess.freePort() : builder.port;
        this.maxHeap = builder.maxHeap;
        this.startupTimeout = builder.startupTimeout;
        this.process = new ChildProcess("schema registry", workingDirectory,
                workingDirectory.resolve(LOG_FILE_NAME), Duration.ofSeconds(20));
    }

    /** Starts describing a registry; the defaults need nothing but the built runner jar. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Launches the registry and waits until it is ready and set to BACKWARD compatibility.
     *
     * @throws RegistryStartException if it exits or is not ready within the startup timeout
     */
    public synchronized void start() {
        if (!Files.isRegularFile(runnerJar)) {
            throw new RegistryStartException("The schema registry is not built: " + runnerJar
                    + " does not exist. Build it with: ./mvnw -B -pl registry-server package", null);
        }
        if (ChildProcess.acceptsConnections(port)) {
            throw new RegistryStartException("Port " + port + " is already in use (an earlier registry still running?); "
                    + "stop that process or choose another port", null);
        }
        long startNanos = System.nanoTime();
        process.launch(List.of(
                ChildProcess.javaExecutable(),
                "-Xmx" + maxHeap,
                "-XX:+ExitOnOutOfMemoryError",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-XX:-UsePerfData",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dquarkus.http.port=" + port,
                // Apicurio logs one audit line per request at INFO.
                "-DLOG_LEVEL=WARN",
                "-DREGISTRY_LOG_LEVEL=WARN",
                "-D" + ParentWatch.PARENT_PID_PROPERTY + "=" + ProcessHandle.current().pid(),
                // The runner jar first: its manifest class path finds the application beside it.
                "-cp", runnerJar + File.pathSeparator + ParentWatch.codeLocation(),
                ParentWatch.class.getName(), QUARKUS_MAIN));
        awaitReady(startNanos);
        setDefaultCompatibility(startNanos);
        LOG.info("Schema registry ready at {} (pid {}) after {} ms", url(), process.pid(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    /** Base URL of the Confluent-compatible API, for {@code schema.registry.url}. */
    public String url() {
        return "http://localhost:" + port + API_PATH;
    }

    /** The HTTP port; it stays the same across restarts. */
    public int port() {
        return port;
    }

    /** Whether the registry process is alive (a paused registry counts as running). */
    public boolean isRunning() {
        return process.isAlive();
    }

    /** Stops the registry cleanly. Its schemas are lost (in-memory storage). */
    public void stop() {
        process.stop();
    }

    /** Kills the registry abruptly (SIGKILL). */
    public void kill() {
        process.kill();
    }

    /** Freezes the registry (SIGSTOP): requests hang until {@link #resume()}, as in an outage. */
    public void pause() {
        process.pause();
    }

    /** Lets a paused registry answer again. */
    public void resume() {
        process.resume();
    }

    /** The registry's log file. */
    public Path logFile() {
        return process.logFile();
    }

    @Override
    public synchronized void close() {
        process.close();
        if (temporaryDirectory) {
            ChildProcess.deleteRecursively(workingDirectory);
        }
    }

    @Override
    public String toString() {
        return "LocalSchemaRegistry[" + url() + ", " + workingDirectory + "]";
    }

    private void awaitReady(long startNanos) {
        long deadline = startNanos + startupTimeout.toNanos();
        URI health = URI.create("http://127.0.0.1:" + port + "/health/ready");
        String lastAnswer = "no answer yet";
        while (true) {
            if (!process.isAlive()) {
                throw new RegistryStartException(describe("it exited (" + process.exitDescription()
                        + ") before it was ready; last answer: " + lastAnswer), null);
            }
            if (System.nanoTime() - deadline > 0) {
                process.kill();
                throw new RegistryStartException(describe("it was not ready within " + startupTimeout
                        + " (killed it); last answer: " + lastAnswer), null);
            }
            if (ChildProcess.acceptsConnections(port)) {
                try {
                    HttpResponse<String> response = http.send(HttpRequest.newBuilder(health)
                            .timeout(Duration.ofSeconds(2)).GET().build(), HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() == 200 && response.body().contains("UP")) {
                        return;
                    }
                    lastAnswer = "HTTP " + response.statusCode();
                } catch (IOException e) {
                    lastAnswer = e.toString();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    process.kill();
                    throw new RegistryStartException(describe("interrupted while waiting for it"), e);
                }
            }
            sleep(100);
        }
    }

    /**
     * Sets the default compatibility; asks again until the start-up deadline, since the registry's first
     * write can take longer than one request's timeout on a loaded machine (its storage is still warming up).
     */
    private void setDefaultCompatibility(long startNanos) {
        long deadline = startNanos + startupTimeout.toNanos();
        URI config = URI.create("http://127.0.0.1:" + port + API_PATH + "/config");
        while (true) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(config)
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/vnd.schemaregistry.v1+json")
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"compatibility\":\"BACKWARD\"}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() / 100 != 2) {
                    throw new RegistryStartException(describe("setting default compatibility BACKWARD answered HTTP "
                            + response.statusCode() + ": " + response.body()), null);
                }
                return;
            } catch (IOException e) {
                if (System.nanoTime() - deadline > 0 || !process.isAlive()) {
                    throw new RegistryStartException(describe("could not set default compatibility"), e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RegistryStartException(describe("interrupted while setting default compatibility"), e);
            }
            sleep(200);
        }
    }

    private String describe(String problem) {
        StringBuilder message = new StringBuilder("Schema registry failed to start on port ").append(port)
                .append(": ").append(problem)
                .append("\n  runner: ").append(runnerJar)
                .append(process.diagnosis(LOG_TAIL_LINES));
        return message.toString();
    }

    /** Waits between readiness probes; an interrupted start kills the half-started registry. */
    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.kill();
            throw new RegistryStartException(describe("interrupted while waiting for it"), e);
        }
    }

    /** Describes a {@link LocalSchemaRegistry}; every setting is optional. */
    public static final class Builder {
        private Path runnerJar = RegistryRunner.locate();
        private Path workingDirectory;
        private int port;
        private String maxHeap = "256m";
        private Duration startupTimeout = Duration.ofSeconds(120);

        private Builder() {
        }

        /** The Quarkus runner jar to start (default: {@link RegistryRunner#locate()}). */
        public Builder runnerJar(Path jar) {
            this.runnerJar = Objects.requireNonNull(jar, "jar").toAbsolutePath();
            return this;
        }

        /** Working directory for the process and its log (default: a temporary one, deleted on close). */
        public Builder workingDirectory(Path directory) {
            this.workingDirectory = Objects.requireNonNull(directory, "directory").toAbsolutePath();
            return this;
        }

        /** A fixed HTTP port (default: a free port chosen once). */
        public Builder port(int port) {
            if (port <= 0 || port > 65_535) {
                throw new IllegalArgumentException("Not a TCP port: " + port);
            }
            this.port = port;
            return this;
        }

        /** Maximum heap of the registry JVM (default 256m, measured to be enough). */
        public Builder maxHeap(String maxHeap) {
            this.maxHeap = ChildProcess.requireHeapSize(maxHeap);
            return this;
        }

        /** How long {@link #start()} waits for readiness (default 120 s; 2–7 s is typical on 2 cores). */
        public Builder startupTimeout(Duration timeout) {
            this.startupTimeout = ChildProcess.requirePositive(timeout);
            return this;
        }

        /** Creates the registry without starting it. */
        public LocalSchemaRegistry build() {
            boolean temporary = workingDirectory == null;
            Path directory = temporary ? ChildProcess.temporaryDirectory("local-registry-") : workingDirectory;
            return new LocalSchemaRegistry(this, directory, temporary);
        }
    }
}
