package org.bluebutton.analytics.ingest.pages;

import static org.bluebutton.analytics.disclosure.HtmlText.escape;

import java.util.List;
import org.bluebutton.analytics.ingest.pledge.PledgeForm;
import org.bluebutton.analytics.ingest.signup.PledgeText;
import org.bluebutton.analytics.schemas.event.Commitment;
import org.bluebutton.analytics.schemas.event.OrganizationCategory;
import org.bluebutton.analytics.schemas.event.OrganizationType;

/**
 * The staff page: pledge requests to review, an organization to correct, withdraw or give a new key,
 * and a new organization to create. Static HTML (no data in it: the script fills it from the API with
 * the staff key), so it is rendered once at start.
 */
public final class StaffPage {

    /** Where the page is served. */
    public static final String PATH = "/staff";

    private StaffPage() {
    }

    /** The page. */
    public static String render() {
        StringBuilder html = new StringBuilder(24_576);
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>Organizations and pledge requests – Blue Button Pledge staff</title>")
                .append("<link rel=\"stylesheet\" href=\"/assets/site.css\"><script src=\"/assets/staff.js\" defer></script></head>\n<body>\n")
                .append("<a class=\"skip\" href=\"#main\">Skip to the content</a>\n")
                .append("<header class=\"banner\"><p class=\"brand\">Blue Button Pledge Program — staff</p>\n")
                .append("<form id=\"key-form\"><label for=\"key\">Staff key</label> <input id=\"key\" type=\"password\" autocomplete=\"off\" size=\"34\" required> ")
                .append("<button type=\"submit\" class=\"secondary\">Use this key</button> <button type=\"button\" id=\"forget\" class=\"secondary\">Forget it</button></form>\n")
                .append("</header>\n<main id=\"main\" class=\"wide\">\n<h1>Organizations and pledge requests</h1>\n")
                .append("<noscript><p class=\"status bad\">This page needs JavaScript: it calls ingest's API with your staff key. ")
                .append("Every action is also available through the API (<a href=\"/openapi/bluebutton-ingest-v1.yml\">OpenAPI document</a>).</p></noscript>\n")
                .append("<p id=\"status\" class=\"status\" role=\"status\" aria-live=\"polite\">Enter the staff key to start. It stays in this tab only.</p>\n")
                .append("<section id=\"issued\" class=\"panel\" hidden aria-labelledby=\"issued-title\" tabindex=\"-1\"><h2 id=\"issued-title\">New API key</h2>")
                .append("<p id=\"issued-note\"></p><p class=\"secret\" id=\"issued-key\"></p>")
                .append("<p class=\"muted\">Only its hash is kept: copy it now and hand it over securely. It is not shown again.</p>")
                .append("<button type=\"button\" id=\"issued-done\" class=\"secondary\">I have handed it over — hide it</button></section>\n");

        html.append("<section class=\"panel\" aria-labelledby=\"requests-title\"><h2 id=\"requests-title\">Pledge requests</h2>\n")
                .append("<form id=\"requests-form\" class=\"actions\"><div class=\"field\"><label for=\"request-status\">Show</label>")
                .append("<select id=\"request-status\"><option value=\"pending\">waiting for review</option><option value=\"approved\">approved</option>")
                .append("<option value=\"declined\">declined</option><option value=\"all\">all</option></select></div>")
                .append("<button type=\"submit\" class=\"secondary\">Show</button></form>\n")
                .append("<p class=\"muted\">Approving creates the organization (listed on the Hub) and issues its first key for you to hand over; ")
                .append("declining keeps your reason for the reply. Each request is decided once.</p>\n")
                .append("<div id=\"requests\" aria-live=\"polite\"></div></section>\n");

        html.append("<section class=\"panel\" aria-labelledby=\"org-title\"><h2 id=\"org-title\">An organization</h2>\n")
                .append("<form id=\"find-form\" class=\"actions\"><div class=\"field\"><label for=\"find-org\">Organization id</label>")
                .append("<input id=\"find-org\" type=\"text\" required maxlength=\"64\" pattern=\"[a-z0-9][a-z0-9\\-]{2,63}\"></div>")
                .append("<button type=\"submit\">Open</button></form>\n")
                .append("<p class=\"muted\">The dashboard's organization pages link here. Corrections replace the whole profile; ")
                .append("the status and pledge date stay.</p>\n")
                .append("<div id=\"org\" hidden><h3 id=\"org-name\"></h3><dl class=\"summary\" id=\"org-summary\"></dl>\n")
                .append("<div class=\"actions\"><button type=\"button\" id=\"org-key\" class=\"secondary\">Issue a new key (the current one stops working)</button>")
                .append("<button type=\"button\" id=\"org-withdraw\" class=\"danger\">Withdraw the pledge and revoke its key</button></div>\n")
                .append("<h3>Correct the profile</h3>");
        profileForm(html, "edit", false);
        html.append("</div></section>\n");

        html.append("<section class=\"panel\" aria-labelledby=\"create-title\"><h2 id=\"create-title\">Create an organization</h2>\n")
                .append("<p class=\"muted\">For organizations that did not use the public sign-up form. Issue its first key once it exists.</p>");
        profileForm(html, "create", true);
        html.append("</section>\n</main>\n</body></html>\n");
        return html.toString();
    }

