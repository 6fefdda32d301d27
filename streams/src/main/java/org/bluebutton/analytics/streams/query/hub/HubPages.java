package org.bluebutton.analytics.streams.query.hub;

import java.text.NumberFormat;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.bluebutton.analytics.disclosure.Cell;
import org.bluebutton.analytics.schemas.event.Commitment;
import org.bluebutton.analytics.schemas.event.OrganizationCategory;
import org.bluebutton.analytics.schemas.event.OrganizationType;

/**
 * The Hub's pages, rendered on the server: they work without JavaScript (a plain GET form), use
 * semantic HTML (landmarks, labelled fields, tables with headers), keep a visible focus and text
 * contrast of at least 7:1, and escape everything an organization typed ({@link Html}).
 */
public final class HubPages {

    /** Results per page of the search page. */
    public static final int PAGE_SIZE = 20;
    /** Apps and tools shown beside the providers before "see all". */
    static final int APPS_PREVIEW = 10;

    private static final DateTimeFormatter AS_OF = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm 'UTC'", Locale.US).withZone(ZoneOffset.UTC);
    private static final Map<OrganizationCategory, String> CATEGORY = Map.ofEntries(
            Map.entry(OrganizationCategory.PROVIDER, "Doctor's office or clinic"),
            Map.entry(OrganizationCategory.HOSPITAL, "Hospital"),
            Map.entry(OrganizationCategory.PAYER, "Health insurer or plan"),
            Map.entry(OrganizationCategory.LAB, "Laboratory"),
            Map.entry(OrganizationCategory.PHARMACY, "Pharmacy"),
            Map.entry(OrganizationCategory.EMPLOYER, "Employer"),
            Map.entry(OrganizationCategory.CONSUMER_ORGANIZATION, "Consumer or patient organization"),
            Map.entry(OrganizationCategory.ASSOCIATION, "Health care association"),
            Map.entry(OrganizationCategory.DEVELOPER, "App or tool developer"),
            Map.entry(OrganizationCategory.CONSULTANT, "Consultant"),
            Map.entry(OrganizationCategory.OTHER, "Other"));
    private static final Map<String, String> CAPABILITY = Map.of(
            "download", "Download your records from a secure website",
            "direct-transmit", "Send your records to another provider or app (Direct)",
            "view-download-transmit", "View, download and send, readable by people and computers",
            "api", "Connect an app of your choice (API)");
    private static final Map<String, String> CAPABILITY_SHORT = Map.of(
            "download", "Download", "direct-transmit", "Direct transmit", "view-download-transmit", "View, download, transmit", "api", "API for apps");
    private static final Map<Commitment, String> ACTION = Map.ofEntries(
            Map.entry(Commitment.DOWNLOAD_FROM_PORTAL, "Lets patients download their records from a secure portal"),
            Map.entry(Commitment.DIRECT_TRANSMIT, "Lets patients send their records to another provider (Direct)"),
            Map.entry(Commitment.MACHINE_AND_HUMAN_READABLE, "Gives records in a format both people and computers can read"),
            Map.entry(Commitment.STAFF_ENCOURAGE_USE, "Has its staff encourage patients to use Blue Button"),
            Map.entry(Commitment.DISPLAY_LOGO, "Shows the Blue Button logo where patients get their records"),
            Map.entry(Commitment.API_ACCESS, "Lets patients connect apps of their choice (API)"),
            Map.entry(Commitment.EMPLOYEE_DIALOGUE, "Talks with its employees about getting their health records"),
            Map.entry(Commitment.CEO_MESSAGE, "Its leader tells people why their health records matter"),
            Map.entry(Commitment.SOCIAL_MEDIA, "Runs social media campaigns about Blue Button"),
            Map.entry(Commitment.INNOVATION, "Designs new ways to use health records"),
            Map.entry(Commitment.PUBLIC_DISCUSSION, "Holds public discussions about access to health records"),
            Map.entry(Commitment.ASK_HEALTH_PLAN, "Asks its health plans to take the pledge"),
            Map.entry(Commitment.BUILD_TOOLS, "Builds apps and tools that use Blue Button records"),
            Map.entry(Commitment.OTHER, "Another commitment"));
    private static final Map<Commitment, String> ACTION_SHORT = Map.of(
            Commitment.EMPLOYEE_DIALOGUE, "Talks with employees", Commitment.CEO_MESSAGE, "Leader's message",
            Commitment.SOCIAL_MEDIA, "Social media campaign", Commitment.INNOVATION, "New uses of records",
            Commitment.PUBLIC_DISCUSSION, "Public discussions", Commitment.ASK_HEALTH_PLAN, "Asks health plans to pledge",
            Commitment.BUILD_TOOLS, "Builds apps and tools");
    private static final List<String> STATES = List.of("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN",
            "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK",
            "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "AS", "GU", "MP", "PR", "VI");

    /** Where organizations take the pledge (ingest's sign-up page), or null for no link. */
    private final String signUpUrl;

    /** @param ingestUrl ingest's public base URL, whose {@code /pledge} page the Hub links to; null for no link */
    public HubPages(String ingestUrl) {
        this.signUpUrl = ingestUrl == null ? null : ingestUrl + "/pledge";
    }

    /** The search page: the form, the matching providers and insurers, and apps, tools and campaigns. */
    public String search(HubSnapshot snapshot, HubSearch search, int page, String q) {
        StringBuilder html = new StringBuilder(16_384);
        html.append("<h1>Find who offers Blue Button</h1>\n")
                .append("<p>Search the hospitals, doctors' offices, insurers, labs and pharmacies that took the Blue Button Pledge, ")
                .append("and see how you can get your own health records from them. <a href=\"/hub/help\">What is Blue Button?</a></p>\n");
        form(html, search, q);
        List<HubListing> found = search.apply(snapshot);
        List<HubListing> holders = found.stream().filter(HubListing::dataHolder).toList();
        List<HubListing> others = found.stream().filter(listing -> !listing.dataHolder()).toList();
        if (search.type() != OrganizationType.NON_DATA_HOLDER) {
            html.append("<section aria-labelledby=\"holders\">\n<h2 id=\"holders\">Providers and insurers</h2>\n");
            paged(html, holders, page, search, q, snapshot);
            html.append("</section>\n");
        }
        if (search.type() == OrganizationType.NON_DATA_HOLDER) {
            html.append("<section aria-labelledby=\"apps\">\n<h2 id=\"apps\">Apps, tools and campaigns</h2>\n")
                    .append("<p>Employers, patient organizations, developers and others that pledged to help people use their records.</p>\n");
            paged(html, others, page, search, q, snapshot);
            html.append("</section>\n");
        } else if (search.type() == null && search.capability() == null) {
            html.append("<section aria-labelledby=\"apps\">\n<h2 id=\"apps\">Apps, tools and campaigns</h2>\n")
                    .append("<p>Employers, patient organizations, developers and others that pledged to help people use their records.</p>\n");
            if (others.isEmpty()) {
                html.append("<p>None match your search.</p>\n");
            } else {
                results(html, others.subList(0, Math.min(APPS_PREVIEW, others.size())), snapshot);
                if (others.size() > APPS_PREVIEW) {
                    html.append("<p><a href=\"").append(Html.escape(searchUrl(search.ofType(OrganizationType.NON_DATA_HOLDER), q, 1)))
                            .append("\">See all ").append(others.size()).append(" apps, tools and campaigns</a></p>\n");
                }
            }
            html.append("</section>\n");
        }
        return page("Find who offers Blue Button", html.toString(), snapshot);
    }

    /** The search page with the form filled in as sent and what was wrong with it. */
    public String invalidSearch(HubSnapshot snapshot, String problem, String q) {
        StringBuilder html = new StringBuilder();
        html.append("<h1>Find who offers Blue Button</h1>\n<div class=\"error\" role=\"alert\"><p><strong>We could not run that search.</strong> ")
                .append(Html.escape(problem)).append("</p></div>\n");
        form(html, HubSearch.any(), q);
        return page("Search problem", html.toString(), snapshot);
    }

    /** One organization's page. */
    public String organization(HubSnapshot snapshot, HubListing listing) {
        StringBuilder html = new StringBuilder(8_192);
        html.append("<p><a href=\"/hub\">Back to the search</a></p>\n<h1>").append(Html.escape(listing.name())).append("</h1>\n")
                .append("<p class=\"meta\">").append(Html.escape(CATEGORY.get(listing.category()))).append(" · ")
                .append(listing.dataHolder() ? "holds patients' records" : "helps people use their records").append("</p>\n<dl>\n")
                .append("<dt>Location</dt><dd>").append(Html.escape(location(listing))).append("</dd>\n");
        if (listing.website() != null) {
            html.append("<dt>Website</dt><dd>");
            if (Html.linkable(listing.website())) {
                html.append("<a href=\"").append(Html.escape(listing.website())).append("\" rel=\"noopener noreferrer nofollow\">")
                        .append(Html.escape(listing.website())).append("</a>");
            } else {
                html.append(Html.escape(listing.website()));
            }
            html.append("</dd>\n");
        }
        html.append("</dl>\n");
        if (listing.dataHolder()) {
            html.append("<h2>How you can get your records</h2>\n");
            if (listing.capabilities().isEmpty()) {
                html.append("<p>This organization has not yet said how patients can get their records. Ask it directly.</p>\n");
            } else {
                html.append("<ul>\n");
                listing.capabilities().forEach(capability -> html.append("<li>").append(Html.escape(CAPABILITY.get(capability))).append("</li>\n"));
                html.append("</ul>\n");
            }
            figures(html, listing.figures(), snapshot.latestCompletedYear());
        }
        List<Commitment> pledged = listing.commitments().stream()
                .filter(commitment -> !listing.dataHolder() || !HubListing.CAPABILITIES.containsValue(commitment)).toList();
        if (!pledged.isEmpty()) {
            html.append("<h2>").append(listing.dataHolder() ? "It also pledged to" : "What it pledged to do").append("</h2>\n<ul>\n");
            pledged.forEach(commitment -> html.append("<li>").append(Html.escape(ACTION.get(commitment))).append("</li>\n"));
            html.append("</ul>\n");
        }
        return page(listing.name(), html.toString(), snapshot);
    }

    /** The page of an organization that is not listed (unknown, withdrawn or not wanting to be listed). */
    public String notListed(HubSnapshot snapshot) {
        return page("Not listed", "<h1>This organization is not listed</h1>\n<p>It may have left the program or chosen not to be "
                + "listed on the Hub. <a href=\"/hub\">Search the Hub</a>.</p>\n", snapshot);
    }

    /** The page shown while the Hub has no snapshot yet or too many requests came from one address. */
    public String unavailable(String title, String message) {
        return page(title, "<h1>" + Html.escape(title) + "</h1>\n<p>" + Html.escape(message) + "</p>\n", null);
    }

    /** Plain-language help: what Blue Button is, how to use it and what the Hub shows. */
    public String help(HubSnapshot snapshot) {
        String html = """
                <h1>What is Blue Button?</h1>
                <p>Blue Button means you can get your own health records electronically: see them, save them on your computer
                or phone, and send them to a doctor, a family member or an app you trust. Organizations that took the
                <strong>Blue Button Pledge</strong> promised to make that possible, or to help people use it.</p>
                <h2>How to use it</h2>
                <ol>
                <li>Find your doctor's office, hospital, insurer, lab or pharmacy on the <a href="/hub">Hub search</a>
                (by name, city or ZIP code).</li>
                <li>Open its page to see how it lets you get your records, and follow the link to its website or patient portal.</li>
                <li>Sign in to the portal (ask the organization for an account if you do not have one) and look for the
                Blue Button, "download my records" or "share my records".</li>
                <li>Save the file somewhere safe, or send it to another provider or an app you choose.</li>
                </ol>
                <h2>The ways to get your records</h2>
                <dl>
                <dt>Download</dt><dd>Save a copy of your records from a secure website.</dd>
                <dt>Direct transmit</dt><dd>Send your records securely to another doctor or a health app (Direct messaging).</dd>
                <dt>View, download, transmit</dt><dd>See, save and send your records in a form both people and computers can read.</dd>
                <dt>API for apps</dt><dd>Connect an app of your choice to your records.</dd>
                </dl>
                <h2>The figures on the Hub</h2>
                <p>A provider's or insurer's page shows, for its last complete calendar year, how many patients could get their
                records and how often they viewed, downloaded and sent them. Only finished years are shown: the same years
                as the program's annual report, so a figure never changes while a year is still running.</p>
                <p>To protect privacy, counts from 1 to 10 are never shown; you will see "fewer than 11" instead. Some larger
                counts are "not shown" either: the program also publishes totals per state and per kind of organization (in
                its annual report), and a hidden small count must not be found by taking the others away from a total. The
                Hub never shows anything about individual patients, or any organization's contact details.</p>
                <h2>Apps, tools and campaigns</h2>
                <p>Employers, patient groups, developers and associations pledge to help people use their records, for
                example by building tools or running campaigns. <a href="/hub?type=non-data-holder">See them all</a>.</p>
                <h2>Who is listed</h2>
                <p>Organizations with an active pledge that chose to be listed. An organization that leaves the program, or
                chooses not to be listed, disappears from the Hub at its next refresh.</p>
                """;
        return page("What is Blue Button?", html, snapshot);
    }

    private static void form(StringBuilder html, HubSearch search, String q) {
        html.append("<form class=\"search\" method=\"get\" action=\"/hub\" role=\"search\" aria-label=\"Search the Hub\">\n")
                .append("<div class=\"text\"><label for=\"q\">Name, city or ZIP code</label>")
                .append("<input type=\"search\" id=\"q\" name=\"q\" maxlength=\"").append(HubSearch.MAX_TEXT).append("\" value=\"")
                .append(Html.escape(q == null ? "" : q)).append("\" autocomplete=\"off\"></div>\n");
        select(html, "state", "State", "Any state", STATES.stream().map(state -> new String[] {state, state}).toList(), search.state());
        select(html, "category", "Kind of organization", "Any kind", new TreeSet<>(HubSearch.CATEGORIES).stream()
                .map(category -> new String[] {category.name(), CATEGORY.get(category)}).toList(), search.category() == null ? null : search.category().name());
        select(html, "type", "Show", "Everyone", List.of(new String[] {"data-holder", "Providers and insurers"},
                new String[] {"non-data-holder", "Apps, tools and campaigns"}), search.type() == null ? null
                : search.type().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        select(html, "capability", "Way to get records", "Any way", HubListing.CAPABILITIES.keySet().stream()
                .map(capability -> new String[] {capability, CAPABILITY_SHORT.get(capability)}).toList(), search.capability());
        html.append("<div><button type=\"submit\">Search</button></div>\n</form>\n");
    }

    private static void select(StringBuilder html, String name, String label, String any, List<String[]> options, String selected) {
        html.append("<div><label for=\"").append(name).append("\">").append(label).append("</label><select id=\"").append(name)
                .append("\" name=\"").append(name).append("\"><option value=\"\">").append(any).append("</option>");
        for (String[] option : options) {
            html.append("<option value=\"").append(Html.escape(option[0])).append('"').append(option[0].equals(selected) ? " selected" : "")
                    .append('>').append(Html.escape(option[1])).append("</option>");
        }
        html.append("</select></div>\n");
    }

    private static void paged(StringBuilder html, List<HubListing> listings, int page, HubSearch search, String q, HubSnapshot snapshot) {
        int pages = Math.max(1, (listings.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int shown = Math.min(page, pages);
        html.append("<p role=\"status\">").append(count(listings.size())).append(pages > 1 ? ", page " + shown + " of " + pages : "").append(".</p>\n");
        if (listings.isEmpty()) {
            html.append("<p>Try fewer words, another spelling, or a wider area.</p>\n");
            return;
        }
        int from = (shown - 1) * PAGE_SIZE;
        results(html, listings.subList(from, Math.min(listings.size(), from + PAGE_SIZE)), snapshot);
        if (pages > 1) {
            html.append("<nav class=\"pages\" aria-label=\"Result pages\">");
            if (shown > 1) {
                html.append("<a href=\"").append(Html.escape(searchUrl(search, q, shown - 1))).append("\" rel=\"prev\">Previous page</a>");
            }
            if (shown < pages) {
                html.append("<a href=\"").append(Html.escape(searchUrl(search, q, shown + 1))).append("\" rel=\"next\">Next page</a>");
            }
            html.append("</nav>\n");
        }
    }

    private static void results(StringBuilder html, List<HubListing> listings, HubSnapshot snapshot) {
        html.append("<ol class=\"results\">\n");
        for (HubListing listing : listings) {
            html.append("<li><h3><a href=\"/hub/organizations/").append(Html.escape(Html.url(listing.orgId()))).append("\">")
                    .append(Html.escape(listing.name())).append("</a></h3>\n<p class=\"meta\">")
                    .append(Html.escape(CATEGORY.get(listing.category()))).append(" · ").append(Html.escape(location(listing))).append("</p>\n");
            if (!listing.capabilities().isEmpty()) {
                html.append("<ul class=\"caps\" aria-label=\"Ways to get records\">");
                listing.capabilities().forEach(capability -> html.append("<li>").append(CAPABILITY_SHORT.get(capability)).append("</li>"));
                html.append("</ul>\n");
            } else if (!listing.dataHolder() && !listing.commitments().isEmpty()) {
                html.append("<ul class=\"caps\" aria-label=\"What it does\">");
                listing.commitments().forEach(commitment -> html.append("<li>").append(ACTION_SHORT.getOrDefault(commitment, "Other")).append("</li>"));
                html.append("</ul>\n");
            }
            PublicFigures figures = listing.figures();
            if (figures != null) {
                html.append("<p class=\"note\">In ").append(figures.year()).append(": ")
                        .append(figures.patientsWithAccess() == null ? "" : shown(figures.patientsWithAccess()) + " patients with access, ")
                        .append(shown(figures.downloads())).append(" downloads</p>\n");
            }
            html.append("</li>\n");
        }
        html.append("</ol>\n");
    }

    private static void figures(StringBuilder html, PublicFigures figures, int latestCompletedYear) {
        if (figures == null) {
            html.append("<h2>Figures</h2>\n<p>No figures reported for a completed year (the last one is ").append(latestCompletedYear)
                    .append(") yet.</p>\n");
            return;
        }
        html.append("<h2>Figures for ").append(figures.year()).append("</h2>\n<table>\n<caption>What patients did in ")
                .append(figures.year()).append("</caption>\n<thead><tr><th scope=\"col\">Figure</th><th scope=\"col\">Count</th></tr></thead>\n<tbody>\n");
        if (figures.patientsWithAccess() != null) {
            row(html, "Patients who could get their records (end of year)", shown(figures.patientsWithAccess()));
        }
        row(html, "Downloads", shown(figures.downloads()));
        row(html, "Views", shown(figures.views()));
        row(html, "Direct transmits", shown(figures.transmits()));
        row(html, "Downloads per 100 patients with access", figures.downloadsPer100Patients() == null ? "not shown"
                : String.format(Locale.US, "%.1f", figures.downloadsPer100Patients()));
        html.append("</tbody>\n</table>\n<p class=\"note\">Counts from 1 to 10 are shown as \"fewer than 11\" to protect privacy, and a ")
                .append("larger count is \"not shown\" where it would let someone work out a small one from the program's published totals; the rate ")
                .append("is not shown when one of its counts is hidden or there is no count of patients with access.");
        if (figures.year() < latestCompletedYear) {
            html.append(" This organization has no figures for ").append(latestCompletedYear).append(".");
        }
        html.append("</p>\n");
    }

    private static void row(StringBuilder html, String label, String value) {
        html.append("<tr><th scope=\"row\">").append(label).append("</th><td class=\"num\">").append(value).append("</td></tr>\n");
    }

    private static String shown(Cell cell) {
        return switch (cell.suppression()) {
            case NONE -> NumberFormat.getIntegerInstance(Locale.US).format(cell.value());
            case SMALL_CELL -> "fewer than 11";
            case COMPLEMENTARY -> "not shown";
        };
    }

    private static String count(int found) {
        return found == 0 ? "None found" : found == 1 ? "1 found" : NumberFormat.getIntegerInstance(Locale.US).format(found) + " found";
    }

    private static String location(HubListing listing) {
        String place = listing.city() == null ? listing.state() : listing.city() + ", " + listing.state();
        return listing.postalCode() == null ? place : place + " " + listing.postalCode();
    }

    /** The URL of a search page (1-based page), with only the parameters that narrow it. */
    static String searchUrl(HubSearch search, String q, int page) {
        StringBuilder query = new StringBuilder();
        if (q != null && !q.isBlank()) {
            query.append("&q=").append(Html.url(q.trim()));
        }
        if (search.state() != null) {
            query.append("&state=").append(search.state());
        }
        if (search.category() != null) {
            query.append("&category=").append(search.category().name());
        }
        if (search.type() != null) {
            query.append("&type=").append(search.type().name().toLowerCase(Locale.ROOT).replace('_', '-'));
        }
        if (search.capability() != null) {
            query.append("&capability=").append(search.capability());
        }
        if (page > 1) {
            query.append("&page=").append(page);
        }
        return query.isEmpty() ? "/hub" : "/hub?" + query.substring(1);
    }

    private String page(String title, String main, HubSnapshot snapshot) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" + Html.escape(title)
                + " – Blue Button Hub</title>\n<link rel=\"stylesheet\" href=\"/hub/hub.css\">\n</head>\n<body>\n"
                + "<a class=\"skip\" href=\"#main\">Skip to the content</a>\n"
                + "<header><div class=\"wrap\"><a class=\"brand\" href=\"/hub\">Blue Button Hub</a>\n<nav aria-label=\"Hub\"><ul>"
                + "<li><a href=\"/hub\">Find a provider or insurer</a></li><li><a href=\"/hub?type=non-data-holder\">Apps, tools and campaigns</a></li>"
                + "<li><a href=\"/hub/help\">What is Blue Button?</a></li>"
                + (signUpUrl == null ? "" : "<li><a href=\"" + Html.escape(signUpUrl) + "\">Take the Pledge</a></li>")
                + "</ul></nav></div></header>\n"
                + "<main id=\"main\" class=\"wrap\">\n" + main + "</main>\n<footer><div class=\"wrap\">"
                + "<p>The Blue Button Hub lists organizations that took the Blue Button Pledge and chose to be listed. "
                + "Counts from 1 to 10 are never shown.</p>"
                + (signUpUrl == null ? "" : "<p>Is your organization not listed? <a href=\"" + Html.escape(signUpUrl)
                        + "\">Take the Blue Button Pledge</a>.</p>")
                + (snapshot == null ? "" : "<p>Listings as of " + AS_OF.format(snapshot.refreshedAt()) + ".</p>")
                + "</div></footer>\n</body>\n</html>\n";
    }
}
