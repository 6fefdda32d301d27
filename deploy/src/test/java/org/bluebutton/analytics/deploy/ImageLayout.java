package org.bluebutton.analytics.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Dockerfile's stages carried out without Docker, each in a directory standing for its
 * container's root: the build stage's COPY of the build context (the repository less what
 * .dockerignore leaves out) and its RUN steps, verbatim, through {@code /bin/sh -c}; then each runtime
 * stage's {@code COPY --from=build}. Paths inside a container ({@code /src/...}, {@code /app/...}) are
 * taken under that container's directory.
 *
 * <p>What stands in for Docker: the build stage's cache mount on {@code /root/.m2} is a Maven
 * repository seeded from this machine's, as a warm cache would be, but without the project's own
 * artifacts, as on a clean machine (jars hard-linked, every other file copied, since Maven rewrites
 * metadata in place); Maven fetches what it lacks from Central as in the image build; the JDK is
 * the one running the tests.
 * The runtime stages' RUN steps are not carried out: they install curl, add the service user and
 * make the directories named volumes are mounted on, none of which a process started here needs.
 * A build step naming an absolute path is refused rather than carried out (it would write to this
 * machine's root).
 */
final class ImageLayout {

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(15);
    /** An absolute path in a shell script: after a blank, a quote, '=' or the start. */
    private static final Pattern ABSOLUTE_PATH = Pattern.compile("(?:^|[\\s\"'=])(/[A-Za-z0-9_.$-][^\\s\"';]*)");

    private final Dockerfile dockerfile;
    private final Path scratch;

    ImageLayout(Dockerfile dockerfile, Path scratch) {
        this.dockerfile = dockerfile;
        this.scratch = scratch;
    }

    /** The directory standing for the root of {@code stage}'s container. */
    Path root(String stage) {
        return scratch.resolve(stage);
    }

    /** {@code containerPath} (absolute inside the container) under the stage's root. */
    Path inside(String stage, String containerPath) {
        if (!containerPath.startsWith("/")) {
            throw new IllegalArgumentException("not an absolute container path: " + containerPath);
        }
        return root(stage).resolve(containerPath.substring(1));
    }

    /**
     * Carries out the build stage: its COPY of the context, then its RUN steps in order, each as
     * {@code /bin/sh -c <script>} in the stage's WORKDIR; a failing step fails here with its output.
     */
    void build(Path context, Path mavenRepository, Path mavenWrapper, Path javaHome) throws IOException, InterruptedException {
        Dockerfile.Stage build = dockerfile.stage("build").orElseThrow();
        Path workdir = inside("build", build.workdir());
        for (Dockerfile.Copy copy : build.copies()) {
            if (!copy.fromStage().isEmpty() || !copy.sources().equals(List.of("."))) {
                throw new AssertionError("build stage COPY not carried out by this test: " + copy);
            }
            copyTree(context, workdir.resolve(copy.target()), dockerIgnored(context));
        }
        // The cache mount's target, /root/.m2, is root's ~/.m2 in the container.
        Path home = inside("build", "/root");
        seedTree(mavenRepository, home.resolve(".m2/repository"), path -> path.startsWith(mavenRepository.resolve("org/bluebutton/analytics")));
        seedTree(mavenWrapper, home.resolve(".m2/wrapper"), path -> false);
        List<String> scripts = build.runScripts();
        for (String script : scripts) {
            // Carried out here, an absolute path would be this machine's, not the container's.
            Matcher absolute = ABSOLUTE_PATH.matcher(script);
            if (absolute.find()) {
                throw new AssertionError("build step names " + absolute.group(1) + ", outside its WORKDIR; this test runs build steps that "
                        + "work relative to WORKDIR only:\n" + script);
            }
        }
        for (int step = 0; step < scripts.size(); step++) {
            Path log = scratch.resolve("build-step-" + (step + 1) + ".log");
            ProcessBuilder shell = new ProcessBuilder("/bin/sh", "-c", scripts.get(step)).directory(workdir.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            shell.environment().put("HOME", home.toString());
            shell.environment().put("JAVA_HOME", javaHome.toString());
            shell.environment().put("PATH", javaHome.resolve("bin") + ":/usr/local/bin:/usr/bin:/bin");
            long started = System.nanoTime();
            Process process = shell.start();
            if (!process.waitFor(BUILD_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("build step " + (step + 1) + " did not finish in " + BUILD_TIMEOUT + "; log " + log);
            }
            System.out.printf("Dockerfile build step %d of %d: exit %d in %.1f s (log %s)%n", step + 1, scripts.size(), process.exitValue(),
                    (System.nanoTime() - started) / 1e9, log);
            if (process.exitValue() != 0) {
                throw new AssertionError("build step " + (step + 1) + " failed with exit " + process.exitValue() + ":\n" + tail(log, 40));
            }
        }
    }

    /** Carries out a runtime stage's (and the stages it builds on) COPY steps from other stages. */
    void assemble(String stage) throws IOException {
        Dockerfile.Stage runtime = dockerfile.stage(stage).orElseThrow();
        List<Dockerfile.Stage> lineage = new ArrayList<>();
        for (Dockerfile.Stage current = runtime; current != null; current = current.parent()) {
            lineage.add(0, current);
        }
        for (Dockerfile.Stage current : lineage) {
            for (Dockerfile.Copy copy : current.copies()) {
                if (copy.fromStage().isEmpty() || copy.sources().size() != 1) {
                    throw new AssertionError("runtime COPY not carried out by this test: " + copy);
                }
                copyTree(inside(copy.fromStage(), copy.sources().get(0)), inside(stage, copy.target()), path -> false);
            }
        }
        Files.createDirectories(inside(stage, runtime.workdir()));
    }

    /** .dockerignore's patterns as Docker reads them (relative to the context; "**" crosses directories). */
    private static Predicate<Path> dockerIgnored(Path context) throws IOException {
        Path file = context.resolve(".dockerignore");
        List<PathMatcher> matchers = new ArrayList<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                String pattern = line.strip();
                if (pattern.isEmpty() || pattern.startsWith("#")) {
                    continue;
                }
                if (pattern.startsWith("!")) {
                    throw new AssertionError(".dockerignore exceptions are not read by this test: " + pattern);
                }
                pattern = pattern.replaceAll("/+$", "");
                matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern));
                if (pattern.startsWith("**/")) {
                    matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + pattern.substring(3)));
                }
            }
        }
        return path -> {
            Path relative = context.relativize(path);
            return matchers.stream().anyMatch(matcher -> matcher.matches(relative));
        };
    }

    private static void copyTree(Path source, Path target, Predicate<Path> excluded) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(source) && excluded.test(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!excluded.test(file)) {
                    Files.copy(file, target.resolve(source.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /**
     * A copy of a large tree whose jars (most of its bytes, never rewritten) are hard links where the
     * file system allows; every other file is copied, so that nothing written to the copy changes the original.
     */
    private static void seedTree(Path source, Path target, Predicate<Path> excluded) throws IOException {
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (excluded.test(dir)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                Files.createDirectories(target.resolve(source.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path copy = target.resolve(source.relativize(file).toString());
                if (file.getFileName().toString().endsWith(".jar")) {
                    try {
                        Files.createLink(copy, file);
                        return FileVisitResult.CONTINUE;
                    } catch (IOException | UnsupportedOperationException e) {
                        // another file system: copied below
                    }
                }
                Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Deletes everything under {@code directory} except the files {@code kept} accepts. */
    static void deleteAllBut(Path directory, Predicate<Path> kept) throws IOException {
        Files.walkFileTree(directory, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (!kept.test(file)) {
                    Files.delete(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException error) throws IOException {
                if (!dir.equals(directory)) {
                    Files.delete(dir);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    static String tail(Path log, int lines) {
        try {
            // Lenient: a process's output need not be valid UTF-8.
            List<String> all = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
