package org.bluebutton.analytics.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Docker Compose command line found on PATH: {@code docker compose} (v2) when the plugin answers,
 * else the standalone {@code docker-compose} (v1, e.g. Debian's 1.29.2). Runs against the repository's
 * docker-compose.yml with a controlled staff-key variable, so a value exported in the caller's shell
 * cannot change the result.
 */
final class ComposeCli {

    private final List<String> command;

    private ComposeCli(List<String> command) {
        this.command = command;
    }

    /** The Compose command on PATH, or null when there is none. */
    static ComposeCli find() {
        ComposeCli v2 = new ComposeCli(List.of("docker", "compose"));
        if (onPath("docker") && v2.answers()) {
            return v2;
        }
        ComposeCli v1 = new ComposeCli(List.of("docker-compose"));
        if (onPath("docker-compose") && v1.answers()) {
            return v1;
        }
        return null;
    }

    /** Whether this is Compose v2 (the {@code docker compose} plugin). */
    boolean isPlugin() {
        return command.size() == 2;
    }

    /**
     * Runs {@code <compose> -f docker-compose.yml <arguments>} in {@code root}, with
     * {@code BLUEBUTTON_STAFF_KEY_SHA256} set to {@code staffKeyHash} (absent when null).
     */
    Result run(Path root, List<String> arguments, String staffKeyHash) {
        return run(root, arguments, staffKeyHash, java.util.Map.of());
    }

    /** As {@link #run(Path, List, String)}, with more environment variables. */
    Result run(Path root, List<String> arguments, String staffKeyHash, java.util.Map<String, String> environment) {
        return run(root, arguments, staffKeyHash, environment, null);
    }

    /**
     * As {@link #run(Path, List, String, java.util.Map)}; with {@code standardOutput} not null, the
     * command's standard output goes to that file (binary-safe) and only its error output is returned.
     */
    Result run(Path root, List<String> arguments, String staffKeyHash, java.util.Map<String, String> environment, Path standardOutput) {
        List<String> full = new ArrayList<>(command);
        full.add("-f");
        full.add(root.resolve("docker-compose.yml").toString());
        full.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(full).directory(root.toFile());
        if (standardOutput == null) {
            builder.redirectErrorStream(true);
        } else {
            builder.redirectOutput(standardOutput.toFile());
        }
        // Only what the caller gives: a developer's own exported secrets must not decide a test.
        builder.environment().remove("BLUEBUTTON_STAFF_KEY_SHA256");
        builder.environment().remove("BLUEBUTTON_PEER_SECRET");
        if (staffKeyHash != null) {
            builder.environment().put("BLUEBUTTON_STAFF_KEY_SHA256", staffKeyHash);
        }
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            byte[] output = (standardOutput == null ? process.getInputStream() : process.getErrorStream()).readAllBytes();
            if (!process.waitFor(30, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException(full + " did not finish");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + full, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + full, e);
        }
    }

    private boolean answers() {
        List<String> version = new ArrayList<>(command);
        version.add("version");
        try {
            Process process = new ProcessBuilder(version).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static boolean onPath(String executable) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String directory : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(directory, executable))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return String.join(" ", command);
    }

    /** Exit code and the combined output. */
    record Result(int exitCode, String output) {
    }
}
