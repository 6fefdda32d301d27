package org.bluebutton.analytics.ingest.pledge;

/** The change contradicts the organization's state, e.g. creating one that exists (HTTP 409). */
public class OrganizationConflictException extends RuntimeException {

    public OrganizationConflictException(String message) {
        super(message);
    }
}
