package org.bluebutton.analytics.localstack.registry;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the registry-server module's runnable jar: the system property {@value #PROPERTY} (set by the
 * parent POM for every test run), else {@value #RELATIVE_PATH} in the working directory or one of
 * its parents (a module directory inside the project).
 */
public final class RegistryRunner {

    /** System property naming the runner jar. */
    public static final String PROPERTY = "bbpa.registry.runner";
    /** Where the registry-server build leaves it, relative to the project root. */
    public static final String RELATIVE_PATH = "registry-server/target/quarkus-app/quarkus-run.jar";

    private RegistryRunner() {
    }

    /** The runner jar; it may not exist yet, which {@link LocalSchemaRegistry#start()} reports. */
    public static Path locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null && !configured.isBlank() && !configured.contains("${")) {
            return Path.of(configured).toAbsolutePath();
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(RELATIVE_PATH);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return start.resolve(RELATIVE_PATH);
    }
}
