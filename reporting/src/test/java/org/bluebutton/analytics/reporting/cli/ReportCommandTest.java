package org.bluebutton.analytics.reporting.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

    private int run(String... args) {
        return ReportCommand.execute(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(stderr, true, StandardCharsets.UTF_8));
    }

    private String errors() {
        return stderr.toString(StandardCharsets.UTF_8);
    }

    @Test
    void given_an_unreachable_bootstrap_server_then_the_command_exits_2_naming_it_within_the_connect_timeout() {
        long started = System.nanoTime();

        int exit = run("--year", "2025", "--out", dir.resolve("out").toString(), "--bootstrap-servers", "localhost:1", "--connect-timeout", "2");

        assertThat(exit).isEqualTo(2);
        assertThat(errors()).contains("Kafka at localhost:1 cannot be used", "--bootstrap-servers");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void given_an_unresolvable_bootstrap_host_then_the_command_exits_2_naming_it() {
        int exit = run("--year", "2025", "--out", dir.resolve("out").toString(), "--bootstrap-servers", "no-such-host.invalid:9092",
                "--connect-timeout", "2");

        assertThat(exit).isEqualTo(2);
        assertThat(errors()).contains("Kafka at no-such-host.invalid:9092 cannot be used");
    }

    @Test
    void given_a_year_outside_the_program_then_the_command_exits_2_naming_the_option() {
        assertThat(run("--year", "20255", "--out", dir.resolve("out").toString())).isEqualTo(2);
        assertThat(errors()).contains("--year must be between 2010 and 2100");
    }

    @Test
    void given_no_year_then_picocli_reports_the_missing_option_with_exit_2() {
        assertThat(run("--out", dir.resolve("out").toString())).isEqualTo(2);
        assertThat(errors()).contains("Missing required option: '--year=<year>'");
    }

    @Test
    void given_a_registry_url_that_is_not_http_then_the_command_exits_2_naming_it() {
        assertThat(run("--year", "2025", "--out", dir.resolve("out").toString(), "--schema-registry-url", "ftp://registry")).isEqualTo(2);
        assertThat(errors()).contains("--schema-registry-url ftp://registry is not a usable URL");
    }

    @Test
    void given_an_out_directory_that_is_not_a_report_then_the_command_exits_2_naming_it_and_touches_nothing() throws Exception {
        Path home = java.nio.file.Files.createDirectories(dir.resolve("home"));
        java.nio.file.Files.writeString(home.resolve(".bashrc"), "export PATH");

        int exit = run("--year", "2025", "--out", home.toString(), "--bootstrap-servers", "localhost:1", "--connect-timeout", "2");

        assertThat(exit).isEqualTo(2);
        assertThat(errors()).contains("--out " + home + " is not empty and is not a previous report").doesNotContain("Kafka");
        try (var names = java.nio.file.Files.list(dir)) {
            assertThat(names.map(p -> p.getFileName().toString())).containsExactly("home");
        }
        assertThat(home.resolve(".bashrc")).hasContent("export PATH");
    }

    @Test
    void given_a_negative_streams_wait_then_the_command_exits_2_naming_the_option() {
        assertThat(run("--year", "2025", "--out", dir.resolve("out").toString(), "--streams-wait", "-1")).isEqualTo(2);
        assertThat(errors()).contains("--streams-wait must not be negative");
    }

    @Test
    void given_a_through_date_that_is_not_the_end_of_a_month_then_the_command_exits_2_explaining_why() {
        assertThat(run("--year", "2026", "--through", "2026-08-15", "--out", dir.resolve("out").toString())).isEqualTo(2);
        assertThat(errors()).contains("--through must be the last day of a month of --year 2026 (the figures are monthly), got 2026-08-15");
    }

    @Test
    void given_a_through_date_in_another_year_then_the_command_exits_2() {
        assertThat(run("--year", "2026", "--through", "2025-08-31", "--out", dir.resolve("out").toString())).isEqualTo(2);
        assertThat(errors()).contains("--through must be the last day of a month of --year 2026");
    }
}
