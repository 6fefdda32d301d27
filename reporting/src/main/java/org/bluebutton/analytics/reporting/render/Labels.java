package org.bluebutton.analytics.reporting.render;

import java.util.Map;
import org.bluebutton.analytics.schemas.event.Commitment;
import org.bluebutton.analytics.schemas.event.EngagementType;
import org.bluebutton.analytics.schemas.event.OrganizationCategory;
import org.bluebutton.analytics.schemas.event.OrganizationType;

/**
 * The one mapping from the schemas' symbols to the words readers see in the report, its tables and
 * charts. Written out rather than derived from the symbol ("CEO_MESSAGE" would read "Ceo message");
 * a symbol added to a schema later, and not here yet, falls back to its words in sentence case, so
 * the report never fails on it (a test keeps this mapping complete for today's symbols).
 */
public final class Labels {

    private static final Map<String, String> CATEGORIES = Map.ofEntries(
            Map.entry(OrganizationCategory.PROVIDER.name(), "Provider"),
            Map.entry(OrganizationCategory.HOSPITAL.name(), "Hospital"),
            Map.entry(OrganizationCategory.PAYER.name(), "Health plan or payer"),
            Map.entry(OrganizationCategory.LAB.name(), "Laboratory"),
            Map.entry(OrganizationCategory.PHARMACY.name(), "Retail pharmacy"),
            Map.entry(OrganizationCategory.EMPLOYER.name(), "Employer"),
            Map.entry(OrganizationCategory.CONSUMER_ORGANIZATION.name(), "Consumer or disease organization"),
            Map.entry(OrganizationCategory.ASSOCIATION.name(), "Health care association"),
            Map.entry(OrganizationCategory.DEVELOPER.name(), "Product developer"),
            Map.entry(OrganizationCategory.CONSULTANT.name(), "Consultant"),
            Map.entry(OrganizationCategory.OTHER.name(), "Other"));

    private static final Map<String, String> ENGAGEMENT = Map.ofEntries(
            Map.entry(EngagementType.EMPLOYEE_DIALOGUE.name(), "Employee dialogue"),
            Map.entry(EngagementType.CEO_MESSAGE.name(), "CEO message"),
            Map.entry(EngagementType.SOCIAL_MEDIA_CAMPAIGN.name(), "Social media campaign"),
            Map.entry(EngagementType.EVENT.name(), "Event"),
            Map.entry(EngagementType.PUBLIC_DISCUSSION.name(), "Public discussion"),
            Map.entry(EngagementType.ASKED_HEALTH_PLAN.name(), "Asked a health plan to pledge"),
            Map.entry(EngagementType.TOOL_RELEASED.name(), "Tool released"),
            Map.entry(EngagementType.INNOVATION.name(), "Innovative use"),
            Map.entry(EngagementType.OTHER.name(), "Other action"));

    private static final Map<String, String> COMMITMENTS = Map.ofEntries(
            Map.entry(Commitment.DOWNLOAD_FROM_PORTAL.name(), "Download from a secure portal"),
            Map.entry(Commitment.DIRECT_TRANSMIT.name(), "Transmit with Direct"),
            Map.entry(Commitment.MACHINE_AND_HUMAN_READABLE.name(), "Machine- and human-readable format"),
            Map.entry(Commitment.STAFF_ENCOURAGE_USE.name(), "Staff encourage patients to use it"),
            Map.entry(Commitment.DISPLAY_LOGO.name(), "Display the Blue Button logo"),
            Map.entry(Commitment.API_ACCESS.name(), "Access through an API"),
            Map.entry(Commitment.EMPLOYEE_DIALOGUE.name(), "Employee dialogue"),
            Map.entry(Commitment.CEO_MESSAGE.name(), "CEO message"),
            Map.entry(Commitment.SOCIAL_MEDIA.name(), "Social media"),
            Map.entry(Commitment.INNOVATION.name(), "Design innovative uses"),
            Map.entry(Commitment.PUBLIC_DISCUSSION.name(), "Public discussion"),
            Map.entry(Commitment.ASK_HEALTH_PLAN.name(), "Ask their health plan to pledge"),
            Map.entry(Commitment.BUILD_TOOLS.name(), "Build tools"),
            Map.entry(Commitment.OTHER.name(), "Other commitment"));

    private Labels() {
    }

    /** An organization category, e.g. {@code PAYER} → "Health plan or payer". */
    public static String category(String symbol) {
        return CATEGORIES.getOrDefault(symbol, words(symbol));
    }

    /** A kind of engagement action, e.g. {@code CEO_MESSAGE} → "CEO message". */
    public static String engagement(String symbol) {
        return ENGAGEMENT.getOrDefault(symbol, words(symbol));
    }

    /** A pledge commitment, e.g. {@code DIRECT_TRANSMIT} → "Transmit with Direct". */
    public static String commitment(String symbol) {
        return COMMITMENTS.getOrDefault(symbol, words(symbol));
    }

    /** An organization type, plural: "Data holders" or "Non-data holders". */
    public static String organizationTypePlural(OrganizationType type) {
        return type == OrganizationType.DATA_HOLDER ? "Data holders" : "Non-data holders";
    }

    /** Whether every symbol of today's schemas has its own label (the fallback is for symbols added later). */
    static boolean complete() {
        for (OrganizationCategory c : OrganizationCategory.values()) {
            if (!CATEGORIES.containsKey(c.name())) {
                return false;
            }
        }
        for (EngagementType e : EngagementType.values()) {
            if (!ENGAGEMENT.containsKey(e.name())) {
                return false;
            }
        }
        for (Commitment c : Commitment.values()) {
            if (!COMMITMENTS.containsKey(c.name())) {
                return false;
            }
        }
        return true;
    }

    /** A symbol as words in sentence case: the fallback for a symbol this mapping does not know yet. */
    static String words(String symbol) {
        String words = symbol.replace('_', ' ').toLowerCase(java.util.Locale.ROOT);
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
