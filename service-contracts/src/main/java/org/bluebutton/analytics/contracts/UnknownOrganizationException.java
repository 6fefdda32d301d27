package org.bluebutton.analytics.contracts;

/** No organization has this id: ingest and the query API answer 404. */
public class UnknownOrganizationException extends RuntimeException {

    public UnknownOrganizationException(String orgId) {
        super("Organization " + orgId + " does not exist");
    }
}
