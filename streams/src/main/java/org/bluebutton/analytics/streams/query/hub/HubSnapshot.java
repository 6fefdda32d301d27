package org.bluebutton.analytics.streams.query.hub;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * What the Hub shows, as of one refresh: the listed organizations sorted by state, name and id, and
 * the year their figures are for at most.
 *
 * @param listings every listed organization, sorted
 * @param latestCompletedYear the last calendar year that has ended; no later year's figures are shown
 * @param version a digest of the content: the same content has the same version on every instance
 *        and across refreshes, so it is the pages' entity tag
 * @param changedAt when this content was first seen (kept by refreshes that find the same content):
 *        the pages' {@code Last-Modified}
 * @param refreshedAt when the stores were last read
 */
public record HubSnapshot(List<HubListing> listings, int latestCompletedYear, String version, Instant changedAt, Instant refreshedAt) {

    private static final Comparator<HubListing> ORDER = Comparator.comparing(HubListing::state).thenComparing(HubListing::name)
            .thenComparing(HubListing::orgId);

    /** A snapshot of {@code listings}, sorted, with its content's version. */
    static HubSnapshot of(List<HubListing> listings, int latestCompletedYear, Instant now) {
        List<HubListing> sorted = listings.stream().sorted(ORDER).toList();
        return new HubSnapshot(sorted, latestCompletedYear, digest(sorted, latestCompletedYear), now, now);
    }

    /** This snapshot refreshed at {@code now} to {@code next}: the same content keeps its time of change. */
    HubSnapshot followedBy(HubSnapshot next) {
        return next.version.equals(version) ? new HubSnapshot(listings, latestCompletedYear, version, changedAt, next.refreshedAt) : next;
    }

    /** The listing of {@code orgId}, or null when it is not listed. */
    public HubListing find(String orgId) {
        return listings.stream().filter(listing -> listing.orgId().equals(orgId)).findFirst().orElse(null);
    }

    private static String digest(List<HubListing> listings, int year) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(Integer.toString(year).getBytes(StandardCharsets.UTF_8));
            for (HubListing listing : listings) {
                // Records print every component, in order: equal content, equal text.
                sha.update(listing.toString().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
