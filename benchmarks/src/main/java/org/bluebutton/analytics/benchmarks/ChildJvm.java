package org.bluebutton.analytics.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class of this module's class path in a separate JVM and returns its standard output.
 * The baselines run this way (as Kafka's own scripts run them) so that they do not share a heap or JIT
 * with the services under test, and so that the report's peak heap is its own.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    /**
     * Runs {@code mainClass} with {@code jvmOptions} and {@code args}; fails when it exits non-zero or
     * takes longer than {@code timeoutSeconds}.
     */
    public static String run(List<String> jvmOptions, String mainClass, List<String> args, long timeoutSeconds) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(mainClass + " did not finish within " + timeoutSeconds + " s");
            }
            String text = new String(out, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new IllegalStateException(mainClass + " exited with " + process.exitValue() + ": " + text);
            }
            return text;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + mainClass + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + mainClass + " ran", e);
        }
    }
}
