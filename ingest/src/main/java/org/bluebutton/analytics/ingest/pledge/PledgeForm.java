package org.bluebutton.analytics.ingest.pledge;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.bluebutton.analytics.ingest.validation.IngestLimits;
import org.bluebutton.analytics.ingest.validation.InvalidRequestException;
import org.bluebutton.analytics.ingest.validation.ItemFields;
import org.bluebutton.analytics.ingest.validation.Violation;
import org.bluebutton.analytics.ingest.validation.Violations;
import org.bluebutton.analytics.schemas.event.Commitment;
import org.bluebutton.analytics.schemas.event.OrganizationCategory;
import org.bluebutton.analytics.schemas.event.OrganizationType;

/**
 * The organization profile staff submit to create or replace a pledge: {@code orgId} (create only;
 * {@value #ORG_ID_SHAPE}), {@code name}, {@code organizationType}, {@code category} (which must fit
 * the type), {@code state} (USPS code), optional {@code city}, {@code postalCode}, https
 * {@code website}, {@code commitments} (which must fit the type), {@code pledgedAt} and {@code listedOnHub}
 * (true or false; null when left out: true for a new organization, unchanged by a replacement).
 */
public record PledgeForm(
        String orgId, String name, OrganizationType organizationType, OrganizationCategory category, String state,
        String city, String postalCode, String website, List<Commitment> commitments, Instant pledgedAt, Boolean listedOnHub) {

    public static final String ORG_ID_SHAPE = "3 to 64 lower-case letters, digits and dashes, starting with a letter or digit";
    public static final Pattern ORG_ID = Pattern.compile("[a-z0-9][a-z0-9-]{2,63}");
    public static final int MAX_CITY = 100;

    static final Set<String> PROFILE_FIELDS = ItemFields.fields("website", "commitments", "listedOnHub");
    private static final Pattern POSTAL_CODE = Pattern.compile("\\d{5}");
    private static final Set<String> US_STATES = Set.of(
            "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA",
            "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK",
            "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
            "DC", "PR", "VI", "GU", "AS", "MP");
    private static final Set<OrganizationType> TYPES = EnumSet.of(OrganizationType.DATA_HOLDER, OrganizationType.NON_DATA_HOLDER);
    private static final Map<OrganizationType, Set<OrganizationCategory>> CATEGORIES = Map.of(
            OrganizationType.DATA_HOLDER, EnumSet.of(OrganizationCategory.PROVIDER, OrganizationCategory.HOSPITAL,
                    OrganizationCategory.PAYER, OrganizationCategory.LAB, OrganizationCategory.PHARMACY, OrganizationCategory.OTHER),
            OrganizationType.NON_DATA_HOLDER, EnumSet.of(OrganizationCategory.EMPLOYER,
                    OrganizationCategory.CONSUMER_ORGANIZATION, OrganizationCategory.ASSOCIATION,
                    OrganizationCategory.DEVELOPER, OrganizationCategory.CONSULTANT, OrganizationCategory.OTHER));
    private static final Map<OrganizationType, Set<Commitment>> COMMITMENTS = Map.of(
            OrganizationType.DATA_HOLDER, EnumSet.of(Commitment.DOWNLOAD_FROM_PORTAL, Commitment.DIRECT_TRANSMIT,
                    Commitment.MACHINE_AND_HUMAN_READABLE, Commitment.STAFF_ENCOURAGE_USE, Commitment.DISPLAY_LOGO,
                    Commitment.API_ACCESS),
            OrganizationType.NON_DATA_HOLDER, EnumSet.of(Commitment.EMPLOYEE_DIALOGUE, Commitment.CEO_MESSAGE,
                    Commitment.SOCIAL_MEDIA, Commitment.INNOVATION, Commitment.PUBLIC_DISCUSSION,
                    Commitment.ASK_HEALTH_PLAN, Commitment.BUILD_TOOLS));

    /**
     * Reads a profile. {@code orgIdFromPath} is the organization of an update (the body must not
     * name another); null for a create, where the body names it.
     */
    public static PledgeForm read(JsonNode body, String orgIdFromPath, Instant earliest, Instant latest) {
        Violations violations = new Violations();
        ItemFields fields = new ItemFields(body, null, ItemFields.fields("orgId", "name", "organizationType", "category",
                "state", "city", "postalCode", "website", "commitments", "pledgedAt", "listedOnHub"), violations);
        String orgId = orgIdFromPath;
        if (orgIdFromPath == null) {
            orgId = fields.requiredMatching("orgId", ORG_ID, ORG_ID_SHAPE);
        } else if (fields.has("orgId")) {
            String named = fields.optionalText("orgId", 64);
            if (named != null && !named.equals(orgIdFromPath)) {
                fields.invalid("orgId", "must match the organization in the path (" + orgIdFromPath + ") or be left out");
            }
        }
        PledgeForm profile = readProfile(fields, orgId);
        Instant pledgedAt = fields.optionalInstant("pledgedAt", earliest, latest);
        Boolean listedOnHub = fields.optionalBoolean("listedOnHub");
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("Invalid organization profile", violations);
        }
        return new PledgeForm(orgId, profile.name(), profile.organizationType(), profile.category(), profile.state(),
                profile.city(), profile.postalCode(), profile.website(), profile.commitments(), pledgedAt, listedOnHub);
    }

    /**
     * The profile fields every form shares ({@code name} to {@code commitments}) under the same rules,
     * so a pledge request taken on the public form is judged exactly as a profile staff type in; the
     * caller reads its own other fields and throws when {@code fields} recorded a violation.
     * {@code pledgedAt} and {@code listedOnHub} are left null.
     */
    public static PledgeForm readProfile(ItemFields fields, String orgId) {
        String name = fields.requiredText("name", IngestLimits.MAX_NAME);
        OrganizationType type = fields.requiredEnum("organizationType", OrganizationType.class, TYPES);
        OrganizationCategory category = fields.requiredEnum("category", OrganizationCategory.class,
                type == null ? EnumSet.allOf(OrganizationCategory.class) : CATEGORIES.get(type));
        String state = fields.requiredMatching("state", Pattern.compile("[A-Z]{2}"), "a USPS state code such as MA");
        if (state != null && !US_STATES.contains(state)) {
            fields.invalid("state", "must be a USPS state or territory code, got " + state);
        }
        String city = fields.optionalText("city", MAX_CITY);
        String postalCode = fields.optionalMatching("postalCode", POSTAL_CODE, "a five-digit ZIP code");
        String website = fields.optionalHttpsUrl("website", IngestLimits.MAX_URL);
        List<Commitment> commitments = commitments(fields, type);
        return new PledgeForm(orgId, name, type, category, state, city, postalCode, website, commitments, null, null);
    }

    /** The categories an organization of {@code type} may have, in the schema's order. */
    public static Set<OrganizationCategory> categoriesOf(OrganizationType type) {
        return CATEGORIES.get(type);
    }

    /** The commitments of the pledge text for {@code type}, in the schema's order. */
    public static Set<Commitment> commitmentsOf(OrganizationType type) {
        return COMMITMENTS.get(type);
    }

    /** Every USPS state and territory code accepted, sorted. */
    public static List<String> states() {
        return US_STATES.stream().sorted().toList();
    }

    /** The commitments of {@code type}'s kind found in {@code fields}. */
    static List<Commitment> commitments(ItemFields fields, OrganizationType type) {
        Set<Commitment> allowed = type == null ? EnumSet.complementOf(EnumSet.of(Commitment.OTHER))
                : COMMITMENTS.getOrDefault(type, EnumSet.noneOf(Commitment.class));
        return fields.enumList("commitments", Commitment.class, allowed, allowed.size());
    }
}
