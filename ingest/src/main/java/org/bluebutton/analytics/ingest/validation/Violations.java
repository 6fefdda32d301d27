package org.bluebutton.analytics.ingest.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * The problems found in one request: every one is counted, the first {@value #MAX_LISTED} are kept
 * to be listed. A hostile batch (thousands of items, each with hundreds of unknown fields) so costs
 * a counter, not memory in proportion to its mistakes; the client fixes the listed ones and resends.
 */
public final class Violations {

    /** Most problems listed in one answer; the answer gives the total beside them. */
    public static final int MAX_LISTED = 100;

    private final List<Violation> listed = new ArrayList<>();
    private int count;

    /** Counts {@code violation}, and keeps it while fewer than {@value #MAX_LISTED} are kept. */
    public void add(Violation violation) {
        count++;
        if (listed.size() < MAX_LISTED) {
            listed.add(violation);
        }
    }

    /** Every problem counted so far, listed or not. */
    public int size() {
        return count;
    }

    public boolean isEmpty() {
        return count == 0;
    }

    /** The first problems, in the order of the request. */
    public List<Violation> listed() {
        return List.copyOf(listed);
    }
}
