package org.bluebutton.analytics.simulator.program;

/** Formats of records downloaded or transmitted (optional on an activity event). */
public enum RecordFormat {
    C_CDA, PDF, TEXT, FHIR
}
