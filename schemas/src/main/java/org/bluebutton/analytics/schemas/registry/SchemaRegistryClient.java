package org.bluebutton.analytics.schemas.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Client for the Confluent Schema Registry REST API: register and look up subject versions, fetch
 * schemas by id, test compatibility and manage per-subject compatibility. Ids and schemas are
 * cached (they are immutable in the registry), so serdes hit the network once per schema.
 * Thread-safe.
 */
public class SchemaRegistryClient implements SchemaRegistry {

    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SchemaRegistryClientConfig config;
    private final HttpClient http;
    private final String authorization;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<SubjectSchema, Integer> idsBySubjectSchema = new ConcurrentHashMap<>();

    private record SubjectSchema(String subject, Schema schema) {
    }

    public SchemaRegistryClient(SchemaRegistryClientConfig config) {
        this.config = config;
        HttpClient.Builder builder = HttpClient.newBuilder()
                .connectTimeout(config.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1);
        if (config.sslContext() != null) {
            builder.sslContext(config.sslContext());
        }
        this.http = builder.build();
        this.authorization = config.basicAuthUserInfo() == null ? null
                : "Basic " + Base64.getEncoder().encodeToString(config.basicAuthUserInfo().getBytes(StandardCharsets.UTF_8));
    }

    /** The configuration this client was built with. */
    public SchemaRegistryClientConfig config() {
        return config;
    }

