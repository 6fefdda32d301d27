package org.bluebutton.analytics.simulator.program;

import java.util.Arrays;
import java.util.List;

/** Commitments taken with a pledge, each fitting one organization type (ingest refuses others). */
public enum Commitment {
    DOWNLOAD_FROM_PORTAL(OrganizationType.DATA_HOLDER),
    DIRECT_TRANSMIT(OrganizationType.DATA_HOLDER),
    MACHINE_AND_HUMAN_READABLE(OrganizationType.DATA_HOLDER),
    STAFF_ENCOURAGE_USE(OrganizationType.DATA_HOLDER),
    DISPLAY_LOGO(OrganizationType.DATA_HOLDER),
    API_ACCESS(OrganizationType.DATA_HOLDER),
    EMPLOYEE_DIALOGUE(OrganizationType.NON_DATA_HOLDER),
    CEO_MESSAGE(OrganizationType.NON_DATA_HOLDER),
    SOCIAL_MEDIA(OrganizationType.NON_DATA_HOLDER),
    INNOVATION(OrganizationType.NON_DATA_HOLDER),
    PUBLIC_DISCUSSION(OrganizationType.NON_DATA_HOLDER),
    ASK_HEALTH_PLAN(OrganizationType.NON_DATA_HOLDER),
    BUILD_TOOLS(OrganizationType.NON_DATA_HOLDER);

    private final OrganizationType type;

    Commitment(OrganizationType type) {
        this.type = type;
    }

    /** The organization type that may take this commitment. */
    public OrganizationType type() {
        return type;
    }

    /** The commitments that fit {@code type}, in declaration order. */
    public static List<Commitment> of(OrganizationType type) {
        return Arrays.stream(values()).filter(commitment -> commitment.type == type).toList();
    }
}
