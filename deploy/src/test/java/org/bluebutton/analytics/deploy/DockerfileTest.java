package org.bluebutton.analytics.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the Dockerfile (and the files its build reads) must be, read as text: shell steps that stop at
 * the first failure, jars chosen by name, no registry server in the build, JVM flags that size the
 * heap from the container's limit, and line endings a Windows checkout cannot break. (Exact base
 * images and JVM option variables are checked with the compose file's images and environment in
 * {@code ComposeFileTest}; that the steps produce runnable images is {@code ImageLayoutIT}'s question.)
 */
class DockerfileTest {

    /** {@code set -e}, alone or with other flags ({@code set -eux}), as the script's first command. */
    private static final Pattern SET_E_FIRST = Pattern.compile("^set\\s+-[a-z]*e[a-z]*\\s*(;|&&|$)[\\s\\S]*");
    private static final Pattern MAVEN_PROJECTS = Pattern.compile("\\s-pl\\s+'?([^'\\s]+)'?");

    private final Dockerfile dockerfile = Dockerfile.read(RepositoryFiles.dockerfile());

    @Test
    void every_shell_step_stops_at_its_first_failing_command() {
        // Without it an "a && b" chain inside a for loop fails silently: the loop returns its last
        // iteration's status, and the image is built without what the failed step should have made.
        List<String> scripts = dockerfile.stages().stream().flatMap(stage -> stage.runScripts().stream()).toList();

        assertThat(scripts).isNotEmpty().allSatisfy(script -> assertThat(script).as("RUN step").matches(SET_E_FIRST));
    }

    @Test
    void jars_are_copied_by_their_exact_name_never_by_a_pattern() {
        // A pattern matched both ingest's main jar and its -tests jar, so "cp" to one file failed.
        List<String> words = dockerfile.stages().stream().flatMap(stage -> stage.runScripts().stream())
                .flatMap(script -> Arrays.stream(script.split("\\s+"))).filter(word -> word.contains(".jar")).toList();

        assertThat(words).isNotEmpty().allSatisfy(word -> assertThat(word).as("jar path in a RUN step").doesNotContain("*", "?", "["));
    }

    @Test
    void the_image_build_leaves_the_registry_server_out_of_the_reactor() {
        // registry-server (Apicurio on Quarkus, ~130 MB of dependencies) is in no image; "-am" pulls it in
        // through local-stack's test-scope ordering dependency unless it is excluded.
        List<String> projectLists = dockerfile.stage("build").orElseThrow().runScripts().stream()
                .flatMap(script -> MAVEN_PROJECTS.matcher(script).results().map(match -> match.group(1))).toList();

        assertThat(projectLists).as("-pl of the build's Maven commands").isNotEmpty()
                .allSatisfy(projects -> assertThat(projects.split(",")).contains("!registry-server"));
    }

    @Test
    void every_java_entry_point_sizes_the_heap_from_the_container_limit() {
        for (Dockerfile.Stage stage : dockerfile.stages()) {
            if (stage.mainClass().isPresent()) {
                assertThat(stage.maxRamPercentage()).as("%s: -XX:MaxRAMPercentage in the entry point", stage.name()).isPresent();
            }
        }
    }

    @Test
    void checkouts_keep_the_files_the_linux_build_runs_lf_and_the_windows_scripts_crlf() throws IOException {
        // With core.autocrlf=true and no attributes, mvnw arrives with CRLF and /bin/sh fails in the build stage.
        Map<String, Set<String>> attributes = gitAttributes(RepositoryFiles.root().resolve(".gitattributes"));

        for (String lf : List.of("mvnw", "Dockerfile", "docker-compose.yml", ".dockerignore", ".mvn/wrapper/maven-wrapper.properties")) {
            assertThat(attributes.get(lf)).as(".gitattributes for %s", lf).contains("eol=lf");
        }
        assertThat(attributes.get("*.cmd")).as(".gitattributes for *.cmd").contains("eol=crlf");
        assertThat(Files.readString(RepositoryFiles.root().resolve("mvnw"))).as("mvnw in this checkout").doesNotContain("\r");
    }

    /** Pattern → attributes of each line of a .gitattributes file (comments and blank lines left out). */
    private static Map<String, Set<String>> gitAttributes(Path file) throws IOException {
        assertThat(file).as("the repository's .gitattributes").exists();
        Map<String, Set<String>> attributes = new TreeMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] words = line.strip().split("\\s+");
            if (words.length > 1 && !words[0].startsWith("#")) {
                attributes.computeIfAbsent(words[0], pattern -> new TreeSet<>()).addAll(List.of(words).subList(1, words.length));
            }
        }
        return attributes;
    }
}
