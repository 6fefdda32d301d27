package org.bluebutton.analytics.schemas.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;

/**
 * A schema registry held in memory, with the Confluent registry's rules that matter to this project:
 * ids are content ids (one schema has one id in every subject), registering an identical schema
 * again returns its id, and a new version must pass the subject's compatibility rule (the global
 * default is {@code BACKWARD}, as in Confluent's registry). For specifications that run the topology
 * without a registry process ({@code TopologyTestDriver}); thread-safe.
 */
public final class InMemorySchemaRegistry implements SchemaRegistry {

    private final Map<String, Integer> idsByCanonical = new HashMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, List<Integer>> versionsBySubject = new LinkedHashMap<>();
    private final Map<String, CompatibilityLevel> compatibilityBySubject = new HashMap<>();
    private CompatibilityLevel global = CompatibilityLevel.BACKWARD;

    @Override
    public synchronized int register(String subject, Schema schema) {
        Optional<RegisteredSchema> existing = find(subject, schema);
        if (existing.isPresent()) {
            return existing.get().id();
        }
        CompatibilityVerdict verdict = testCompatibility(subject, schema);
        if (!verdict.compatible()) {
            throw new IncompatibleSchemaException(subject, verdict.messages(), 409);
        }
        int id = idsByCanonical.computeIfAbsent(schema.toString(), text -> idsByCanonical.size() + 1);
        schemasById.putIfAbsent(id, schema);
        versionsBySubject.computeIfAbsent(subject, s -> new ArrayList<>()).add(id);
        return id;
    }

    @Override
    public synchronized RegisteredSchema lookup(String subject, Schema schema) {
        return find(subject, schema).orElseThrow(() -> new SchemaNotFoundException(
                "Schema " + schema.getFullName() + " is not registered under subject '" + subject + "'", 40403));
    }

    @Override
    public int idOf(String subject, Schema schema) {
        return lookup(subject, schema).id();
    }

    @Override
    public synchronized Schema schemaById(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaNotFoundException("Schema id " + id + " is not known to the registry", 40403);
        }
        return schema;
    }

    @Override
    public synchronized Optional<RegisteredSchema> latestVersion(String subject) {
        List<Integer> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            return Optional.empty();
        }
        int id = versions.get(versions.size() - 1);
        return Optional.of(new RegisteredSchema(subject, versions.size(), id, schemasById.get(id)));
    }

    @Override
    public synchronized List<String> subjects() {
        return List.copyOf(versionsBySubject.keySet());
    }

    @Override
    public synchronized CompatibilityVerdict testCompatibility(String subject, Schema schema) {
        List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
        if (versions.isEmpty()) {
            return new CompatibilityVerdict(true, List.of());
        }
        CompatibilityLevel level = compatibility(subject);
        List<Integer> against = level.name().endsWith("_TRANSITIVE") ? versions : List.of(versions.get(versions.size() - 1));
        List<String> problems = new ArrayList<>();
        for (int id : against) {
            Schema previous = schemasById.get(id);
            boolean backward = level.name().startsWith("BACKWARD") || level.name().startsWith("FULL");
            boolean forward = level.name().startsWith("FORWARD") || level.name().startsWith("FULL");
            if (backward) {
                problems.addAll(incompatibilities(schema, previous));
            }
            if (forward) {
                problems.addAll(incompatibilities(previous, schema));
            }
        }
        return new CompatibilityVerdict(problems.isEmpty(), problems);
    }

    @Override
    public synchronized void setCompatibility(String subject, CompatibilityLevel level) {
        compatibilityBySubject.put(subject, level);
    }

    @Override
    public synchronized void setGlobalCompatibility(CompatibilityLevel level) {
        global = level;
    }

    @Override
    public synchronized CompatibilityLevel compatibility(String subject) {
        return compatibilityBySubject.getOrDefault(subject, global);
    }

    private Optional<RegisteredSchema> find(String subject, Schema schema) {
        List<Integer> versions = versionsBySubject.getOrDefault(subject, List.of());
        Integer id = idsByCanonical.get(schema.toString());
        int index = id == null ? -1 : versions.indexOf(id);
        return index < 0 ? Optional.empty() : Optional.of(new RegisteredSchema(subject, index + 1, id, schemasById.get(id)));
    }

    private static List<String> incompatibilities(Schema reader, Schema writer) {
        SchemaCompatibility.SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        return result.getResult().getIncompatibilities().stream()
                .map(problem -> problem.getType() + " at " + problem.getLocation() + ": " + problem.getMessage())
                .toList();
    }
}
