package org.bluebutton.analytics.ingest.signup;

import java.text.Normalizer;
import java.util.Locale;
import org.bluebutton.analytics.contracts.ApiKey;
import org.bluebutton.analytics.ingest.audit.AuditAction;
import org.bluebutton.analytics.ingest.auth.Caller;
import org.bluebutton.analytics.ingest.pledge.OrganizationAdministration;
import org.bluebutton.analytics.ingest.pledge.PledgeForm;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.PledgeRequest;
import org.bluebutton.analytics.schemas.event.PledgeRequestStatus;

/**
 * Staff's review of pledge requests: every approval and decline goes through {@link #decide}, the one
 * place a decision is taken (and so the one place to audit it). A request is decided once.
 *
 * <p>An approval creates the organization through {@link OrganizationAdministration} (the same rules
 * and records as a staff {@code POST /v1/organizations}), issues its first API key, then marks the
 * request approved. Each step is acknowledged by Kafka before the next; if ingest stops between them,
 * the request is still pending and approving it again resumes (the organization this request created
 * is recognised; a new key is issued, as the first was never handed over).
 */
public final class PledgeReview {

    private final PledgeRequests requests;
    private final OrganizationAdministration administration;

    public PledgeReview(PledgeRequests requests, OrganizationAdministration administration) {
        this.requests = requests;
        this.administration = administration;
    }

    /** What a decision did: the request as decided, and for an approval the organization and its first key (shown once). */
    public record Outcome(PledgeRequest request, Pledge organization, ApiKey firstKey) {
        /** Never the key itself. */
        @Override
        public String toString() {
            return "Outcome[requestId=" + request.getRequestId() + ", status=" + request.getStatus() + "]";
        }
    }

    /**
     * Takes staff's decision on a pending request. One at a time on this instance, so two staff
     * members deciding the same request here cannot both succeed.
     *
     * @throws UnknownPledgeRequestException no such request (404)
     * @throws PledgeRequestDecidedException it was decided already (409)
     * @throws org.bluebutton.analytics.ingest.pledge.OrganizationConflictException the organization id is taken (409)
     */
    public synchronized Outcome decide(Caller.Staff actor, String requestId, PledgeDecision decision) {
        PledgeRequest current = requests.find(requestId).orElseThrow(() -> new UnknownPledgeRequestException(requestId));
        if (current.getStatus() != PledgeRequestStatus.PENDING) {
            throw new PledgeRequestDecidedException("Pledge request " + requestId + " was already decided: "
                    + current.getStatus().name().toLowerCase(Locale.ROOT) + " at " + current.getDecidedAt()
                    + (current.getOrgId() == null ? "" : " (organization " + current.getOrgId() + ")"));
        }
        if (decision instanceof PledgeDecision.Approve approve) {
            return approve(actor, current, approve.orgId() == null ? suggestedOrgId(current.getName()) : approve.orgId());
        }
        PledgeDecision.Decline decline = (PledgeDecision.Decline) decision;
        return new Outcome(requests.decided(actor, AuditAction.PLEDGE_DECLINED, current, PledgeRequest.newBuilder(current)
                .setStatus(PledgeRequestStatus.DECLINED).setDecidedAt(requests.now()).setDeclineReason(decline.reason()).build()), null, null);
    }

    private Outcome approve(Caller.Staff actor, PledgeRequest current, String orgId) {
        // Listed on the Hub, as every new organization is unless it says otherwise: it took the pledge in public.
        PledgeForm form = new PledgeForm(orgId, current.getName(), current.getOrganizationType(), current.getCategory(),
                current.getState(), current.getCity(), current.getPostalCode(), current.getWebsite(), current.getCommitments(), null, true);
        // Three audited steps, each its own transaction (creation, first key, the request's decision): an approval cut
        // short resumes when staff approve again (see createForRequest).
        Pledge organization = administration.createForRequest(actor, form, current.getRequestId());
        ApiKey key = administration.issueKey(actor, orgId);
        PledgeRequest approved = requests.decided(actor, AuditAction.PLEDGE_APPROVED, current, PledgeRequest.newBuilder(current)
                .setStatus(PledgeRequestStatus.APPROVED).setDecidedAt(requests.now()).setOrgId(orgId).build());
        return new Outcome(approved, organization, key);
    }

    /**
     * The organization id proposed for a request's name: lower-case letters and digits of the name,
     * dashes between words, accents dropped, at most 64 characters ("St. Mary's Clinic" → "st-mary-s-clinic");
     * "org-" plus the digits of a name without any letter or digit Latin can spell.
     */
    public static String suggestedOrgId(String name) {
        String plain = Normalizer.normalize(name, Normalizer.Form.NFKD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        String slug = plain.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 64) {
            slug = slug.substring(0, 64).replaceAll("-+$", "");
        }
        if (slug.length() < 3) {
            slug = ("org-" + slug).replaceAll("-+$", "");
        }
        if (slug.length() < 3) {
            slug = "org";
        }
        return slug;
    }
}
