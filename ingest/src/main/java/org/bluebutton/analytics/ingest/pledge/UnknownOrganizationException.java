package org.bluebutton.analytics.ingest.pledge;

/** No organization has this id (HTTP 404). */
public class UnknownOrganizationException extends RuntimeException {

    public UnknownOrganizationException(String orgId) {
        super("Organization " + orgId + " does not exist");
    }
}
