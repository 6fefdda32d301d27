package org.bluebutton.analytics.ingest.validation;

import java.util.List;

/** A request was refused as a whole because of {@link #violations()}; nothing was published. */
public class InvalidRequestException extends RuntimeException {

    private final String title;
    private final List<Violation> violations;

    public InvalidRequestException(String title, List<Violation> violations) {
        super(title + ": " + violations.size() + " problem(s), first: " + (violations.isEmpty() ? "none" : violations.get(0)));
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    /** A refusal with one request-level violation. */
    public static InvalidRequestException of(String title, String reason) {
        return new InvalidRequestException(title, List.of(new Violation(null, null, reason)));
    }

    /** Short summary, for the problem's title. */
    public String title() {
        return title;
    }

    /** Every problem found, in the order of the request. */
    public List<Violation> violations() {
        return violations;
    }
}
