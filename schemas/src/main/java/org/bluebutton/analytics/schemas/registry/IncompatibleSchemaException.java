package org.bluebutton.analytics.schemas.registry;

import java.util.List;

/** A schema change breaks the subject's compatibility rule (e.g. BACKWARD); nothing was registered. */
public class IncompatibleSchemaException extends SchemaRegistryException {

    private final String subject;
    private final List<String> problems;

    public IncompatibleSchemaException(String subject, List<String> problems, int httpStatus) {
        super("Schema for subject '" + subject + "' is not compatible with the registered versions: "
                + (problems.isEmpty() ? "the registry gave no details" : String.join("; ", problems)),
                httpStatus, 0, null);
        this.subject = subject;
        this.problems = List.copyOf(problems);
    }

    /** The subject whose rule the change breaks. */
    public String subject() {
        return subject;
    }

    /** What is incompatible, one entry per problem, naming the field where known. */
    public List<String> problems() {
        return problems;
    }
}
