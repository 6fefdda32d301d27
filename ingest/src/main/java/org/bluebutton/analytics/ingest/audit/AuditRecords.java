package org.bluebutton.analytics.ingest.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.bluebutton.analytics.ingest.auth.Caller;
import org.bluebutton.analytics.ingest.publish.EventPublisher;
import org.bluebutton.analytics.schemas.audit.StaffAuditRecord;
import org.bluebutton.analytics.schemas.event.FeaturedStory;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.PledgeRequest;
import org.bluebutton.analytics.schemas.event.Withdrawals;
import org.bluebutton.analytics.schemas.security.ApiCredential;
import org.bluebutton.analytics.schemas.security.StaffAccount;
import org.bluebutton.analytics.schemas.topic.Topics;

/**
 * Builds the audit record of a staff action, with the subject's state before and after as JSON objects of
 * fixed fields. Keys appear by key id and times only: never a key, never a key's hash (the audit trail is
 * read by people; a hash would let anyone holding a leaked key confirm it).
 */
public final class AuditRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private AuditRecords() {
    }

    /** The outgoing audit record of {@code actor}'s {@code action} on a subject, at {@code at}. */
    public static EventPublisher.Outgoing of(Caller.Staff actor, String action, String subjectType, String subjectId,
            Map<String, Object> before, Map<String, Object> after, Instant at) {
        StaffAuditRecord record = StaffAuditRecord.newBuilder()
                .setAuditId(UUID.randomUUID().toString())
                .setOccurredAt(at)
                .setActor(actor.name())
                .setActorRole(actor.role().name())
                .setAction(action)
                .setSubjectType(subjectType)
                .setSubjectId(subjectId)
                .setBefore(json(before))
                .setAfter(json(after))
                .build();
        return new EventPublisher.Outgoing(Topics.STAFF_AUDIT.name(), subjectId, record);
    }

    /** An organization's profile and pledge state (what staff see on the organization's page). */
    public static Map<String, Object> of(Pledge pledge) {
        if (pledge == null) {
            return null;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("orgId", pledge.getOrgId());
        fields.put("name", pledge.getName());
        fields.put("organizationType", pledge.getOrganizationType().name());
        fields.put("category", pledge.getCategory().name());
        fields.put("state", pledge.getState());
        fields.put("city", pledge.getCity());
        fields.put("postalCode", pledge.getPostalCode());
        fields.put("website", pledge.getWebsite());
        fields.put("commitments", pledge.getCommitments().stream().map(Enum::name).toList());
        fields.put("status", pledge.getStatus().name());
        fields.put("pledgedAt", text(pledge.getPledgedAt()));
        fields.put("withdrawnAt", text(Withdrawals.withdrawnAt(pledge)));
        fields.put("listedOnHub", pledge.getListedOnHub());
        return fields;
    }

    /** An organization's key: its id and times, never its hash. */
    public static Map<String, Object> of(ApiCredential credential) {
        if (credential == null) {
            return null;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("keyId", credential.getKeyId());
        fields.put("issuedAt", text(credential.getIssuedAt()));
        fields.put("revokedAt", text(credential.getRevokedAt()));
        return fields;
    }

    /** A pledge request as the audit trail keeps it: its decision, never its contact e-mail (personal data). */
    public static Map<String, Object> of(PledgeRequest request) {
        if (request == null) {
            return null;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("requestId", request.getRequestId());
        fields.put("name", request.getName());
        fields.put("organizationType", request.getOrganizationType().name());
        fields.put("status", request.getStatus().name());
        fields.put("orgId", request.getOrgId());
        fields.put("declineReason", request.getDeclineReason());
        return fields;
    }

    /** A mark on a story as the audit trail keeps it (the note is staff's own words). */
    public static Map<String, Object> of(FeaturedStory mark) {
        if (mark == null) {
            return null;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("orgId", mark.getOrgId());
        fields.put("eventId", mark.getEventId());
        fields.put("featured", mark.getFeatured());
        fields.put("note", mark.getNote());
        return fields;
    }

    /** A staff account: name, role, key id and times, never the key's hash. */
    public static Map<String, Object> of(StaffAccount account) {
        if (account == null) {
            return null;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", account.getName());
        fields.put("role", account.getRole().name());
        fields.put("keyId", account.getKeyId());
        fields.put("issuedAt", text(account.getIssuedAt()));
        fields.put("revokedAt", text(account.getRevokedAt()));
        return fields;
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static String json(Map<String, Object> fields) {
        if (fields == null) {
            return null;
        }
        try {
            return JSON.writeValueAsString(fields);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings, lists and booleans is always JSON", e);
        }
    }
}
