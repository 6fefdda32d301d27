package org.bluebutton.analytics.ingest.signup;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;
import org.bluebutton.analytics.ingest.pledge.PledgeForm;
import org.bluebutton.analytics.ingest.validation.InvalidRequestException;
import org.bluebutton.analytics.ingest.validation.ItemFields;
import org.bluebutton.analytics.ingest.validation.Violations;
import org.bluebutton.analytics.schemas.event.Commitment;
import org.bluebutton.analytics.schemas.event.OrganizationCategory;
import org.bluebutton.analytics.schemas.event.OrganizationType;

/**
 * What an organization sends to take the pledge: the profile fields of {@link PledgeForm} under the
 * same rules ({@code name}, {@code organizationType}, {@code category}, {@code state}, optional
 * {@code city}, {@code postalCode}, https {@code website}, {@code commitments} of the type's pledge
 * text) and a {@code contactEmail}. Nothing else: the organization id, the pledge time and the Hub
 * listing are staff's to set on approval.
 */
public record PledgeRequestForm(String name, OrganizationType organizationType, OrganizationCategory category, String state,
        String city, String postalCode, String website, List<Commitment> commitments, String contactEmail) {

    /** RFC 5321's longest address path. */
    public static final int MAX_EMAIL = 254;
    /**
     * A deliberately plain shape (local part, one @, a dotted domain): enough to catch typing mistakes;
     * whether the mailbox exists is found out by staff writing to it.
     */
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?)+");

    /** Never the contact e-mail: a record printed into a log must not carry personal data. */
    @Override
    public String toString() {
        return "PledgeRequestForm[name=" + name + ", organizationType=" + organizationType + ", category=" + category + ", state=" + state + "]";
    }

    /** Reads and checks a request; every problem found is reported at once ({@link InvalidRequestException}). */
    public static PledgeRequestForm read(JsonNode body) {
        Violations violations = new Violations();
        ItemFields fields = new ItemFields(body, null, ItemFields.fields("name", "organizationType", "category", "state", "city",
                "postalCode", "website", "commitments", "contactEmail"), violations);
        PledgeForm profile = PledgeForm.readProfile(fields, null);
        String email = fields.requiredText("contactEmail", MAX_EMAIL);
        // The reason never repeats the address: problems may be logged or shown where the address must not be.
        if (email != null && !EMAIL.matcher(email).matches()) {
            email = fields.invalid("contactEmail", "must be an e-mail address such as pledge@example.org");
        }
        JsonNode chosen = body != null && body.isObject() ? body.get("commitments") : null;
        if (profile.organizationType() != null && (chosen == null || chosen.isArray() && chosen.isEmpty())) {
            fields.invalid("commitments", "choose at least one commitment of the pledge");
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("Invalid pledge request", violations);
        }
        return new PledgeRequestForm(profile.name(), profile.organizationType(), profile.category(), profile.state(), profile.city(),
                profile.postalCode(), profile.website(), profile.commitments(), email);
    }
}
