package org.bluebutton.analytics.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml as Docker Compose itself reads it ({@code config -q}: syntax, schema and
 * interpolation), where a Compose binary is installed; skipped otherwise. Needs no Docker engine.
 */
class ComposeCliTest {

    private static final String SOME_HASH = "0".repeat(64);
    private static final Map<String, String> PEER_SECRET = Map.of("BLUEBUTTON_PEER_SECRET", "p".repeat(32));

    @Test
    void compose_accepts_the_file_when_the_staff_key_hash_and_the_peer_secret_are_given() {
        ComposeCli cli = ComposeCli.find();
        Assumptions.assumeTrue(cli != null, "no docker-compose or 'docker compose' on PATH");

        ComposeCli.Result result = cli.run(RepositoryFiles.root(), List.of("config", "-q"), SOME_HASH, PEER_SECRET);

        assertThat(result.exitCode()).as("%s config -q: %s", cli, result.output()).isZero();
    }

    @Test
    void compose_refuses_the_file_without_the_staff_key_hash_and_names_the_variable() {
        ComposeCli cli = ComposeCli.find();
        Assumptions.assumeTrue(cli != null, "no docker-compose or 'docker compose' on PATH");

        ComposeCli.Result result = cli.run(RepositoryFiles.root(), List.of("config", "-q"), null, PEER_SECRET);

        assertThat(result.exitCode()).as("%s config -q without the hash", cli).isNotZero();
        assertThat(result.output()).contains("BLUEBUTTON_STAFF_KEY_SHA256");
    }

    @Test
    void compose_refuses_the_file_without_the_peer_secret_and_names_the_variable() {
        ComposeCli cli = ComposeCli.find();
        Assumptions.assumeTrue(cli != null, "no docker-compose or 'docker compose' on PATH");

        ComposeCli.Result result = cli.run(RepositoryFiles.root(), List.of("config", "-q"), SOME_HASH);

        assertThat(result.exitCode()).as("%s config -q without the peer secret", cli).isNotZero();
        assertThat(result.output()).contains("BLUEBUTTON_PEER_SECRET");
    }
}
