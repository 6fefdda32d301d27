package org.bluebutton.analytics.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Headless Chromium, to look at pages as people do: the DOM after scripts ran, and a screenshot. Tests
 * take it from {@link #find()} and skip (a JUnit assumption) where no browser is installed.
 */
public final class HeadlessBrowser {

    private final Path executable;

    private HeadlessBrowser(Path executable) {
        this.executable = executable;
    }

    /** The browser installed here, if any (Debian: {@code apt-get install chromium}). */
    public static Optional<HeadlessBrowser> find() {
        return Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome").map(Path::of)
                .filter(Files::isExecutable).findFirst().map(HeadlessBrowser::new);
    }

    /** The page's DOM once it loaded and its scripts ran (up to 10 s of page time). */
    public String dumpDom(String url) {
        return run("--dump-dom", url);
    }

    /** Saves a screenshot of the page (1280 px wide, {@code height} px tall) to {@code png}. */
    public void screenshot(String url, Path png, int height) {
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create " + png.getParent(), e);
        }
        run("--window-size=1280," + height, "--screenshot=" + png.toAbsolutePath(), url);
    }

    private String run(String... arguments) {
        List<String> command = new ArrayList<>(List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--hide-scrollbars", "--virtual-time-budget=10000"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Chromium did not finish within 60 s: " + command);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("Could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
