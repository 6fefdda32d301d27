package org.bluebutton.analytics.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * docker-compose.yml as the tests read it: services, their environment, dependencies, volumes and
 * ports, without interpolating {@code ${...}} (the tests check the references themselves).
 *
 * <p>Only the compose forms the project's file uses are read: environment as a mapping, depends_on as
 * a mapping with conditions, short volume syntax ({@code source:target}). A form it does not use
 * fails loudly instead of being misread.
 */
final class ComposeFile {

    /** What Docker allows a container to stop in before it kills it, when the file does not say. */
    static final Duration DEFAULT_STOP_GRACE_PERIOD = Duration.ofSeconds(10);

    private final JsonNode root;

    private ComposeFile(JsonNode root) {
        this.root = root;
    }

    static ComposeFile read(Path file) {
        try {
            return new ComposeFile(new ObjectMapper(new YAMLFactory()).readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Service names in file order. */
    List<String> serviceNames() {
        List<String> names = new ArrayList<>();
        root.path("services").fieldNames().forEachRemaining(names::add);
        return names;
    }

    Service service(String name) {
        JsonNode node = root.path("services").path(name);
        if (node.isMissingNode()) {
            throw new AssertionError("no service " + name + " in docker-compose.yml");
        }
        return new Service(name, node);
    }

    List<Service> services() {
        return serviceNames().stream().map(this::service).toList();
    }

    /** Named volumes declared at the top level. */
    List<String> declaredVolumes() {
        List<String> names = new ArrayList<>();
        root.path("volumes").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** One service of the file. */
    record Service(String name, JsonNode node) {

        /** The environment mapping, values as written (uninterpolated). */
        Map<String, String> environment() {
            JsonNode env = node.path("environment");
            if (!env.isMissingNode() && !env.isObject()) {
                throw new AssertionError(name + ": environment must be a mapping (the form these tests read)");
            }
            Map<String, String> values = new LinkedHashMap<>();
            env.fields().forEachRemaining(field -> values.put(field.getKey(), field.getValue().asText()));
            return values;
        }

        /** Services this one waits for, with the condition of each. */
        Map<String, String> dependsOn() {
            JsonNode deps = node.path("depends_on");
            if (!deps.isMissingNode() && !deps.isObject()) {
                throw new AssertionError(name + ": depends_on must be a mapping with conditions");
            }
            Map<String, String> conditions = new LinkedHashMap<>();
            deps.fields().forEachRemaining(field -> conditions.put(field.getKey(), field.getValue().path("condition").asText(null)));
            return conditions;
        }

        boolean hasHealthcheck() {
            JsonNode test = node.path("healthcheck").path("test");
            return test.isArray() && test.size() > 1 || test.isTextual() && !test.asText().isBlank();
        }

        /** The health check command as one string (for reading what it calls). */
        String healthcheckCommand() {
            JsonNode test = node.path("healthcheck").path("test");
            if (test.isTextual()) {
                return test.asText();
            }
            List<String> parts = new ArrayList<>();
            test.forEach(part -> parts.add(part.asText()));
            return String.join(" ", parts);
        }

        /** Profiles the service belongs to; none for services {@code docker compose up} starts. */
        List<String> profiles() {
            List<String> profiles = new ArrayList<>();
            node.path("profiles").forEach(profile -> profiles.add(profile.asText()));
            return profiles;
        }

        /** The Dockerfile target the service is built from, if it is built here. */
        Optional<String> buildTarget() {
            JsonNode target = node.path("build").path("target");
            return target.isTextual() ? Optional.of(target.asText()) : Optional.empty();
        }

        /** The image the service runs (and, with {@code build:}, the tag it builds). */
        String image() {
            return node.path("image").asText("");
        }

        boolean builds() {
            return node.has("build");
        }

        /** {@code pull_policy}, or empty when Compose's default (pull if missing) applies. */
        String pullPolicy() {
            return node.path("pull_policy").asText("");
        }

        /** {@code restart}, or empty when unset (Docker's default: never restart). */
        String restart() {
            return node.path("restart").asText("");
        }

        /** {@code mem_limit} in bytes, if set (units b, k, m, g as Compose reads them, powers of 1024). */
        Optional<Long> memLimitBytes() {
            JsonNode limit = node.path("mem_limit");
            return limit.isMissingNode() ? Optional.empty() : Optional.of(ByteSize.parse(limit.asText()));
        }

        /** {@code stop_grace_period}; Docker's 10 s when unset. */
        Duration stopGracePeriod() {
            JsonNode period = node.path("stop_grace_period");
            return period.isMissingNode() ? DEFAULT_STOP_GRACE_PERIOD : ComposeDuration.parse(period.asText());
        }

        /** Volume mounts as (source, target); a source without '/' or '.' is a named volume. */
        List<Mount> mounts() {
            List<Mount> mounts = new ArrayList<>();
            for (JsonNode volume : node.path("volumes")) {
                if (!volume.isTextual()) {
                    throw new AssertionError(name + ": volumes must use the short syntax source:target");
                }
                String[] parts = volume.asText().split(":");
                mounts.add(new Mount(parts[0], parts[1]));
            }
            return mounts;
        }

        /** Published ports as written, e.g. {@code ${INGEST_HOST_PORT:-8080}:8080}. */
        List<String> ports() {
            List<String> ports = new ArrayList<>();
            node.path("ports").forEach(port -> ports.add(port.asText()));
            return ports;
        }

        /** The command as a list of arguments (empty when the image's default is used). */
        List<String> command() {
            List<String> arguments = new ArrayList<>();
            JsonNode command = node.path("command");
            if (command.isTextual()) {
                throw new AssertionError(name + ": command must be a list, so no shell splits its arguments");
            }
            command.forEach(argument -> arguments.add(argument.asText()));
            return arguments;
        }
    }

    /** Sizes as Compose writes them: a number and an optional unit b, k, m or g (powers of 1024). */
    static final class ByteSize {

        private static final Pattern SIZE = Pattern.compile("(?i)(\\d+)\\s*([bkmg]?)b?");

        private ByteSize() {
        }

        static long parse(String text) {
            Matcher size = SIZE.matcher(text.strip());
            if (!size.matches()) {
                throw new AssertionError("not a size: " + text);
            }
            long value = Long.parseLong(size.group(1));
            return switch (size.group(2).toLowerCase(Locale.ROOT)) {
                case "k" -> value << 10;
                case "m" -> value << 20;
                case "g" -> value << 30;
                default -> value;
            };
        }
    }

    /** Durations as Compose writes them: {@code 45s}, {@code 1m30s}, {@code 500ms}. */
    static final class ComposeDuration {

        private static final Pattern PART = Pattern.compile("(\\d+)(ms|h|m|s)");

        private ComposeDuration() {
        }

        static Duration parse(String text) {
            Duration total = Duration.ZERO;
            Matcher part = PART.matcher(text.strip());
            int end = 0;
            while (part.find() && part.start() == end) {
                long value = Long.parseLong(part.group(1));
                total = total.plus(switch (part.group(2)) {
                    case "h" -> Duration.ofHours(value);
                    case "m" -> Duration.ofMinutes(value);
                    case "s" -> Duration.ofSeconds(value);
                    default -> Duration.ofMillis(value);
                });
                end = part.end();
            }
            if (end == 0 || end != text.strip().length()) {
                throw new AssertionError("not a Compose duration: " + text);
            }
            return total;
        }
    }

    /** A volume mount. */
    record Mount(String source, String target) {

        boolean isNamedVolume() {
            return !source.startsWith("/") && !source.startsWith(".") && !source.startsWith("~") && !source.startsWith("$");
        }
    }
}
