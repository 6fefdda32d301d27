package org.bluebutton.analytics.ingest.pledge;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.bluebutton.analytics.ingest.validation.IngestLimits;
import org.bluebutton.analytics.ingest.validation.InvalidRequestException;
import org.bluebutton.analytics.ingest.validation.ItemFields;
import org.bluebutton.analytics.ingest.validation.Violation;
import org.bluebutton.analytics.ingest.validation.Violations;
import org.bluebutton.analytics.schemas.event.Commitment;
import org.bluebutton.analytics.schemas.event.OrganizationType;

/**
 * What an organization may change in its own profile with its own key: its {@code website}, its
 * {@code commitments} and whether it is listed on the public Hub ({@code listedOnHub}, true or false).
 * A field left out stays as it is; {@code "website": null} removes the website.
 *
 * @param listedOnHub the new listing choice, or null to keep it
 */
public record ProfileChange(boolean changesWebsite, String website, boolean changesCommitments, List<Commitment> commitments,
        Boolean listedOnHub) {

    /** Reads a change for an organization of {@code type}. */
    public static ProfileChange read(JsonNode body, OrganizationType type) {
        Violations violations = new Violations();
        ItemFields fields = new ItemFields(body, null, PledgeForm.PROFILE_FIELDS, violations);
        boolean changesWebsite = body != null && body.isObject() && body.has("website");
        boolean changesCommitments = body != null && body.isObject() && body.has("commitments");
        String website = fields.optionalHttpsUrl("website", IngestLimits.MAX_URL);
        List<Commitment> commitments = PledgeForm.commitments(fields, type);
        Boolean listedOnHub = fields.optionalBoolean("listedOnHub");
        if (violations.isEmpty() && !changesWebsite && !changesCommitments && listedOnHub == null) {
            violations.add(new Violation(null, null, "nothing to change: give website, commitments and/or listedOnHub"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("Invalid profile change", violations);
        }
        return new ProfileChange(changesWebsite, website, changesCommitments, commitments, listedOnHub);
    }
}
