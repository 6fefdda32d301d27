package org.bluebutton.analytics.reporting.render;

import org.bluebutton.analytics.schemas.aggregate.ActivityCounts;

/** The patient-derived figures the report publishes; each is suppressed on its own. */
public enum Measure {
    PATIENTS_WITH_ACCESS("Patients with access", false),
    VIEWS("Views", true),
    DOWNLOADS("Downloads", true),
    TRANSMITS("Transmits", true),
    API_ACCESSES("API accesses", true);

    private final String label;
    private final boolean additiveOverTime;

    Measure(String label, boolean additiveOverTime) {
        this.label = label;
        this.additiveOverTime = additiveOverTime;
    }

    /** Column heading. */
    public String label() {
        return label;
    }

    /**
     * Whether the months of a year add up to the year: true for activity (a sum of events), false for
     * patients with access (a gauge: the year is the latest snapshot, not a sum).
     */
    public boolean additiveOverTime() {
        return additiveOverTime;
    }

    /** This measure's figure among activity counts; patients come from access figures instead. */
    long of(ActivityCounts activity, long patients) {
        return switch (this) {
            case PATIENTS_WITH_ACCESS -> patients;
            case VIEWS -> activity.getViews();
            case DOWNLOADS -> activity.getDownloads();
            case TRANSMITS -> activity.getTransmits();
            case API_ACCESSES -> activity.getApiAccesses();
        };
    }
}