    /** A profile form with ids prefixed by {@code prefix}; the create form also asks for the organization id. */
    private static void profileForm(StringBuilder html, String prefix, boolean withOrgId) {
        html.append("<form id=\"").append(prefix).append("-form\" novalidate>\n<div class=\"form-problems\" role=\"alert\"></div>\n<div class=\"cols\">");
        if (withOrgId) {
            input(html, prefix, "orgId", "Organization id", "text", 64, PledgeForm.ORG_ID_SHAPE);
        }
        input(html, prefix, "name", "Name", "text", 200, null);
        html.append("<div class=\"field\" data-field=\"organizationType\"><label for=\"").append(prefix).append("-organizationType\">Type</label><select id=\"").append(prefix)
                .append("-organizationType\" name=\"organizationType\">");
        for (OrganizationType type : List.of(OrganizationType.DATA_HOLDER, OrganizationType.NON_DATA_HOLDER)) {
            html.append("<option value=\"").append(type.name()).append("\">").append(type == OrganizationType.DATA_HOLDER ? "Data holder" : "Not a data holder")
                    .append("</option>");
        }
        html.append("</select></div>\n<div class=\"field\" data-field=\"category\"><label for=\"").append(prefix).append("-category\">Category</label><select id=\"")
                .append(prefix).append("-category\" name=\"category\">");
        for (OrganizationCategory category : OrganizationCategory.values()) {
            if (category != OrganizationCategory.OTHER && isWritten(category)) {
                html.append("<option value=\"").append(category.name()).append("\">").append(escape(PledgeText.category(category))).append("</option>");
            }
        }
        html.append("<option value=\"OTHER\">Other</option></select></div>\n<div class=\"field\" data-field=\"state\"><label for=\"").append(prefix)
                .append("-state\">State or territory</label><select id=\"").append(prefix).append("-state\" name=\"state\">");
        for (String state : PledgeForm.states()) {
            html.append("<option>").append(state).append("</option>");
        }
        html.append("</select></div>\n");
        input(html, prefix, "city", "City", "text", PledgeForm.MAX_CITY, null);
        input(html, prefix, "postalCode", "ZIP code", "text", 5, "Five digits");
        input(html, prefix, "website", "Website", "url", 2048, "https only");
        html.append("</div>\n<fieldset data-field=\"commitments\"><legend>Commitments</legend>");
        for (OrganizationType type : List.of(OrganizationType.DATA_HOLDER, OrganizationType.NON_DATA_HOLDER)) {
            html.append("<fieldset class=\"group\"><legend>").append(type == OrganizationType.DATA_HOLDER ? "Data holders" : "Not data holders").append("</legend>");
            for (Commitment commitment : PledgeForm.commitmentsOf(type)) {
                String id = prefix + "-commitment-" + commitment.name();
                html.append("<div class=\"choice\"><input type=\"checkbox\" name=\"commitments\" value=\"").append(commitment.name()).append("\" id=\"")
                        .append(id).append("\"><label for=\"").append(id).append("\">").append(escape(PledgeText.commitment(commitment)))
                        .append("</label></div>");
            }
            html.append("</fieldset>");
        }
        html.append("</fieldset>\n<div class=\"choice\"><input type=\"checkbox\" name=\"listedOnHub\" id=\"").append(prefix)
                .append("-listedOnHub\" checked><label for=\"").append(prefix).append("-listedOnHub\">Listed on the Blue Button Hub</label></div>\n")
                .append("<button type=\"submit\">").append(withOrgId ? "Create the organization" : "Save the corrections").append("</button>\n</form>\n");
    }

    private static boolean isWritten(OrganizationCategory category) {
        return PledgeForm.categoriesOf(OrganizationType.DATA_HOLDER).contains(category)
                || PledgeForm.categoriesOf(OrganizationType.NON_DATA_HOLDER).contains(category);
    }

    private static void input(StringBuilder html, String prefix, String field, String label, String type, int maxLength, String hint) {
        String id = prefix + "-" + field;
        html.append("<div class=\"field\" data-field=\"").append(field).append("\"><label for=\"").append(id).append("\">").append(escape(label))
                .append("</label>");
        if (hint != null) {
            html.append("<p class=\"hint\">").append(escape(hint)).append("</p>");
        }
        html.append("<input type=\"").append(type).append("\" id=\"").append(id).append("\" name=\"").append(field).append("\" maxlength=\"")
                .append(maxLength).append("\"></div>\n");
    }
}
