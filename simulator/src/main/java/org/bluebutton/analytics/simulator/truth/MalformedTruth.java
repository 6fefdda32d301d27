package org.bluebutton.analytics.simulator.truth;

import org.bluebutton.analytics.simulator.plan.MalformedKind;

/** How many malformed requests of a kind were sent and refused with the expected status. */
public record MalformedTruth(MalformedKind kind, int expectedStatus, int refused) {
}