    /**
     * Registers {@code schema} under {@code subject} (a no-op returning the existing id when it is
     * already registered) and returns its id.
     *
     * @throws IncompatibleSchemaException when the subject's compatibility rule rejects it
     */
    @Override
    public int register(String subject, Schema schema) {
        SubjectSchema key = new SubjectSchema(subject, schema);
        Integer cached = idsBySubjectSchema.get(key);
        if (cached != null) {
            return cached;
        }
        JsonNode body = null;
        for (int attempt = 1; body == null; attempt++) {
            try {
                body = registerRequest(subject, schema);
            } catch (IncompatibleSchemaException | SchemaRegistryUnavailableException failed) {
                // Clients registering a new subject or schema at the same moment: some registries
                // (Apicurio) answer the losers 409 "already exists" or a 500 from a unique index, and
                // the winner's version may become visible a moment later. If the winner registered
                // this very schema, that is success; a real incompatibility stays a 409 every time.
                Integer registered = registeredId(subject, schema);
                if (registered != null) {
                    return registered;
                }
                if (attempt == CONCURRENT_REGISTRATION_ATTEMPTS || !paused(attempt * 100L)) {
                    throw failed;
                }
            }
        }
        int id = body.path("id").asInt();
        idsBySubjectSchema.put(key, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    private static final int CONCURRENT_REGISTRATION_ATTEMPTS = 5;

    private Integer registeredId(String subject, Schema schema) {
        try {
            return lookup(subject, schema).id();
        } catch (SchemaNotFoundException notYet) {
            return null;
        }
    }

    /** Whether the pause ran its course (false: interrupted, the flag kept). */
    private static boolean paused(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private JsonNode registerRequest(String subject, Schema schema) {
        return send("POST", "subjects/" + encode(subject) + "/versions", schemaBody(schema),
                "register a schema under subject '" + subject + "'",
                (status, detail) -> status == 409 ? new IncompatibleSchemaException(subject, List.of(detail), 409) : null);
    }

    /**
     * Finds the version of {@code subject} that holds {@code schema}, without registering anything.
     *
     * @throws SchemaNotFoundException when the subject does not exist or does not hold this schema
     */
    @Override
    public RegisteredSchema lookup(String subject, Schema schema) {
        JsonNode body = send("POST", "subjects/" + encode(subject), schemaBody(schema),
                "look up a schema under subject '" + subject + "'",
                notFound("Schema " + schema.getFullName() + " is not registered under subject '" + subject + "'"));
        RegisteredSchema found = new RegisteredSchema(subject, body.path("version").asInt(), body.path("id").asInt(), schema);
        idsBySubjectSchema.put(new SubjectSchema(subject, schema), found.id());
        schemasById.putIfAbsent(found.id(), schema);
        return found;
    }

    /** The id of {@code schema} under {@code subject}, from the cache or by {@link #lookup}. */
    @Override
    public int idOf(String subject, Schema schema) {
        Integer cached = idsBySubjectSchema.get(new SubjectSchema(subject, schema));
        return cached != null ? cached : lookup(subject, schema).id();
    }

    /**
     * The schema with registry-wide id {@code id}.
     *
     * @throws SchemaNotFoundException when no schema has that id
     */
    @Override
    public Schema schemaById(int id) {
        Schema cached = schemasById.get(id);
        if (cached != null) {
            return cached;
        }
        JsonNode body = send("GET", "schemas/ids/" + id, null, "fetch schema id " + id,
                notFound("Schema id " + id + " is not known to the registry"));
        Schema schema = parse(body.path("schema").asText(), "schema id " + id);
        schemasById.putIfAbsent(id, schema);
        return schema;
    }

    /** The newest version of {@code subject}, or empty when the subject does not exist. */
    @Override
    public Optional<RegisteredSchema> latestVersion(String subject) {
        try {
            JsonNode body = send("GET", "subjects/" + encode(subject) + "/versions/latest", null,
                    "fetch the latest version of subject '" + subject + "'",
                    notFound("Subject '" + subject + "' does not exist"));
            Schema schema = parse(body.path("schema").asText(), "subject '" + subject + "'");
            int id = body.path("id").asInt();
            schemasById.putIfAbsent(id, schema);
            return Optional.of(new RegisteredSchema(subject, body.path("version").asInt(), id, schema));
        } catch (SchemaNotFoundException e) {
            return Optional.empty();
        }
    }

    /** All subjects known to the registry. */
    @Override
    public List<String> subjects() {
        JsonNode body = send("GET", "subjects", null, "list subjects", (status, detail) -> null);
        List<String> subjects = new ArrayList<>();
        body.forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    /**
     * Asks the registry whether {@code schema} may become the next version of {@code subject}.
     *
     * @return the problems the registry names; empty when compatible (or the subject does not exist)
     */
    @Override
    public CompatibilityVerdict testCompatibility(String subject, Schema schema) {
        try {
            JsonNode body = send("POST", "compatibility/subjects/" + encode(subject) + "/versions/latest?verbose=true",
                    schemaBody(schema), "test compatibility of a schema with subject '" + subject + "'",
                    notFound("Subject '" + subject + "' does not exist"));
            List<String> messages = new ArrayList<>();
            body.path("messages").forEach(m -> messages.add(m.asText()));
            // Apicurio's ccompat API explains in one "reason" string instead of a "messages" array.
            if (body.hasNonNull("reason")) {
                messages.add(body.get("reason").asText());
            }
            return new CompatibilityVerdict(body.path("is_compatible").asBoolean(false), messages);
        } catch (SchemaNotFoundException e) {
            return new CompatibilityVerdict(true, List.of());
        }
    }

    /** Sets the compatibility rule of one subject. */
    @Override
    public void setCompatibility(String subject, CompatibilityLevel level) {
        send("PUT", "config/" + encode(subject), compatibilityBody(level),
                "set compatibility of subject '" + subject + "' to " + level, (status, detail) -> null);
    }

    /** Sets the registry-wide default compatibility rule. */
    @Override
    public void setGlobalCompatibility(CompatibilityLevel level) {
        send("PUT", "config", compatibilityBody(level), "set global compatibility to " + level, (status, detail) -> null);
    }

    /** The compatibility rule in force for {@code subject} (its own, or the global default). */
    @Override
    public CompatibilityLevel compatibility(String subject) {
        JsonNode body = send("GET", "config/" + encode(subject) + "?defaultToGlobal=true", null,
                "read compatibility of subject '" + subject + "'", (status, detail) -> null);
        JsonNode level = body.has("compatibilityLevel") ? body.get("compatibilityLevel") : body.path("compatibility");
        return CompatibilityLevel.valueOf(level.asText());
    }

    private static BiFunction<Integer, String, SchemaRegistryException> notFound(String message) {
        return (status, detail) -> status == 404 ? new SchemaNotFoundException(message + " (" + detail + ")", 0) : null;
    }

    private static String schemaBody(Schema schema) {
        ObjectNode body = JSON.createObjectNode();
        body.put("schema", schema.toString());
        return body.toString();
    }

    private static String compatibilityBody(CompatibilityLevel level) {
        return JSON.createObjectNode().put("compatibility", level.name()).toString();
    }

    private static Schema parse(String text, String what) {
        try {
            return new Schema.Parser().parse(text);
        } catch (SchemaParseException e) {
            throw new SchemaRegistryRequestException("The registry returned an unparsable Avro schema for " + what
                    + ": " + e.getMessage(), 200, 0);
        }
    }

    private static String encode(String pathSegment) {
        return URLEncoder.encode(pathSegment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Sends one request and returns the parsed JSON body of a 2xx answer. {@code specific} maps an
     * HTTP status and the registry's message to the caller's own exception (or null to fall back to
     * the generic mapping).
     */
    private JsonNode send(String method, String path, String body, String what,
            BiFunction<Integer, String, SchemaRegistryException> specific) {
        URI uri = config.baseUrl().resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(config.requestTimeout())
                .header("Accept", CONTENT_TYPE + ", application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", CONTENT_TYPE);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SchemaRegistryUnavailableException("Could not " + what + ": registry at " + config.baseUrl()
                    + " unreachable (" + e + ")", 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryUnavailableException("Interrupted while trying to " + what, 0, e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return readJson(response.body(), what, status);
        }
        JsonNode error = readJsonOrNull(response.body());
        int errorCode = error == null ? 0 : error.path("error_code").asInt(0);
        String detail = error == null ? abbreviate(response.body()) : error.path("message").asText(abbreviate(response.body()));
        if (status == 404 && errorCode / 100 != 404) {
            // A registry says which thing is missing (40401 subject, 40402 version, 40403 schema); a bare
            // 404 means the URL does not lead to a registry API at all.
            throw new SchemaRegistryRequestException("Could not " + what + ": " + uri + " answered 404 without a schema-registry "
                    + "error code; is " + config.baseUrl() + " the registry's API base URL (e.g. .../apis/ccompat/v7)?", status, errorCode);
        }
        SchemaRegistryException mapped = specific.apply(status, detail);
        if (mapped != null) {
            throw mapped;
        }
        String message = "Could not " + what + ": HTTP " + status + (errorCode != 0 ? " (error_code " + errorCode + ")" : "")
                + ": " + detail;
        if (status >= 500 || status == 408 || status == 429) {
            throw new SchemaRegistryUnavailableException(message, status, null);
        }
        if (status == 404) {
            throw new SchemaNotFoundException(message, errorCode);
        }
        throw new SchemaRegistryRequestException(message, status, errorCode);
    }

    private static JsonNode readJson(String text, String what, int status) {
        JsonNode node = readJsonOrNull(text);
        if (node == null) {
            throw new SchemaRegistryRequestException("Could not " + what + ": the registry answered HTTP " + status
                    + " with a body that is not JSON: " + abbreviate(text), status, 0);
        }
        return node;
    }

    private static JsonNode readJsonOrNull(String text) {
        if (text == null || text.isBlank()) {
            return JSON.createObjectNode();
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
