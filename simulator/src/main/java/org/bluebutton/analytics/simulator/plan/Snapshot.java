package org.bluebutton.analytics.simulator.plan;

import java.time.LocalDate;

/** An access snapshot: patients with access as of a date; offered and registered may be null. */
public record Snapshot(String eventId, LocalDate asOf, long patientsWithAccess, Long patientsOffered,
        Long patientsRegistered) {
}
