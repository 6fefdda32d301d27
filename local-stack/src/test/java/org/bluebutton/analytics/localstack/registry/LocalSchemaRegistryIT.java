package org.bluebutton.analytics.localstack.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The registry child process: it never outlives its parent, and a start that cannot work says why. */
class LocalSchemaRegistryIT {

    @Test
    void the_registry_exits_when_the_jvm_that_started_it_is_killed() throws Exception {
        // Given a registry started by another JVM
        Process parent = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(),
                "-D" + RegistryRunner.PROPERTY + "=" + RegistryRunner.locate(),
                "-cp", System.getProperty("java.class.path"), LocalSchemaRegistryParentMain.class.getName())
                .redirectErrorStream(true)
                .start();
        try {
            ProcessHandle registry = ProcessHandle.of(Long.parseLong(readyLine(parent).split(" ")[1])).orElseThrow();
            assertThat(registry.isAlive()).isTrue();

            // When that JVM is killed (no shutdown hook runs)
            parent.destroyForcibly().waitFor(10, TimeUnit.SECONDS);

            // Then the orphaned registry notices and exits on its own
            await().atMost(Duration.ofSeconds(30)).until(() -> !registry.isAlive());
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void a_port_already_in_use_is_refused_before_anything_starts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             LocalSchemaRegistry registry = LocalSchemaRegistry.builder().port(taken.getLocalPort()).build()) {

            assertThatThrownBy(registry::start)
                    .isInstanceOf(RegistryStartException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort() + " is already in use");
            assertThat(registry.isRunning()).isFalse();
        }
    }

    @Test
    void a_missing_runner_jar_says_how_to_build_it() {
        try (LocalSchemaRegistry registry = LocalSchemaRegistry.builder().runnerJar(Path.of("no/such/quarkus-run.jar")).build()) {
            assertThatThrownBy(registry::start)
                    .isInstanceOf(RegistryStartException.class)
                    .hasMessageContaining("./mvnw -B -pl registry-server package");
        }
    }

    private static String readyLine(Process parent) throws Exception {
        BufferedReader output = new BufferedReader(new InputStreamReader(parent.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        String line;
        while (System.nanoTime() < deadline && (line = output.readLine()) != null) {
            if (line.startsWith(LocalSchemaRegistryParentMain.READY + " ")) {
                return line;
            }
            seen.append(line).append('\n');
        }
        throw new AssertionError("The parent JVM never reported a ready registry:\n" + seen);
    }
}
