package org.bluebutton.analytics.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.deploy.ComposeFile.Service;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.localstack.LocalStackExtension;
import org.bluebutton.analytics.streams.query.QuerySettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The images of the Dockerfile, without Docker: its build stage carried out in a scratch directory
 * with its own shell text ({@link ImageLayout}: the COPY of the build context and every RUN step,
 * read from the Dockerfile now, so this test cannot drift from it), each runtime stage's files
 * copied as its COPY steps say, and then each service of docker-compose.yml started from its image's
 * layout as its container would start it — the stage's ENTRYPOINT, the stage's ENV and the compose
 * file's environment and command — against the real local stack; each must become healthy by the URL
 * of its compose health check, stay under its container's memory limit and stop within its grace
 * period.
 *
 * <p>The Dockerfile's Maven step is run too (against a repository seeded from this machine's,
 * without the project's own artifacts) rather than reusing the test build's jars: the
 * image build runs a different command (its own {@code -pl}, registry-server left out, the runtime
 * dependencies copied), and that command is what must work on a clean machine. It costs about half a
 * minute to a minute on two busy cores.
 *
 * <p>What stands in for the container, and nothing else: paths inside a container are taken under
 * that service's scratch root; compose-network addresses ({@code kafka:19092},
 * {@code http://schema-registry:8081}) become the local stack's; a service's own name as a host
 * becomes {@code localhost}; container ports become free host ports (every container has its own
 * network, here the services share one: ingest is given {@code MICRONAUT_SERVER_PORT}, which compose
 * leaves at the image's 8080); {@code java} is this JDK; and the container's memory limit is given to
 * the JVM as {@code -XX:MaxRAM}, which is how it sizes the heap from a cgroup limit. The required
 * variables are given as a user would export them, the staff key hash in upper case.
 */
@ExtendWith(LocalStackExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ImageLayoutIT {

    private static final Duration HEALTHY_TIMEOUT = Duration.ofMinutes(3);
    private static final Pattern HEALTH_URL = Pattern.compile("http://localhost:(\\d+)(/[^\\s\"']*)");
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::([?-])([^}]*))?}");

    private final ComposeFile compose = ComposeFile.read(RepositoryFiles.composeFile());
    private final Dockerfile dockerfile = Dockerfile.read(RepositoryFiles.dockerfile());
    private final ApiKey staffKey = ApiKey.generate(ApiKey.STAFF_PREFIX);
    /** What the user exports before {@code docker compose up} (README, Docker Compose). */
    private final Map<String, String> exported = Map.of(
            "BLUEBUTTON_STAFF_KEY_SHA256", staffKey.secretSha256().toUpperCase(Locale.ROOT),
            "BLUEBUTTON_PEER_SECRET", QuerySettings.newPeerSecret());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Map<String, Running> running = new LinkedHashMap<>();
    private Path scratch;
    private ImageLayout layout;
    private LocalStack stack;

    @BeforeAll
    void buildTheImagesLayoutFromTheDockerfile(LocalStack stack) throws IOException, InterruptedException {
        this.stack = stack;
        scratch = Files.createTempDirectory("image-layout");
        layout = new ImageLayout(dockerfile, scratch);
        Path javaHome = Path.of(System.getProperty("java.home"));
        Path mavenRepository = Path.of(System.getProperty("bbpa.maven.repository", System.getProperty("user.home") + "/.m2/repository"));
        layout.build(RepositoryFiles.root(), mavenRepository, Path.of(System.getProperty("user.home"), ".m2", "wrapper"), javaHome);
    }

    @AfterAll
    void stopWhatStillRunsAndKeepOnlyTheLogs() throws IOException {
        running.values().forEach(service -> service.process().destroyForcibly());
        if (scratch != null) {
            ImageLayout.deleteAllBut(scratch, path -> path.getParent().equals(scratch) && path.toString().endsWith(".log"));
            System.out.println("Logs of the build steps and the services: " + scratch);
        }
    }

    @Test
    @Order(1)
    void ingest_starts_from_its_image_and_becomes_healthy() throws Exception {
        Running ingest = start("ingest", "MICRONAUT_SERVER_PORT");

        awaitHealthy(ingest);
    }

    @Test
    @Order(2)
    void both_streams_instances_start_from_the_one_streams_image_and_become_healthy() throws Exception {
        List<Running> instances = new ArrayList<>();
        for (String name : List.of("streams-1", "streams-2")) {
            instances.add(start(name, null));
        }

        for (Running instance : instances) {
            awaitHealthy(instance);
        }
    }

    @Test
    @Order(3)
    void the_staff_key_whose_hash_was_exported_in_upper_case_opens_ingest_and_both_streams_instances() throws Exception {
        String bearer = "Bearer " + staffKey.reveal();
        HttpResponse<String> created = send(HttpRequest.newBuilder(URI.create(running.get("ingest").baseUrl() + "/v1/organizations"))
                .header("Authorization", bearer).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"orgId":"layout-check","name":"Layout Check Clinic","organizationType":"DATA_HOLDER","category":"HOSPITAL",
                         "state":"MA","city":"Boston","postalCode":"02114","website":"https://clinic.example.org",
                         "commitments":["DOWNLOAD_FROM_PORTAL"]}""")).build());

        assertThat(created.statusCode()).as("ingest: %s", created.body()).isEqualTo(201);
        for (String name : List.of("streams-1", "streams-2")) {
            HttpRequest organizations = HttpRequest.newBuilder(URI.create(running.get(name).baseUrl() + "/v1/organizations"))
                    .header("Authorization", bearer).GET().build();
            // 503 + Retry-After while the two instances rebalance; then the staff key is either accepted or not.
            Awaitility.await(name + " answers the staff key").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> send(organizations).statusCode() != 503);
            HttpResponse<String> answer = send(organizations);
            assertThat(answer.statusCode()).as("%s: %s", name, answer.body()).isEqualTo(200);
        }
    }

    @Test
    @Order(4)
    void the_report_job_runs_from_its_image_with_the_compose_command_and_publishes() throws Exception {
        Service report = compose.service("report");
        Running job = start(report.name(), null);

        assertThat(job.process().waitFor(5, TimeUnit.MINUTES)).as("report finished").isTrue();
        assertThat(job.process().exitValue()).as("report exit code; log:\n%s", ImageLayout.tail(job.log(), 30)).isZero();
        String out = hostValue(report, "", interpolate(report.command().get(report.command().indexOf("--out") + 1)));
        assertThat(Path.of(out).resolve("manifest.json")).isRegularFile();
        assertThat(ImageLayout.tail(job.log(), Integer.MAX_VALUE)).doesNotContain("Picked up");
    }

    @Test
    @Order(5)
    void every_long_running_service_stops_on_SIGTERM_within_its_stop_grace_period() throws Exception {
        List<String> order = new ArrayList<>(running.keySet());
        order.remove("report");
        Collections.reverse(order);
        for (String name : order) {
            Running service = running.get(name);
            Duration grace = compose.service(name).stopGracePeriod();
            long started = System.nanoTime();
            service.process().destroy();
            boolean exited = service.process().waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            System.out.printf("%-10s stopped on SIGTERM in %.1f s (stop_grace_period %d s), exit %s%n", name, took.toMillis() / 1000.0,
                    grace.toSeconds(), exited ? service.process().exitValue() : "none (would be killed)");
            assertThat(exited).as("%s exits within its stop_grace_period %s", name, grace).isTrue();
        }
    }

    /**
     * Starts {@code serviceName} as its container would: entry point, stage ENV, compose environment and
     * command. {@code portVariable} names the variable that moves its port where the compose file sets
     * none (null: the compose environment's {@code *_PORT} of the health check's port is moved).
     */
    private Running start(String serviceName, String portVariable) throws IOException {
        Service service = compose.service(serviceName);
        String target = compose.services().stream().filter(builder -> builder.builds() && builder.image().equals(service.image()))
                .findFirst().flatMap(Service::buildTarget).orElseThrow(() -> new AssertionError(serviceName + " runs no image built here"));
        Dockerfile.Stage stage = dockerfile.stage(target).orElseThrow();
        // Each container has its own root: the service's name is its stage's scratch root here.
        String root = serviceName;
        assembleOnce(target, root);
        // Docker mounts the service's volumes: their mount points exist.
        for (ComposeFile.Mount mount : service.mounts()) {
            Files.createDirectories(layout.inside(root, mount.target()));
        }

        Map<String, String> environment = new LinkedHashMap<>();
        stage.environment().forEach((name, value) -> environment.put(name, hostValue(service, name, value)));
        service.environment().forEach((name, value) -> environment.put(name, hostValue(service, name, interpolate(value))));
        // Every container has its own network; here the services share one, so each listens on a free port.
        String containerPort = containerPort(service);
        String hostPort = freePort();
        if (portVariable != null) {
            environment.put(portVariable, hostPort);
        } else if (!containerPort.isEmpty()) {
            environment.replaceAll((name, value) -> name.endsWith("_PORT") && value.equals(containerPort) ? hostPort : value);
        }

        List<String> command = new ArrayList<>();
        List<String> entrypoint = stage.entrypoint();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        service.memLimitBytes().ifPresent(limit -> command.add("-XX:MaxRAM=" + limit));
        for (int i = 1; i < entrypoint.size(); i++) {
            String argument = entrypoint.get(i);
            command.add(entrypoint.get(i - 1).equals("-cp") ? classPathUnder(root, argument) : argument);
        }
        service.command().forEach(argument -> command.add(hostValue(service, "", interpolate(argument))));

        Path log = scratch.resolve(serviceName + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).directory(layout.inside(root, stage.workdir()).toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        builder.environment().put("HOME", layout.inside(root, stage.workdir()).toString());
        builder.environment().putAll(environment);
        System.out.printf("Starting %s: %s%n  environment %s%n", serviceName, String.join(" ", command),
                environment.keySet());
        Running started = new Running(serviceName, builder.start(), log, "http://localhost:" + hostPort, System.nanoTime());
        running.put(serviceName, started);
        return started;
    }

    private void assembleOnce(String target, String root) throws IOException {
        if (!Files.exists(layout.root(root))) {
            // The stage's files under this container's root (COPY --from=build ... ), as docker build leaves them in the image.
            layout.assemble(target);
            Files.move(layout.root(target), layout.root(root));
        }
    }

    /** The health check's URL with the container port replaced by the host port; polled until 200. */
    private void awaitHealthy(Running service) throws InterruptedException {
        Matcher url = HEALTH_URL.matcher(compose.service(service.name()).healthcheckCommand());
        assertThat(url.find()).as("%s health check calls an HTTP URL", service.name()).isTrue();
        URI health = URI.create(service.baseUrl() + url.group(2));
        long deadline = System.nanoTime() + HEALTHY_TIMEOUT.toNanos();
        int status = -1;
        while (System.nanoTime() < deadline && service.process().isAlive()) {
            status = statusOf(health);
            if (status == 200) {
                break;
            }
            Thread.sleep(500);
        }
        assertThat(status).as("%s %s (process alive: %s); log:%n%s", service.name(), health, service.process().isAlive(),
                ImageLayout.tail(service.log(), 40)).isEqualTo(200);
        long limit = compose.service(service.name()).memLimitBytes()
                .orElseThrow(() -> new AssertionError(service.name() + " has no mem_limit: its heap is sized from the whole host"));
        long rss = residentBytes(service.process().pid());
        System.out.printf("%-10s healthy in %.1f s; resident %d MiB of mem_limit %d MiB%n", service.name(),
                (System.nanoTime() - service.startedNanos()) / 1e9, rss >> 20, limit >> 20);
        assertThat(rss).as("%s resident memory", service.name()).isLessThan(limit);
        assertThat(ImageLayout.tail(service.log(), Integer.MAX_VALUE)).as("%s output", service.name()).doesNotContain("Picked up");
    }

    /** The port the service listens on inside its container: the one its health check calls. */
    private String containerPort(Service service) {
        Matcher url = HEALTH_URL.matcher(service.healthcheckCommand());
        return url.find() ? url.group(1) : "";
    }

    /** A compose or ENV value (of variable {@code name}, if any) as this host must see it (see the class comment). */
    private String hostValue(Service service, String name, String value) {
        if (value.startsWith("/")) {
            return layout.inside(service.name(), value).toString();
        }
        if (name.endsWith("_HOST") && value.equals(service.name())) {
            return "localhost";
        }
        return value.replace("http://schema-registry:8081", stack.schemaRegistryUrl()).replace("kafka:19092", stack.bootstrapServers());
    }

    private String classPathUnder(String root, String classPath) {
        List<String> entries = new ArrayList<>();
        for (String entry : classPath.split(":")) {
            entries.add(entry.startsWith("/") ? layout.inside(root, entry).toString() : entry);
        }
        return String.join(":", entries);
    }

    /** Compose's interpolation of {@code ${NAME}}, {@code ${NAME:-default}} and {@code ${NAME:?message}}. */
    private String interpolate(String value) {
        Matcher reference = INTERPOLATION.matcher(value);
        StringBuilder result = new StringBuilder();
        while (reference.find()) {
            String given = exported.get(reference.group(1));
            if (given == null && "?".equals(reference.group(2))) {
                throw new AssertionError("compose would refuse to start: " + reference.group(3));
            }
            reference.appendReplacement(result, Matcher.quoteReplacement(given != null ? given : reference.group(3) == null ? "" : reference.group(3)));
        }
        reference.appendTail(result);
        return result.toString();
    }

    private int statusOf(URI uri) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static long residentBytes(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status")).stream().filter(line -> line.startsWith("VmRSS:"))
                    .map(line -> Long.parseLong(line.replaceAll("\\D", "")) << 10).findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return String.valueOf(socket.getLocalPort());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A service started from its image's layout. */
    private record Running(String name, Process process, Path log, String baseUrl, long startedNanos) {
    }
}
