package org.bluebutton.analytics.ingest.validation;

import java.util.List;

/** A request was refused as a whole because of {@link #violations()}; nothing was published. */
public class InvalidRequestException extends RuntimeException {

    private final String title;
    private final List<Violation> violations;
    private final int total;

    public InvalidRequestException(String title, List<Violation> violations) {
        super(title + ": " + violations.size() + " problem(s), first: " + (violations.isEmpty() ? "none" : violations.get(0)));
        this.title = title;
        this.violations = List.copyOf(violations);
        this.total = violations.size();
    }

    /** A refusal listing the first of {@code violations} and counting all of them. */
    public InvalidRequestException(String title, Violations violations) {
        this(title, violations.listed(), violations.size());
    }

    private InvalidRequestException(String title, List<Violation> listed, int total) {
        super(title + ": " + total + " problem(s), first: " + (listed.isEmpty() ? "none" : listed.get(0)));
        this.title = title;
        this.violations = listed;
        this.total = total;
    }

    /** A refusal with one request-level violation. */
    public static InvalidRequestException of(String title, String reason) {
        return new InvalidRequestException(title, List.of(new Violation(null, null, reason)));
    }

    /** Short summary, for the problem's title. */
    public String title() {
        return title;
    }

    /** The problems listed (at most {@link Violations#MAX_LISTED}), in the order of the request. */
    public List<Violation> violations() {
        return violations;
    }

    /** How many problems were found, listed or not. */
    public int total() {
        return total;
    }
}
