package org.bluebutton.analytics.simulator.plan;

/**
 * Kinds of malformed requests participants send now and then, each with the status ingest must
 * answer. None of them may publish anything.
 */
public enum MalformedKind {
    /** A JSON array cut off in the middle. */
    TRUNCATED_JSON(400),
    /** An activity event with {@code count} 0. */
    ZERO_COUNT(400),
    /** An activity event dated before 2010-01-01. */
    BEFORE_2010(400),
    /** An activity event with a field the API does not know (a patient identifier). */
    UNKNOWN_FIELD(400),
    /** Two events with the same eventId in one batch. */
    REPEATED_EVENT_ID(400),
    /** A batch of valid events with one invalid channel: all or nothing. */
    ONE_BAD_ITEM(400),
    /** A snapshot with a negative number of patients. */
    NEGATIVE_PATIENTS(400),
    /** A monthly CSV for a month that has not ended. */
    CSV_FUTURE_MONTH(400),
    /** A batch without an API key. */
    MISSING_API_KEY(401),
    /** A batch sent with the organization's key to another organization's path. */
    ANOTHER_ORGANIZATION(403),
    /** A batch sent as text/plain. */
    WRONG_CONTENT_TYPE(415),
    /** Staff creating an organization whose category does not fit its type. */
    CATEGORY_NOT_FITTING_TYPE(400);

    private final int expectedStatus;

    MalformedKind(int expectedStatus) {
        this.expectedStatus = expectedStatus;
    }

    /** The status ingest must answer. */
    public int expectedStatus() {
        return expectedStatus;
    }
}
