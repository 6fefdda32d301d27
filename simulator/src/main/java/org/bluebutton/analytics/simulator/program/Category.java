package org.bluebutton.analytics.simulator.program;

import java.util.Arrays;
import java.util.List;

/**
 * Organization categories the simulator uses, each with the type it fits (ingest refuses a
 * category that does not fit the type) and its share among organizations of that type. ingest also
 * accepts {@code OTHER} for both types; the simulator does not use it, so every category names one
 * type.
 */
public enum Category {
    PROVIDER(OrganizationType.DATA_HOLDER, 35),
    HOSPITAL(OrganizationType.DATA_HOLDER, 30),
    PAYER(OrganizationType.DATA_HOLDER, 15),
    LAB(OrganizationType.DATA_HOLDER, 10),
    PHARMACY(OrganizationType.DATA_HOLDER, 10),
    EMPLOYER(OrganizationType.NON_DATA_HOLDER, 35),
    CONSUMER_ORGANIZATION(OrganizationType.NON_DATA_HOLDER, 20),
    ASSOCIATION(OrganizationType.NON_DATA_HOLDER, 15),
    DEVELOPER(OrganizationType.NON_DATA_HOLDER, 20),
    CONSULTANT(OrganizationType.NON_DATA_HOLDER, 10);

    private final OrganizationType type;
    private final int weight;

    Category(OrganizationType type, int weight) {
        this.type = type;
        this.weight = weight;
    }

    /** The organization type this category fits. */
    public OrganizationType type() {
        return type;
    }

    /** Relative share among the categories of the same type. */
    public int weight() {
        return weight;
    }

    /** The categories that fit {@code type}, in declaration order. */
    public static List<Category> of(OrganizationType type) {
        return Arrays.stream(values()).filter(category -> category.type == type).toList();
    }
}
