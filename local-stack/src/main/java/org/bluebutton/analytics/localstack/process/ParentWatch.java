package org.bluebutton.analytics.localstack.process;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes a child process exit when the JVM that started it is gone, so a killed test run leaves no
 * broker or registry behind holding ports. The child exits cleanly (running its shutdown hooks) when
 * the parent pid in {@value #PARENT_PID_PROPERTY} is no longer alive or when its standard input (a
 * pipe from the parent) reaches end-of-file, and halts if that clean exit takes over 30 s.
 *
 * <p>Uses only the JDK, so it can also wrap a third-party main: {@code java -cp <app>:<this class>
 * org.bluebutton.analytics.localstack.process.ParentWatch <main class> <args...>}.
 */
public final class ParentWatch {

    /** System property holding the pid of the process the child must not outlive. */
    public static final String PARENT_PID_PROPERTY = "localstack.parent.pid";

    private static final long ORPHAN_SHUTDOWN_GRACE_SECONDS = 30;
    private static final AtomicBoolean SHUTTING_DOWN = new AtomicBoolean();

    private ParentWatch() {
    }

    /** Watches the parent, then runs {@code args[0]}'s main with the remaining arguments. */
    public static void main(String[] args) throws Throwable {
        if (args.length == 0) {
            System.err.println("Usage: ParentWatch <main class> [args...]");
            System.exit(2);
        }
        install();
        try {
            Class.forName(args[0]).getMethod("main", String[].class).invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Where this class is (a jar or a classes directory), to put it on a child's class path. */
    public static String codeLocation() {
        try {
            return Path.of(ParentWatch.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot locate " + ParentWatch.class, e);
        }
    }

    /** Starts watching the parent named by {@value #PARENT_PID_PROPERTY}; does nothing without it. */
    public static void install() {
        String parentPid = System.getProperty(PARENT_PID_PROPERTY);
        if (parentPid == null || parentPid.isBlank()) {
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> SHUTTING_DOWN.set(true), "parent-watch-shutdown-flag"));
        Optional<ProcessHandle> parent = ProcessHandle.of(Long.parseLong(parentPid.trim()));
        if (parent.isEmpty()) {
            exitAsOrphan("parent process " + parentPid + " is not alive");
            return;
        }
        daemon("parent-watch-pid", () -> {
            while (parent.get().isAlive()) {
                sleep(500);
            }
            exitAsOrphan("parent process " + parentPid + " has exited");
        });
        daemon("parent-watch-stdin", () -> {
            InputStream in = System.in;
            byte[] buffer = new byte[256];
            try {
                while (in.read(buffer) >= 0) {
                    // Nothing is ever sent; only end-of-file matters.
                }
            } catch (IOException e) {
                // Treated as end of input.
            }
            // Process.destroy() in the parent closes the pipe right after sending SIGTERM: give
            // that ordinary stop the time to begin before treating the end of input as orphaning.
            sleep(1000);
            if (!SHUTTING_DOWN.get()) {
                exitAsOrphan("standard input was closed: parent process " + parentPid + " has gone");
            }
        });
    }

    private static void exitAsOrphan(String reason) {
        if (SHUTTING_DOWN.getAndSet(true)) {
            return;
        }
        System.err.println("Exiting: " + reason);
        daemon("orphan-halt", () -> {
            sleep(TimeUnit.SECONDS.toMillis(ORPHAN_SHUTDOWN_GRACE_SECONDS));
            System.err.println("Clean shutdown took longer than " + ORPHAN_SHUTDOWN_GRACE_SECONDS + " s, halting");
            Runtime.getRuntime().halt(3);
        });
        System.exit(0);
    }

    private static void daemon(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
