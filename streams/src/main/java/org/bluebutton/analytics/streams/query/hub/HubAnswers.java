package org.bluebutton.analytics.streams.query.hub;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import org.bluebutton.analytics.schemas.event.Commitment;

/** The JSON bodies of the Hub's public API: listings without any contact, figures after the disclosure rule. */
public final class HubAnswers {

    private HubAnswers() {
    }

    /**
     * A listed organization. {@code latest} is its latest completed year's public figures (data holders
     * with figures only); a withheld count is left out and named in {@code latest.suppressed}.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Listing(String orgId, String name, String organizationType, String category, String state, String city, String postalCode,
            String website, List<String> capabilities, List<String> commitments, Figures latest) {

        public static Listing of(HubListing listing) {
            return new Listing(listing.orgId(), listing.name(), listing.type().name(), listing.category().name(), listing.state(),
                    listing.city(), listing.postalCode(), listing.website(), listing.capabilities(),
                    listing.commitments().stream().map(Commitment::name).toList(), Figures.of(listing.figures()));
        }
    }

    /** One completed year's public figures; withheld counts are null and named in {@code suppressed}. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Figures(int year, Long patientsWithAccess, Long downloads, Long views, Long transmits, Double downloadsPer100Patients,
            List<String> suppressed) {

        /** The JSON of {@code figures}, or null without figures. */
        public static Figures of(PublicFigures figures) {
            if (figures == null) {
                return null;
            }
            List<String> suppressed = figures.suppressed();
            return new Figures(figures.year(), PublicFigures.shown(figures.patientsWithAccess()), PublicFigures.shown(figures.downloads()),
                    PublicFigures.shown(figures.views()), PublicFigures.shown(figures.transmits()), figures.downloadsPer100Patients(),
                    suppressed.isEmpty() ? null : suppressed);
        }
    }
}
