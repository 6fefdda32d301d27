package org.bluebutton.analytics.simulator.program;

/** The two kinds of pledging organizations; the names are the API's symbols. */
public enum OrganizationType {
    /** Providers, hospitals, payers, labs, pharmacies: they hold patients' records. */
    DATA_HOLDER,
    /** Employers, consumer organizations, associations, developers, consultants: they engage people. */
    NON_DATA_HOLDER
}
