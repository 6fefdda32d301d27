package org.bluebutton.analytics.streams.query.hub;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import org.bluebutton.analytics.schemas.event.OrganizationCategory;
import org.bluebutton.analytics.schemas.event.OrganizationType;
import org.bluebutton.analytics.streams.query.InvalidQueryException;

/**
 * A search of the Hub: free text over name, city and ZIP (every word must appear in one of them,
 * case-insensitive: {@code mercy boston}, {@code 021} for ZIP codes starting so), and filters by
 * state, category, organization type and capability. Blank parameters (an empty form field) mean
 * "any". Bounded: the text is at most {@value #MAX_TEXT} characters and {@value #MAX_WORDS} words.
 *
 * @param text lower-case words, empty for any
 * @param state USPS code or null
 * @param category category or null
 * @param type organization type or null
 * @param capability one of {@link HubListing#CAPABILITIES}' keys or null
 */
public record HubSearch(List<String> text, String state, OrganizationCategory category, OrganizationType type, String capability) {

    public static final int MAX_TEXT = 100;
    public static final int MAX_WORDS = 8;
    /** The categories a search may name: every category but the reader default for unknown ones. */
    public static final Set<OrganizationCategory> CATEGORIES = Set.copyOf(Arrays.stream(OrganizationCategory.values())
            .filter(category -> category != OrganizationCategory.OTHER).toList());

    /** Reads a search from request parameters (each may be null or blank); a bad one is an {@link InvalidQueryException}. */
    public static HubSearch of(String q, String state, String category, String type, String capability) {
        List<String> words = List.of();
        if (!blank(q)) {
            if (q.length() > MAX_TEXT) {
                throw new InvalidQueryException("q", "at most " + MAX_TEXT + " characters");
            }
            words = Arrays.stream(q.toLowerCase(Locale.ROOT).trim().split("[\\s,]+")).filter(word -> !word.isEmpty()).toList();
            if (words.size() > MAX_WORDS) {
                throw new InvalidQueryException("q", "at most " + MAX_WORDS + " words");
            }
        }
        String byState = null;
        if (!blank(state)) {
            if (!state.trim().matches("[A-Za-z]{2}")) {
                throw new InvalidQueryException("state", "a two-letter USPS code, got '" + shorten(state) + "'");
            }
            byState = state.trim().toUpperCase(Locale.ROOT);
        }
        OrganizationCategory byCategory = blank(category) ? null : parse("category", category, OrganizationCategory.class);
        if (byCategory == OrganizationCategory.OTHER) {
            byCategory = null;
        }
        OrganizationType byType = blank(type) ? null : parse("type", type, OrganizationType.class);
        String byCapability = null;
        if (!blank(capability)) {
            byCapability = capability.trim().toLowerCase(Locale.ROOT);
            if (!HubListing.CAPABILITIES.containsKey(byCapability)) {
                throw new InvalidQueryException("capability", "one of " + new TreeSet<>(HubListing.CAPABILITIES.keySet()) + ", got '"
                        + shorten(capability) + "'");
            }
        }
        return new HubSearch(words, byState, byCategory, byType, byCapability);
    }

    /** A search of every listed organization. */
    public static HubSearch any() {
        return new HubSearch(List.of(), null, null, null, null);
    }

    /** This search restricted to one organization type. */
    public HubSearch ofType(OrganizationType only) {
        return new HubSearch(text, state, category, only, capability);
    }

    /** Whether the search narrows anything. */
    public boolean narrows() {
        return !text.isEmpty() || state != null || category != null || type != null || capability != null;
    }

    /** The matching listings of {@code snapshot}, in its order. */
    public List<HubListing> apply(HubSnapshot snapshot) {
        return snapshot.listings().stream().filter(matcher()).toList();
    }

    private Predicate<HubListing> matcher() {
        return listing -> (state == null || state.equals(listing.state()))
                && (category == null || category == listing.category())
                && (type == null || type == listing.type())
                && (capability == null || listing.capabilities().contains(capability))
                && (text.isEmpty() || containsAll(listing.searchText()));
    }

    private boolean containsAll(String haystack) {
        for (String word : text) {
            if (!haystack.contains(word)) {
                return false;
            }
        }
        return true;
    }

    private static <E extends Enum<E>> E parse(String name, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidQueryException(name, "one of " + Arrays.toString(type.getEnumConstants()) + ", got '" + shorten(value) + "'");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** A bad value is repeated in the error, but never more than 40 characters of it. */
    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
