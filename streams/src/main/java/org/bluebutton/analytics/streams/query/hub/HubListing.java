package org.bluebutton.analytics.streams.query.hub;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.bluebutton.analytics.schemas.event.Commitment;
import org.bluebutton.analytics.schemas.event.OrganizationCategory;
import org.bluebutton.analytics.schemas.event.OrganizationType;
import org.bluebutton.analytics.schemas.event.Pledge;

/**
 * One organization as the Hub lists it: its public profile (never a contact), what it offers or
 * pledged to do, and its latest completed year's public figures (data holders with figures only).
 *
 * @param figures null when the organization has no figures for a completed year
 */
public record HubListing(String orgId, String name, OrganizationType type, OrganizationCategory category, String state, String city,
        String postalCode, String website, List<Commitment> commitments, List<String> capabilities, PublicFigures figures) {

    /** The capabilities consumers filter by, in display order, and the commitment behind each. */
    public static final Map<String, Commitment> CAPABILITIES = orderedCapabilities();

    /** The listing of an active pledge's profile, with its figures (may be null). */
    public static HubListing of(Pledge pledge, PublicFigures figures) {
        List<Commitment> commitments = List.copyOf(pledge.getCommitments());
        List<String> capabilities = pledge.getOrganizationType() == OrganizationType.DATA_HOLDER
                ? CAPABILITIES.entrySet().stream().filter(entry -> commitments.contains(entry.getValue())).map(Map.Entry::getKey).toList()
                : List.of();
        return new HubListing(pledge.getOrgId(), pledge.getName(), pledge.getOrganizationType(), pledge.getCategory(), pledge.getState(),
                pledge.getCity(), pledge.getPostalCode(), pledge.getWebsite(), commitments, capabilities,
                pledge.getOrganizationType() == OrganizationType.DATA_HOLDER ? figures : null);
    }

    /** Whether this is a data holder (a provider, insurer, lab... that holds records). */
    public boolean dataHolder() {
        return type == OrganizationType.DATA_HOLDER;
    }

    /** Lower-case text the free-text search looks in: name, city and ZIP. */
    String searchText() {
        return (name + " " + (city == null ? "" : city) + " " + (postalCode == null ? "" : postalCode)).toLowerCase(Locale.ROOT);
    }

    private static Map<String, Commitment> orderedCapabilities() {
        java.util.LinkedHashMap<String, Commitment> map = new java.util.LinkedHashMap<>();
        map.put("download", Commitment.DOWNLOAD_FROM_PORTAL);
        map.put("direct-transmit", Commitment.DIRECT_TRANSMIT);
        map.put("view-download-transmit", Commitment.MACHINE_AND_HUMAN_READABLE);
        map.put("api", Commitment.API_ACCESS);
        return java.util.Collections.unmodifiableMap(map);
    }
}
