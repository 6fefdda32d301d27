package org.bluebutton.analytics.localstack.process;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A server of the local stack running as a child process: launched with its output appended to a
 * log file, stopped cleanly (SIGTERM, then SIGKILL after a timeout), killed (SIGKILL), frozen and
 * thawed (SIGSTOP/SIGCONT, as in a network stall), and stopped by a shutdown hook when this JVM
 * exits. Pausing uses the {@code kill} command, so it needs a Unix-like OS. Thread-safe.
 */
public final class ChildProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
    private static final Duration SHUTDOWN_HOOK_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration OWNER_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
    /** Counted down when an owner finished stopping things in order; null when nobody owns the shutdown. */
    private static volatile CountDownLatch ownerShutdown;
    private static final String LAUNCH_MARKER = "---- ";
    private static final Pattern FIRST_ERROR = Pattern.compile("^\\S.* (ERROR|FATAL) |^Error: |^Exception in thread ");

    private final String name;
    private final Path workingDirectory;
    private final Path logFile;
    private final Duration shutdownTimeout;

    /** Read without the lock by the JVM shutdown hook. */
    private volatile Process process;
    private volatile boolean paused;
    private Thread shutdownHook;

    /**
     * @param name what the process is, for messages ("Kafka broker", "schema registry")
     * @param workingDirectory the child's working directory (created if missing)
     * @param logFile receives the child's standard output and error, appended across restarts
     * @param shutdownTimeout how long {@link #stop()} waits after SIGTERM before SIGKILL
     */
    public ChildProcess(String name, Path workingDirectory, Path logFile, Duration shutdownTimeout) {
        this.name = name;
        this.workingDirectory = workingDirectory;
        this.logFile = logFile;
        this.shutdownTimeout = shutdownTimeout;
    }

    /**
     * Launches {@code command}; returns as soon as the process exists (readiness is the caller's).
     *
     * @throws IllegalStateException if the process is already running
     * @throws UncheckedIOException if it cannot be launched
     */
    public synchronized void launch(List<String> command) {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running (pid " + process.pid() + ")");
        }
        appendToLog(LAUNCH_MARKER + Instant.now() + " launching " + name + " ----");
        try {
            Files.createDirectories(workingDirectory);
            process = new ProcessBuilder(command)
                    .directory(workingDirectory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot launch " + name + " with " + command.get(0), e);
        }
        paused = false;
        if (shutdownHook == null) {
            shutdownHook = new Thread(this::stopOnJvmExit, "stop-" + name.replace(' ', '-'));
            Runtime.getRuntime().addShutdownHook(shutdownHook);
        }
    }

    /** Whether the process is alive; a paused process counts as alive. */
    public boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** The process id of the running process. */
    public long pid() {
        return requireAlive().pid();
    }

    /** Exit code of the last process, or a note that it is still running or never ran. */
    public String exitDescription() {
        Process current = process;
        if (current == null) {
            return "never launched";
        }
        return current.isAlive() ? "still running" : "exit code " + current.exitValue();
    }

    /**
     * Stops the process cleanly: resumes it if paused, sends SIGTERM, and sends SIGKILL if it has not
     * exited within the shutdown timeout. Does nothing if it is not running.
     */
    public synchronized void stop() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        if (paused) {
            resume();
        }
        current.destroy();
        if (!waitFor(current, shutdownTimeout)) {
            LOG.warn("{} (pid {}) did not stop within {}, killing it", name, current.pid(), shutdownTimeout);
            current.destroyForcibly();
            waitFor(current, Duration.ofSeconds(30));
        }
        paused = false;
    }

    /** Kills the process abruptly (SIGKILL), as in a crash, and waits until it is gone. */
    public synchronized void kill() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        current.destroyForcibly();
        waitFor(current, Duration.ofSeconds(30));
        paused = false;
    }

    /** Freezes the process (SIGSTOP): its sockets stay open but nothing answers. */
    public synchronized void pause() {
        requireAlive();
        if (!paused) {
            signal("STOP");
            paused = true;
        }
    }

    /** Lets a paused process run again (SIGCONT). */
    public synchronized void resume() {
        requireAlive();
        if (paused) {
            signal("CONT");
            paused = false;
        }
    }

    /** Stops the process and removes the shutdown hook; the object may be launched again. */
    public synchronized void close() {
        stop();
        if (shutdownHook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                // The JVM is already shutting down; the hook stops the child.
            }
            shutdownHook = null;
        }
    }

    /**
     * What the log says about the latest launch, for an error message: its first error line (the
     * tail often shows only the shutdown that followed it) and its last {@code tailLines} lines.
     */
    public String diagnosis(int tailLines) {
        List<String> lines = currentRunLog();
        StringBuilder text = new StringBuilder();
        lines.stream().filter(line -> FIRST_ERROR.matcher(line).find()).findFirst()
                .ifPresent(line -> text.append("\n  first error: ").append(line));
        text.append("\n  last ").append(tailLines).append(" lines of ").append(logFile).append(':');
        for (String line : lines.subList(Math.max(0, lines.size() - tailLines), lines.size())) {
            text.append("\n    | ").append(line);
        }
        return text.toString();
    }

    /** The lines of the log written since the latest launch began. */
    private List<String> currentRunLog() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith(LAUNCH_MARKER)) {
                    return lines.subList(i, lines.size());
                }
            }
            return lines;
        } catch (IOException | UncheckedIOException e) {
            return List.of("(cannot read " + logFile + ": " + e + ")");
        }
    }

    /** The log file. */
    public Path logFile() {
        return logFile;
    }

    private Process requireAlive() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            throw new IllegalStateException(name + " is not running (" + workingDirectory + ")");
        }
        return current;
    }

    private void appendToLog(String line) {
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + logFile, e);
        }
    }

    private void signal(String signal) {
        long pid = process.pid();
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true).start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " (" + name + ") failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run kill -" + signal + " " + pid, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while sending SIG" + signal + " to " + name, e);
        }
    }

    /**
     * JVM shutdown hooks run all at once, so the children's own hooks would stop Kafka while, say, a
     * service still flushes to it. A program that stops everything in order itself declares that
     * here; the children's hooks then wait for {@code done} (at most 30 s) and only stop what is left.
     */
    public static void deferExitHooksUntil(CountDownLatch done) {
        ownerShutdown = done;
    }

    /** Runs in the shutdown hook: takes no lock, as another thread may hold it forever. */
    private void stopOnJvmExit() {
        CountDownLatch owner = ownerShutdown;
        if (owner != null) {
            try {
                owner.await(OWNER_SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        if (paused) {
            current.destroyForcibly(); // a frozen process cannot act on SIGTERM
            return;
        }
        current.destroy();
        if (!waitFor(current, SHUTDOWN_HOOK_TIMEOUT)) {
            current.destroyForcibly();
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return false;
        }
    }

    // ---- shared by the servers of the local stack ----------------------------------------------

    /** The java executable of this JVM, for child JVMs. */
    public static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** This JVM's classpath with relative entries made absolute, as children run elsewhere. */
    public static String absoluteClasspath() {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(Pattern.quote(File.pathSeparator), -1)) {
            try {
                entries.add(Path.of(entry.isEmpty() ? "." : entry).toAbsolutePath().normalize().toString());
            } catch (InvalidPathException e) {
                entries.add(entry);
            }
        }
        return String.join(File.pathSeparator, entries);
    }

    /** A port that was free on the loopback interface a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port", e);
        }
    }

    /** Whether something accepts TCP connections on {@code port} of the loopback interface. */
    public static boolean acceptsConnections(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Checks a value for {@code -Xmx}, such as {@code 256m} or {@code 1g}, and returns it. */
    public static String requireHeapSize(String maxHeap) {
        if (!Objects.requireNonNull(maxHeap, "maxHeap").matches("\\d+[kKmMgG]?")) {
            throw new IllegalArgumentException("Not an -Xmx value: " + maxHeap);
        }
        return maxHeap;
    }

    /** Checks that a timeout is positive and returns it. */
    public static Duration requirePositive(Duration timeout) {
        if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("Timeout must be positive: " + timeout);
        }
        return timeout;
    }

    /** Creates a new temporary directory whose name starts with {@code prefix}. */
    public static Path temporaryDirectory(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a temporary directory", e);
        }
    }

    /** Deletes a directory tree; failures are logged, not thrown, as this runs during clean-up. */
    public static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete {}", directory, e);
        }
    }
}
