package org.bluebutton.analytics.ingest.signup;

import com.fasterxml.jackson.databind.JsonNode;
import org.bluebutton.analytics.ingest.pledge.PledgeForm;
import org.bluebutton.analytics.ingest.validation.InvalidRequestException;
import org.bluebutton.analytics.ingest.validation.ItemFields;
import org.bluebutton.analytics.ingest.validation.Violations;

/** What staff decide about a pending pledge request. */
public sealed interface PledgeDecision {

    /** The longest decline reason: a paragraph or two for the organization. */
    int MAX_REASON = 2_000;

    /**
     * Approve: create the organization under {@code orgId} ({@value PledgeForm#ORG_ID_SHAPE}), or
     * under the id suggested from its name when null.
     */
    record Approve(String orgId) implements PledgeDecision {

        /** Reads an approval body: {@code {"orgId": ...}}, optional; an empty body approves under the suggested id. */
        public static Approve read(JsonNode body) {
            if (body == null) {
                return new Approve(null);
            }
            Violations violations = new Violations();
            ItemFields fields = new ItemFields(body, null, ItemFields.fields("orgId"), violations);
            String orgId = fields.has("orgId") ? fields.requiredMatching("orgId", PledgeForm.ORG_ID, PledgeForm.ORG_ID_SHAPE) : null;
            if (!violations.isEmpty()) {
                throw new InvalidRequestException("Invalid approval", violations);
            }
            return new Approve(orgId);
        }
    }

    /** Decline, telling the organization why. */
    record Decline(String reason) implements PledgeDecision {

        /** Reads a decline body: {@code {"reason": ...}}, required, at most {@value #MAX_REASON} characters. */
        public static Decline read(JsonNode body) {
            Violations violations = new Violations();
            ItemFields fields = new ItemFields(body, null, ItemFields.fields("reason"), violations);
            String reason = fields.optionalMultilineText("reason", MAX_REASON);
            if (reason == null && violations.isEmpty()) {
                fields.invalid("reason", "is required: say why, for the organization");
            }
            if (!violations.isEmpty()) {
                throw new InvalidRequestException("Invalid decline", violations);
            }
            return new Decline(reason);
        }
    }
}
