package org.bluebutton.analytics.reporting.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void given_a_previous_output_when_a_run_publishes_then_the_new_files_replace_it_whole() throws IOException {
        Path out = previousReport("out");

        try (OutputDirectory output = OutputDirectory.prepare(out)) {
            Files.writeString(output.staging().resolve("new.txt"), "new");
            assertThat(out.resolve("old.txt")).exists();
            output.publish();
        }

        assertThat(names(out)).containsExactly("new.txt");
        assertThat(names(dir)).containsExactlyInAnyOrder("out", ".out.lock");
    }

    @Test
    void given_a_previous_output_when_a_run_ends_without_publishing_then_it_is_untouched_and_the_staging_directory_is_gone() throws IOException {
        Path out = previousReport("out");

        try (OutputDirectory output = OutputDirectory.prepare(out)) {
            Files.writeString(output.staging().resolve("half.txt"), "half");
        }

        assertThat(names(out)).containsExactly("manifest.json", "old.txt");
        assertThat(names(dir)).containsExactlyInAnyOrder("out", ".out.lock");
    }

    @Test
    void given_a_run_killed_between_the_two_renames_when_the_next_run_starts_then_the_old_output_is_put_back() throws IOException {
        Path aside = dir.resolve(".out.old-1234");
        Files.createDirectories(aside);
        Files.writeString(aside.resolve("old.txt"), "old");
        Files.createDirectories(dir.resolve(".out.tmp-5678"));

        try (OutputDirectory output = OutputDirectory.prepare(dir.resolve("out"))) {
            assertThat(names(dir.resolve("out"))).containsExactly("old.txt");
            assertThat(names(dir)).containsExactlyInAnyOrder("out", ".out.lock", output.staging().getFileName().toString());
        }
    }

    @Test
    void a_second_run_on_the_same_output_directory_is_refused_while_the_first_holds_it() {
        try (OutputDirectory first = OutputDirectory.prepare(dir.resolve("out"))) {
            assertThatThrownBy(() -> OutputDirectory.prepare(dir.resolve("out")))
                    .isInstanceOf(OutputException.class).hasMessageContaining("another report run is writing it");
        }
    }

    @Test
    void an_output_path_that_is_a_file_is_refused_by_name() throws IOException {
        Path file = Files.writeString(dir.resolve("out"), "a file");

        assertThatThrownBy(() -> OutputDirectory.prepare(file)).isInstanceOf(NotAReportDirectoryException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not a directory");
    }

    @Test
    void given_a_non_empty_directory_that_is_not_a_report_then_it_is_refused_with_exit_2_and_left_as_it_was() throws IOException {
        Path home = Files.createDirectories(dir.resolve("home"));
        Files.writeString(home.resolve("thesis.tex"), "years of work");

        assertThatThrownBy(() -> OutputDirectory.prepare(home)).isInstanceOf(NotAReportDirectoryException.class)
                .hasMessageContaining("--out " + home + " is not empty and is not a previous report")
                .extracting(e -> ((NotAReportDirectoryException) e).exitCode()).isEqualTo(2);
        assertThat(names(home)).containsExactly("thesis.tex");
        assertThat(names(dir)).as("no lock or staging directory beside it").containsExactly("home");
    }

    @Test
    void given_a_directory_whose_manifest_is_another_tools_then_it_is_refused() throws IOException {
        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("manifest.json"), "{\"name\": \"some web app\"}");

        assertThatThrownBy(() -> OutputDirectory.prepare(other)).isInstanceOf(NotAReportDirectoryException.class)
                .hasMessageContaining("is not a report manifest");
        assertThat(names(other)).containsExactly("manifest.json");
    }

    @Test
    void given_an_empty_existing_directory_then_the_run_publishes_into_it() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));

        try (OutputDirectory output = OutputDirectory.prepare(empty)) {
            Files.writeString(output.staging().resolve("new.txt"), "new");
            output.publish();
        }

        assertThat(names(empty)).containsExactly("new.txt");
    }

    /** A directory as a previous run left it: a report manifest and its files. */
    private Path previousReport(String name) throws IOException {
        Path out = Files.createDirectories(dir.resolve(name));
        Files.writeString(out.resolve("manifest.json"), "{\"tool\": \"bluebutton-reporting\", \"year\": 2024}");
        Files.writeString(out.resolve("old.txt"), "old");
        return out;
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
