package org.bluebutton.analytics.ingest.signup;

import java.util.Map;
import org.bluebutton.analytics.schemas.event.Commitment;
import org.bluebutton.analytics.schemas.event.OrganizationCategory;
import org.bluebutton.analytics.schemas.event.OrganizationType;

/** The pledge text's words for types, categories and commitments, as the sign-up and staff pages show them. */
public final class PledgeText {

    private static final Map<OrganizationType, String> TYPES = Map.of(
            OrganizationType.DATA_HOLDER, "Data holder: we hold patients' health records (provider, hospital, health plan, lab, pharmacy)",
            OrganizationType.NON_DATA_HOLDER, "Not a data holder: we help people use their records (employer, consumer group, association, developer, consultant)");

    private static final Map<OrganizationCategory, String> CATEGORIES = Map.ofEntries(
            Map.entry(OrganizationCategory.PROVIDER, "Health care provider"),
            Map.entry(OrganizationCategory.HOSPITAL, "Hospital"),
            Map.entry(OrganizationCategory.PAYER, "Health plan or insurer"),
            Map.entry(OrganizationCategory.LAB, "Laboratory"),
            Map.entry(OrganizationCategory.PHARMACY, "Retail pharmacy"),
            Map.entry(OrganizationCategory.EMPLOYER, "Employer"),
            Map.entry(OrganizationCategory.CONSUMER_ORGANIZATION, "Consumer or disease-based organization"),
            Map.entry(OrganizationCategory.ASSOCIATION, "Health care association"),
            Map.entry(OrganizationCategory.DEVELOPER, "Product developer"),
            Map.entry(OrganizationCategory.CONSULTANT, "Consultant"),
            Map.entry(OrganizationCategory.OTHER, "Other"));

    private static final Map<Commitment, String> COMMITMENTS = Map.ofEntries(
            Map.entry(Commitment.DOWNLOAD_FROM_PORTAL, "Let patients view and download their health records from a secure online portal"),
            Map.entry(Commitment.DIRECT_TRANSMIT, "Let patients send (transmit) their records where they choose, e.g. by Direct secure messaging"),
            Map.entry(Commitment.MACHINE_AND_HUMAN_READABLE, "Offer the records in a format both people and computers can read"),
            Map.entry(Commitment.STAFF_ENCOURAGE_USE, "Have our staff encourage patients to get and use their records"),
            Map.entry(Commitment.DISPLAY_LOGO, "Show the Blue Button logo where patients get their records"),
            Map.entry(Commitment.API_ACCESS, "Let patients connect apps of their choice to their records (API access)"),
            Map.entry(Commitment.EMPLOYEE_DIALOGUE, "Talk with our employees or members about getting their health records"),
            Map.entry(Commitment.CEO_MESSAGE, "Send a message from our leadership encouraging people to use Blue Button"),
            Map.entry(Commitment.SOCIAL_MEDIA, "Spread the word in social media campaigns"),
            Map.entry(Commitment.INNOVATION, "Design innovative uses of personal health data"),
            Map.entry(Commitment.PUBLIC_DISCUSSION, "Take part in public discussions about access to health data"),
            Map.entry(Commitment.ASK_HEALTH_PLAN, "Ask our health plans to take the pledge"),
            Map.entry(Commitment.BUILD_TOOLS, "Build tools that help people use their health records"),
            Map.entry(Commitment.OTHER, "Another commitment"));

    private PledgeText() {
    }

    public static String type(OrganizationType type) {
        return TYPES.getOrDefault(type, type.name());
    }

    public static String category(OrganizationCategory category) {
        return CATEGORIES.getOrDefault(category, category.name());
    }

    public static String commitment(Commitment commitment) {
        return COMMITMENTS.getOrDefault(commitment, commitment.name());
    }
}
