package org.bluebutton.analytics.ingest.staff;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.bluebutton.analytics.ingest.auth.Authenticator;
import org.bluebutton.analytics.ingest.validation.InvalidRequestException;
import org.bluebutton.analytics.ingest.validation.Violation;
import org.bluebutton.analytics.schemas.security.StaffRole;

/**
 * A request for a new staff account: {@code {"name": "jdoe", "role": "ANALYST"}}. Names are short
 * logins (they are what the audit trail shows), lower case so that "JDoe" and "jdoe" cannot be two people.
 */
public record StaffAccountForm(String name, StaffRole role) {

    /** Lower-case letter or digit first, then letters, digits, dot, dash or underscore; at most 64. */
    public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /** Reads and validates the form; 400 listing every problem. */
    public static StaffAccountForm read(JsonNode body) {
        List<Violation> problems = new ArrayList<>();
        JsonNode nameNode = body.get("name");
        String name = nameNode != null && nameNode.isTextual() ? nameNode.asText() : null;
        if (name == null || !NAME.matcher(name).matches()) {
            problems.add(new Violation(null, "name", "must be 1-64 lower-case letters, digits, '.', '-' or '_', starting with a letter or digit"));
        } else if (Authenticator.BOOTSTRAP.equals(name)) {
            problems.add(new Violation(null, "name", "'" + Authenticator.BOOTSTRAP + "' is the configured staff key's name"));
        }
        JsonNode roleNode = body.get("role");
        StaffRole role = null;
        if (roleNode != null && roleNode.isTextual()) {
            for (StaffRole known : List.of(StaffRole.ADMINISTRATOR, StaffRole.ANALYST)) {
                if (known.name().equals(roleNode.asText())) {
                    role = known;
                }
            }
        }
        if (role == null) {
            problems.add(new Violation(null, "role", "must be ADMINISTRATOR or ANALYST"));
        }
        body.fieldNames().forEachRemaining(field -> {
            if (!field.equals("name") && !field.equals("role")) {
                problems.add(new Violation(null, field, "is not a field of a staff account"));
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("Invalid staff account", problems);
        }
        return new StaffAccountForm(name, role);
    }
}
