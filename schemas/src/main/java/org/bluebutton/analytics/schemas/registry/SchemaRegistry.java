package org.bluebutton.analytics.schemas.registry;

import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * What the serdes and the schema registration need of a schema registry speaking the Confluent
 * Schema Registry API. {@link SchemaRegistryClient} talks to a real one over HTTP;
 * {@link InMemorySchemaRegistry} keeps subjects in memory for specifications that run without one.
 */
public interface SchemaRegistry {

    /**
     * Registers {@code schema} under {@code subject} (a no-op returning the existing id when it is
     * already registered) and returns its id.
     *
     * @throws IncompatibleSchemaException when the subject's compatibility rule rejects it
     */
    int register(String subject, Schema schema);

    /**
     * Finds the version of {@code subject} that holds {@code schema}, without registering anything.
     *
     * @throws SchemaNotFoundException when the subject does not exist or does not hold this schema
     */
    RegisteredSchema lookup(String subject, Schema schema);

    /** The id of {@code schema} under {@code subject}, from a cache or by {@link #lookup}. */
    int idOf(String subject, Schema schema);

    /**
     * The schema with registry-wide id {@code id}.
     *
     * @throws SchemaNotFoundException when no schema has that id
     */
    Schema schemaById(int id);

    /** The newest version of {@code subject}, or empty when the subject does not exist. */
    Optional<RegisteredSchema> latestVersion(String subject);

    /** All subjects known to the registry. */
    List<String> subjects();

    /** Whether {@code schema} may become the next version of {@code subject}, with the problems named. */
    CompatibilityVerdict testCompatibility(String subject, Schema schema);

    /** Sets the compatibility rule of one subject. */
    void setCompatibility(String subject, CompatibilityLevel level);

    /** Sets the registry-wide default compatibility rule. */
    void setGlobalCompatibility(CompatibilityLevel level);

    /** The compatibility rule in force for {@code subject} (its own, or the global default). */
    CompatibilityLevel compatibility(String subject);

    /** The registry's answer to a compatibility test. */
    record CompatibilityVerdict(boolean compatible, List<String> messages) {
    }
}
