package org.bluebutton.analytics.streams.quality;

/**
 * The key of one organization's data-quality figures for one input topic and calendar month. Encoded
 * organization first ({@code KeyEncoding.ORGANIZATION_INCIDENTS}), so one range read gives an
 * organization's months in order.
 */
public record OrganizationIncidentsKey(String orgId, int year, int month, String sourceTopic) {
}
