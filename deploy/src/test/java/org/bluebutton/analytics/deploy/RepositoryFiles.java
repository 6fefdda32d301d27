package org.bluebutton.analytics.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the files under test are: the repository root, one level above this module. */
final class RepositoryFiles {

    private RepositoryFiles() {
    }

    /** The repository root (system property {@code bbpa.repository.root}, set by the POM; else {@code ..}). */
    static Path root() {
        Path root = Path.of(System.getProperty("bbpa.repository.root", "..")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(root.resolve("docker-compose.yml"))) {
            throw new IllegalStateException("no docker-compose.yml in " + root + "; run the tests from the deploy module");
        }
        return root;
    }

    static Path composeFile() {
        return root().resolve("docker-compose.yml");
    }

    static Path dockerfile() {
        return root().resolve("Dockerfile");
    }
}
