package org.bluebutton.analytics.streams.testing;

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
 * Headless Chromium, as the page specifications use it: a screenshot to keep, the DOM after scripts ran,
 * and what the browser's console said about the content security policy (every blocked inline script or
 * style, every refused load is reported there). Absent on machines without Chromium: callers skip.
 */
public final class HeadlessBrowser {

    private final Path executable;

    private HeadlessBrowser(Path executable) {
        this.executable = executable;
    }

    /** The browser of this machine, if it has one. */
    public static Optional<HeadlessBrowser> find() {
        return Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome").map(Path::of)
                .filter(Files::isExecutable).findFirst().map(HeadlessBrowser::new);
    }

    /**
     * A page as rendered.
     *
     * @param dom the document after its scripts ran
     * @param policyViolations the console's messages about the content security policy (none when the page obeys it)
     */
    public record Page(String dom, List<String> policyViolations) {
    }

    /** Renders {@code url} (scripts get {@code virtualTimeMillis} of virtual time) and keeps a screenshot at {@code screenshot}. */
    public Page open(String url, Path screenshot, int virtualTimeMillis) throws IOException, InterruptedException {
        List<String> common = List.of(executable.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                "--virtual-time-budget=" + virtualTimeMillis);
        List<String> shot = new ArrayList<>(common);
        shot.addAll(List.of("--window-size=1200,1600", "--screenshot=" + screenshot.toAbsolutePath(), url));
        Process picture = new ProcessBuilder(shot).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!picture.waitFor(60, TimeUnit.SECONDS)) {
            picture.destroyForcibly();
            throw new IllegalStateException("no screenshot of " + url + " within 60 s");
        }
        Path console = Files.createTempFile("chromium-console", ".log");
        try {
            List<String> dump = new ArrayList<>(common);
            dump.addAll(List.of("--enable-logging=stderr", "--v=0", "--dump-dom", url));
            Process dom = new ProcessBuilder(dump).redirectError(console.toFile()).start();
            String text = new String(dom.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!dom.waitFor(60, TimeUnit.SECONDS)) {
                dom.destroyForcibly();
                throw new IllegalStateException("no DOM of " + url + " within 60 s");
            }
            List<String> violations = Files.readAllLines(console, StandardCharsets.UTF_8).stream()
                    .filter(line -> line.contains("Content Security Policy")).toList();
            return new Page(text, violations);
        } finally {
            Files.deleteIfExists(console);
        }
    }
}
