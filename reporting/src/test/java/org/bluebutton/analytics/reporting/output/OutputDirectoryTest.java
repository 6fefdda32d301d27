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
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("old.txt"), "old");

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
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("old.txt"), "old");

        try (OutputDirectory output = OutputDirectory.prepare(out)) {
            Files.writeString(output.staging().resolve("half.txt"), "half");
        }

        assertThat(names(out)).containsExactly("old.txt");
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

        assertThatThrownBy(() -> OutputDirectory.prepare(file)).isInstanceOf(OutputException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("not a directory");
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
