package org.bluebutton.analytics.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Each service's settings are spelled out in its own module only: everything else starts the
 * services through {@code IngestService.start(IngestConfiguration, port)} and {@code StreamsSettings},
 * so a renamed or added setting cannot leave a stale copy behind in another module's sources.
 */
class ServiceSettingsStayHomeTest {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    // Put together here, so that this file does not hold what it looks for.
    private static final String INGEST_KEY = "bluebutton" + ".ingest.";
    private static final List<String> STREAMS_OPTIONS = Stream.of("peer-secret", "staff-key-sha256", "application-id")
            .map(option -> "\"--" + option + "\"").toList();

    @Test
    void ingest_property_keys_appear_in_ingest_only() {
        assertThat(sourcesOutside("ingest").filter(file -> contains(file, INGEST_KEY))).isEmpty();
    }

    @Test
    void the_streams_command_line_is_written_in_streams_only() {
        assertThat(sourcesOutside("streams").filter(file -> STREAMS_OPTIONS.stream().anyMatch(option -> contains(file, option)))).isEmpty();
    }

    /** Java and resource files under every module's {@code src} but {@code module}'s. */
    private static Stream<Path> sourcesOutside(String module) {
        try (Stream<Path> modules = Files.list(ROOT)) {
            List<Path> sources = modules.filter(dir -> !dir.getFileName().toString().equals(module))
                    .map(dir -> dir.resolve("src")).filter(Files::isDirectory)
                    .flatMap(ServiceSettingsStayHomeTest::files).toList();
            assertThat(sources).as("sources found under " + ROOT).isNotEmpty();
            return sources.stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> files(Path src) {
        try (Stream<Path> walk = Files.walk(src)) {
            return walk.filter(Files::isRegularFile)
                    .filter(file -> file.toString().endsWith(".java") || file.toString().endsWith(".properties")).toList().stream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean contains(Path file, String text) {
        try {
            return Files.readString(file).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
