package org.bluebutton.analytics.simulator.truth;

import java.time.LocalDate;

/** The standing access snapshot of a period; offered and registered may be null. */
public record AccessFigures(LocalDate asOf, long patientsWithAccess, Long patientsOffered, Long patientsRegistered) {
}
