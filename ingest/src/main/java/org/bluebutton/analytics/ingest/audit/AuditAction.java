package org.bluebutton.analytics.ingest.audit;

/**
 * The names of the staff actions this version records. The audit schema keeps {@code action} a string,
 * an open set: a new action (the review of pledge requests adds {@link #PLEDGE_APPROVED} and
 * {@link #PLEDGE_DECLINED}) needs no schema change, and old readers still read it.
 */
public final class AuditAction {

    public static final String ORGANIZATION_CREATED = "ORGANIZATION_CREATED";
    /** Staff replaced an organization's profile (a correction). */
    public static final String ORGANIZATION_CORRECTED = "ORGANIZATION_CORRECTED";
    /** Staff changed an organization's website, commitments or Hub listing. */
    public static final String PROFILE_CHANGED = "PROFILE_CHANGED";
    public static final String ORGANIZATION_WITHDRAWN = "ORGANIZATION_WITHDRAWN";
    public static final String API_KEY_ISSUED = "API_KEY_ISSUED";
    public static final String STAFF_ACCOUNT_ISSUED = "STAFF_ACCOUNT_ISSUED";
    public static final String STAFF_KEY_ROTATED = "STAFF_KEY_ROTATED";
    public static final String STAFF_ACCOUNT_REVOKED = "STAFF_ACCOUNT_REVOKED";
    public static final String PLEDGE_APPROVED = "PLEDGE_APPROVED";
    public static final String PLEDGE_DECLINED = "PLEDGE_DECLINED";
    /** Staff marked a story to be told in the annual report, or took the mark back. */
    public static final String STORY_MARKED = "STORY_MARKED";

    /** Kinds of subject. */
    public static final String ORGANIZATION = "organization";
    public static final String ORGANIZATION_KEY = "organization-key";
    public static final String STAFF_ACCOUNT = "staff-account";
    /** A request to take the pledge, named by its request id. */
    public static final String PLEDGE_REQUEST = "pledge-request";
    /** An engagement story, named {@code orgId/eventId}. */
    public static final String STORY = "story";

    private AuditAction() {
    }
}
