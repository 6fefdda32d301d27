package org.bluebutton.analytics.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The top-level Dockerfile as the tests read it: its named stages and the entry point of each. */
final class Dockerfile {

    private static final Pattern FROM = Pattern.compile("(?i)^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*$");
    private static final Pattern ENTRYPOINT = Pattern.compile("(?i)^ENTRYPOINT\\s+\\[(.*)]\\s*$");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

    private final Map<String, Stage> stages;

    private Dockerfile(Map<String, Stage> stages) {
        this.stages = stages;
    }

    static Dockerfile read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, Stage> stages = new LinkedHashMap<>();
        String current = null;
        String base = null;
        for (String line : lines) {
            String trimmed = line.trim();
            Matcher from = FROM.matcher(trimmed);
            if (from.matches()) {
                current = from.group(2);
                base = from.group(1);
                if (current != null) {
                    stages.put(current, new Stage(current, base, List.of()));
                }
                continue;
            }
            Matcher entrypoint = ENTRYPOINT.matcher(trimmed);
            if (entrypoint.matches() && current != null) {
                List<String> arguments = QUOTED.matcher(entrypoint.group(1)).results().map(result -> result.group(1)).toList();
                stages.put(current, new Stage(current, base, arguments));
            }
        }
        return new Dockerfile(stages);
    }

    Optional<Stage> stage(String name) {
        return Optional.ofNullable(stages.get(name));
    }

    /** A named stage: its base image and its exec-form entry point (empty if it has none). */
    record Stage(String name, String base, List<String> entrypoint) {

        /** The main class the exec-form entry point {@code java -cp <path> <class>} starts. */
        Optional<String> mainClass() {
            int classPath = entrypoint.indexOf("-cp");
            if (entrypoint.isEmpty() || !entrypoint.get(0).equals("java") || classPath < 0 || entrypoint.size() <= classPath + 2) {
                return Optional.empty();
            }
            return Optional.of(entrypoint.get(classPath + 2));
        }
    }
}
