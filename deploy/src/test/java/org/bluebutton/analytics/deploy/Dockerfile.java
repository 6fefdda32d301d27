package org.bluebutton.analytics.deploy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The top-level Dockerfile as the tests read it: its stages and, in each, its instructions in order,
 * with line continuations joined as Docker joins them (the backslash and the line break removed, the
 * next line's indentation kept) and comment lines left out.
 *
 * <p>Only the instruction forms the project's file uses are interpreted: {@code RUN} in shell form
 * with leading {@code --flag}s, {@code COPY [--from=stage] source target}, {@code ENV key=value},
 * {@code WORKDIR} and exec-form {@code ENTRYPOINT}. A form it does not read fails loudly instead of
 * being misread.
 */
final class Dockerfile {

    private static final Pattern FROM = Pattern.compile("(?i)^FROM\\s+(\\S+)(?:\\s+AS\\s+(\\S+))?\\s*$");
    private static final Pattern INSTRUCTION = Pattern.compile("(?s)^([A-Za-z]+)\\s+(.*)$");
    private static final Pattern LEADING_FLAG = Pattern.compile("^--\\S+\\s+");
    private static final Pattern ENV_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=(\"([^\"]*)\"|(\\S*))");
    private static final Pattern MAX_RAM_PERCENTAGE = Pattern.compile("-XX:MaxRAMPercentage=(\\d+)(?:\\.0*)?");

    private final Map<String, Stage> stages;

    private Dockerfile(Map<String, Stage> stages) {
        this.stages = stages;
    }

    static Dockerfile read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        Map<String, Stage> stages = new LinkedHashMap<>();
        Stage current = null;
        for (String logical : logicalLines(text)) {
            Matcher from = FROM.matcher(logical.trim());
            if (from.matches()) {
                String name = from.group(2) == null ? "stage-" + stages.size() : from.group(2);
                current = new Stage(name, from.group(1), stages.get(from.group(1)), new ArrayList<>());
                stages.put(name, current);
                continue;
            }
            Matcher instruction = INSTRUCTION.matcher(logical.strip());
            if (current == null || !instruction.matches()) {
                throw new AssertionError("Dockerfile: cannot read '" + logical + "'");
            }
            current.instructions().add(new Instruction(instruction.group(1).toUpperCase(Locale.ROOT), instruction.group(2)));
        }
        return new Dockerfile(stages);
    }

    /** Instructions one per element: continuations joined as Docker does, comments and blank lines dropped. */
    private static List<String> logicalLines(String text) {
        List<String> logical = new ArrayList<>();
        StringBuilder pending = null;
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || pending == null && trimmed.isEmpty()) {
                continue;
            }
            if (pending == null) {
                pending = new StringBuilder();
            }
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1);
                continue;
            }
            pending.append(line);
            logical.add(pending.toString());
            pending = null;
        }
        if (pending != null) {
            logical.add(pending.toString());
        }
        return logical;
    }

    Optional<Stage> stage(String name) {
        return Optional.ofNullable(stages.get(name));
    }

    List<Stage> stages() {
        return List.copyOf(stages.values());
    }

    /** One instruction: its keyword in upper case and its arguments as Docker reads them. */
    record Instruction(String keyword, String arguments) {

        /** A RUN's shell script, without the leading {@code --mount=…} style flags. */
        String shellScript() {
            if (!keyword.equals("RUN") || arguments.strip().startsWith("[")) {
                throw new AssertionError("not a shell-form RUN: " + this);
            }
            String script = arguments.strip();
            for (Matcher flag = LEADING_FLAG.matcher(script); flag.find(); flag = LEADING_FLAG.matcher(script)) {
                script = script.substring(flag.end());
            }
            return script;
        }

        /** A COPY's stage ({@code --from}, empty for the build context), sources and target. */
        Copy copy() {
            List<String> words = new ArrayList<>(List.of(arguments.strip().split("\\s+")));
            String from = "";
            while (words.get(0).startsWith("--")) {
                String flag = words.remove(0);
                if (!flag.startsWith("--from=")) {
                    throw new AssertionError("COPY flag not read by these tests: " + flag);
                }
                from = flag.substring("--from=".length());
            }
            return new Copy(from, words.subList(0, words.size() - 1), words.get(words.size() - 1));
        }
    }

    /** A COPY instruction. */
    record Copy(String fromStage, List<String> sources, String target) {
    }

    /**
     * A stage: its base (an image, or an earlier stage it builds on: {@code parent}) and its
     * instructions in file order.
     */
    record Stage(String name, String base, Stage parent, List<Instruction> instructions) {

        /** Whether the base is an image from a registry rather than an earlier stage. */
        boolean baseIsImage() {
            return parent == null;
        }

        List<Instruction> own(String keyword) {
            return instructions.stream().filter(instruction -> instruction.keyword().equals(keyword)).toList();
        }

        /** The shell scripts of this stage's own RUN steps, in order. */
        List<String> runScripts() {
            return own("RUN").stream().map(Instruction::shellScript).toList();
        }

        List<Copy> copies() {
            return own("COPY").stream().map(Instruction::copy).toList();
        }

        /** The working directory in effect at the end of the stage (inherited from the parent stage). */
        String workdir() {
            List<Instruction> workdirs = own("WORKDIR");
            if (!workdirs.isEmpty()) {
                return workdirs.get(workdirs.size() - 1).arguments().strip();
            }
            return parent == null ? "/" : parent.workdir();
        }

        /** ENV of this stage and the stages it builds on (not the base image's own). */
        Map<String, String> environment() {
            Map<String, String> env = parent == null ? new LinkedHashMap<>() : parent.environment();
            for (Instruction instruction : own("ENV")) {
                Matcher pair = ENV_PAIR.matcher(instruction.arguments().strip());
                int end = 0;
                while (pair.find()) {
                    env.put(pair.group(1), pair.group(3) != null ? pair.group(3) : pair.group(4));
                    end = pair.end();
                }
                if (end == 0) {
                    throw new AssertionError("ENV not in key=value form: " + instruction);
                }
            }
            return env;
        }

        /** The exec-form entry point (inherited), or empty. */
        List<String> entrypoint() {
            List<Instruction> entrypoints = own("ENTRYPOINT");
            if (entrypoints.isEmpty()) {
                return parent == null ? List.of() : parent.entrypoint();
            }
            String json = entrypoints.get(entrypoints.size() - 1).arguments().strip();
            if (!json.startsWith("[")) {
                throw new AssertionError(name + ": ENTRYPOINT must be in exec form, so signals reach the JVM");
            }
            try {
                return new ObjectMapper().readValue(json, new TypeReference<List<String>>() { });
            } catch (IOException e) {
                throw new AssertionError(name + ": ENTRYPOINT is not a JSON array: " + json, e);
            }
        }

        /** The main class the exec-form entry point {@code java [flags] -cp <path> <class>} starts. */
        Optional<String> mainClass() {
            List<String> entrypoint = entrypoint();
            int classPath = entrypoint.indexOf("-cp");
            if (entrypoint.isEmpty() || !entrypoint.get(0).equals("java") || classPath < 0 || entrypoint.size() <= classPath + 2) {
                return Optional.empty();
            }
            return Optional.of(entrypoint.get(classPath + 2));
        }

        /** The heap share of the container's memory the entry point gives the JVM, if it sets one. */
        OptionalInt maxRamPercentage() {
            return entrypoint().stream().map(MAX_RAM_PERCENTAGE::matcher).filter(Matcher::matches)
                    .mapToInt(matcher -> Integer.parseInt(matcher.group(1))).findFirst();
        }
    }
}
