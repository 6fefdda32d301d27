package org.bluebutton.analytics.streams.query;

/** No pledge is known for the organization; answered 404. */
public final class UnknownOrganizationException extends RuntimeException {

    public UnknownOrganizationException(String orgId) {
        super("no organization '" + orgId + "' has pledged");
    }
}
