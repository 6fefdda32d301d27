package org.bluebutton.analytics.schemas.registry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.Incompatibility;
import org.bluebutton.analytics.schemas.topic.TopicSpec;

/**
 * Registers the project's schemas under their TopicNameStrategy subjects, with every subject held to
 * BACKWARD compatibility: a new schema must be able to read data written with the subject's latest
 * version. Production services never auto-register; this is the one deliberate step that does.
 *
 * <p>All subjects are checked before any is registered, so a rejected change registers nothing;
 * checking alone only reads from the registry. Problems are reported per field, from Avro's own
 * compatibility rules, because registries differ in how much they explain.
 */
public final class SchemaRegistration {

    /** The rule every subject of the project is held to. */
    public static final CompatibilityLevel RULE = CompatibilityLevel.BACKWARD;

    private final SchemaRegistry client;

    public SchemaRegistration(SchemaRegistry client) {
        this.client = client;
    }

    /** Subject to schema for every key and value schema of {@code topics}, in catalogue order. */
    public static Map<String, Schema> subjectsOf(Collection<? extends TopicSpec<?, ?>> topics) {
        Map<String, Schema> subjects = new LinkedHashMap<>();
        for (TopicSpec<?, ?> topic : topics) {
            topic.avroKeySchema().ifPresent(key -> subjects.put(topic.keySubject(), key));
            subjects.put(topic.valueSubject(), topic.valueSchema());
        }
        return subjects;
    }

    /**
     * Checks every subject and throws for the first one whose schema would break its rule; registers
     * nothing.
     *
     * @throws IncompatibleSchemaException naming the subject and the fields involved
     */
    public void check(Map<String, Schema> subjects) {
        subjects.forEach(this::checkOne);
    }

    /**
     * Checks all subjects, then registers each schema and sets its subject's rule to {@link #RULE}.
     *
     * @return the registered versions, in the order given
     * @throws IncompatibleSchemaException when any schema would break its subject's rule; nothing is
     *     registered then
     */
    public List<RegisteredSchema> registerAll(Map<String, Schema> subjects) {
        check(subjects);
        List<RegisteredSchema> registered = new ArrayList<>();
        subjects.forEach((subject, schema) -> {
            boolean exists = client.latestVersion(subject).isPresent();
            if (exists) {
                client.setCompatibility(subject, RULE); // before registering, so the registry enforces it too
            }
            client.register(subject, schema);
            if (!exists) {
                client.setCompatibility(subject, RULE);
            }
            registered.add(client.lookup(subject, schema));
        });
        return registered;
    }

    private void checkOne(String subject, Schema schema) {
        Optional<RegisteredSchema> latest = client.latestVersion(subject);
        if (latest.isEmpty()) {
            return;
        }
        List<String> problems = backwardProblems(schema, latest.get().schema());
        if (problems.isEmpty()) {
            SchemaRegistry.CompatibilityVerdict verdict = client.testCompatibility(subject, schema);
            if (!verdict.compatible()) {
                problems = verdict.messages().isEmpty() ? List.of("the registry rejects it under " + RULE) : verdict.messages();
            }
        }
        if (!problems.isEmpty()) {
            throw new IncompatibleSchemaException(subject, problems, 0);
        }
    }

    /** What stops {@code reader} from reading data written with {@code writer}, field by field. */
    static List<String> backwardProblems(Schema reader, Schema writer) {
        List<Incompatibility> incompatibilities = SchemaCompatibility
                .checkReaderWriterCompatibility(reader, writer).getResult().getIncompatibilities();
        return incompatibilities.stream()
                .map(i -> i.getType() + " at " + i.getLocation() + ": " + i.getMessage())
                .toList();
    }
}
