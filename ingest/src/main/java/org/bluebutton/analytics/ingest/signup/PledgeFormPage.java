package org.bluebutton.analytics.ingest.signup;

import static org.bluebutton.analytics.disclosure.HtmlText.escape;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bluebutton.analytics.ingest.pledge.PledgeForm;
import org.bluebutton.analytics.ingest.validation.Violation;
import org.bluebutton.analytics.schemas.event.Commitment;
import org.bluebutton.analytics.schemas.event.OrganizationCategory;
import org.bluebutton.analytics.schemas.event.OrganizationType;
import org.bluebutton.analytics.schemas.event.PledgeRequest;

/**
 * The "Take the Pledge" pages: the form (empty, or as sent with each problem next to its field) and
 * the confirmation. Plain HTML that works without JavaScript; the style sheet is a static file (the
 * pages' policy allows no inline style or script). Everything a visitor typed is escaped.
 */
public final class PledgeFormPage {

    /** Where the form is served and posted. */
    public static final String PATH = "/pledge";

    private PledgeFormPage() {
    }

    /** The empty form. */
    public static String blank() {
        return form(Map.of(), List.of());
    }

    /**
     * The form as the visitor sent it ({@code values}: field → values), with {@code problems} shown
     * at the top and next to their fields.
     */
    public static String form(Map<String, List<String>> values, List<Violation> problems) {
        Map<String, String> byField = new LinkedHashMap<>();
        List<String> general = new ArrayList<>();
        for (Violation problem : problems) {
            if (problem.field() == null || !FIELDS.contains(problem.field())) {
                general.add(problem.field() == null ? problem.reason() : problem.field() + " " + problem.reason());
            } else {
                byField.merge(problem.field(), plain(problem.field(), problem.reason()), (a, b) -> a + "; " + b);
            }
        }
        StringBuilder html = new StringBuilder(16_384);
        head(html, problems.isEmpty() ? "Take the Blue Button Pledge" : "Fix the form – Take the Blue Button Pledge");
        html.append("<h1>Take the Blue Button Pledge</h1>\n");
        html.append("<p class=\"lead\">Organizations that pledge help people get their own health records electronically. ")
                .append("Tell us who you are and what you commit to; program staff review each request and write to you ")
                .append("with your organization's access key once it is approved. Fields marked <span aria-hidden=\"true\">*</span>")
                .append("<span class=\"visually-hidden\">required</span> are required.</p>\n");
        if (!problems.isEmpty()) {
            html.append("<section class=\"problems\" role=\"alert\" aria-labelledby=\"problems-title\" tabindex=\"-1\" id=\"problems\">")
                    .append("<h2 id=\"problems-title\">").append(problems.size() == 1 ? "There is 1 problem" : "There are " + problems.size() + " problems")
                    .append(" with the form</h2><ul>");
            for (Map.Entry<String, String> entry : byField.entrySet()) {
                html.append("<li><a href=\"#").append(anchor(entry.getKey())).append("\">").append(escape(LABELS.get(entry.getKey())))
                        .append(": ").append(escape(entry.getValue())).append("</a></li>");
            }
            for (String problem : general) {
                html.append("<li>").append(escape(problem)).append("</li>");
            }
            html.append("</ul></section>\n");
        }
        html.append("<form method=\"post\" action=\"").append(PATH).append("\" novalidate>\n");

        html.append("<fieldset id=\"field-organizationType\"").append(invalid(byField, "organizationType")).append("><legend>Your organization <span aria-hidden=\"true\">*</span></legend>\n");
        error(html, byField, "organizationType");
        for (OrganizationType type : List.of(OrganizationType.DATA_HOLDER, OrganizationType.NON_DATA_HOLDER)) {
            html.append("<div class=\"choice\"><input type=\"radio\" name=\"organizationType\" id=\"type-").append(type.name())
                    .append("\" value=\"").append(type.name()).append('"').append(checked(values, "organizationType", type.name()))
                    .append(" required><label for=\"type-").append(type.name()).append("\">").append(escape(PledgeText.type(type)))
                    .append("</label></div>\n");
        }
        html.append("</fieldset>\n");

        text(html, values, byField, "name", "text", "organization", 200, true, null);
        html.append("<div class=\"field\" id=\"field-category\">").append("<label for=\"category\">").append(LABELS.get("category"))
                .append(" <span aria-hidden=\"true\">*</span></label>");
        error(html, byField, "category");
        html.append("<select id=\"category\" name=\"category\" required").append(describedBy(byField, "category")).append(">")
                .append("<option value=\"\">Choose one</option>");
        for (OrganizationType type : List.of(OrganizationType.DATA_HOLDER, OrganizationType.NON_DATA_HOLDER)) {
            html.append("<optgroup label=\"").append(type == OrganizationType.DATA_HOLDER ? "Data holders" : "Not data holders").append("\">");
            for (OrganizationCategory category : PledgeForm.categoriesOf(type)) {
                if (category != OrganizationCategory.OTHER) {
                    option(html, values, "category", category.name(), PledgeText.category(category));
                }
            }
            html.append("</optgroup>");
        }
        option(html, values, "category", OrganizationCategory.OTHER.name(), PledgeText.category(OrganizationCategory.OTHER));
        html.append("</select></div>\n");

        html.append("<div class=\"field\" id=\"field-state\"><label for=\"state\">").append(LABELS.get("state"))
                .append(" <span aria-hidden=\"true\">*</span></label>");
        error(html, byField, "state");
        html.append("<select id=\"state\" name=\"state\" required").append(describedBy(byField, "state")).append("><option value=\"\">Choose one</option>");
        for (String state : PledgeForm.states()) {
            option(html, values, "state", state, state);
        }
        html.append("</select></div>\n");
        text(html, values, byField, "city", "text", "address-level2", PledgeForm.MAX_CITY, false, null);
        text(html, values, byField, "postalCode", "text", "postal-code", 5, false, "Five digits, e.g. 02115");
        text(html, values, byField, "website", "url", "url", 2048, false, "Starts with https://; your patient portal or your home page");

        html.append("<fieldset id=\"field-commitments\"").append(invalid(byField, "commitments"))
                .append("><legend>What you commit to <span aria-hidden=\"true\">*</span></legend>\n")
                .append("<p class=\"hint\">Choose the commitments for your kind of organization; at least one.</p>\n");
        error(html, byField, "commitments");
        for (OrganizationType type : List.of(OrganizationType.DATA_HOLDER, OrganizationType.NON_DATA_HOLDER)) {
            html.append("<fieldset class=\"group\"><legend>").append(type == OrganizationType.DATA_HOLDER ? "If you are a data holder" : "If you are not a data holder")
                    .append("</legend>\n");
            for (Commitment commitment : PledgeForm.commitmentsOf(type)) {
                String id = "commitment-" + commitment.name();
                html.append("<div class=\"choice\"><input type=\"checkbox\" name=\"commitments\" id=\"").append(id).append("\" value=\"")
                        .append(commitment.name()).append('"').append(checked(values, "commitments", commitment.name())).append("><label for=\"")
                        .append(id).append("\">").append(escape(PledgeText.commitment(commitment))).append("</label></div>\n");
            }
            html.append("</fieldset>\n");
        }
        html.append("</fieldset>\n");

        text(html, values, byField, "contactEmail", "email", "email", PledgeRequestForm.MAX_EMAIL, true,
                "Program staff write to this address about your request. It is never published.");
        html.append("<button type=\"submit\">Send our pledge</button>\n</form>\n");
        foot(html);
        return html.toString();
    }

    /** The page that confirms a request was received. */
    public static String confirmation(PledgeRequest request) {
        StringBuilder html = new StringBuilder(4_096);
        head(html, "Pledge received – Blue Button Pledge");
        html.append("<h1>Thank you: your pledge request was received</h1>\n")
                .append("<p class=\"lead\">").append(escape(request.getName())).append(" asked to take the Blue Button Pledge as ")
                .append(escape(request.getOrganizationType() == OrganizationType.DATA_HOLDER ? "a data holder" : "an organization that is not a data holder"))
                .append(".</p>\n<dl class=\"summary\"><dt>Your reference</dt><dd><code>").append(escape(request.getRequestId())).append("</code></dd>")
                .append("<dt>Category</dt><dd>").append(escape(PledgeText.category(request.getCategory()))).append("</dd>")
                .append("<dt>Location</dt><dd>").append(escape(request.getCity() == null ? request.getState() : request.getCity() + ", " + request.getState()))
                .append("</dd><dt>Commitments</dt><dd><ul>");
        for (Commitment commitment : request.getCommitments()) {
            html.append("<li>").append(escape(PledgeText.commitment(commitment))).append("</li>");
        }
        html.append("</ul></dd></dl>\n<h2>What happens next</h2>\n<ol><li>Program staff review your request, usually within a few working days.</li>")
                .append("<li>They write to the contact address you gave: with your organization's access key if it is approved, ")
                .append("or with the reason if it is not.</li><li>Once approved, your organization appears on the Blue Button Hub, ")
                .append("where people look for providers and tools that offer Blue Button.</li></ol>\n")
                .append("<p>Quote your reference if you write to the program about this request.</p>\n");
        foot(html);
        return html.toString();
    }

    private static final List<String> FIELDS = List.of("organizationType", "name", "category", "state", "city", "postalCode", "website",
            "commitments", "contactEmail");
    private static final Map<String, String> LABELS = Map.of("organizationType", "Your organization", "name", "Organization name",
            "category", "Category", "state", "State or territory", "city", "City", "postalCode", "ZIP code", "website", "Website",
            "commitments", "Commitments", "contactEmail", "Contact e-mail");

    private static void head(StringBuilder html, String title) {
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>").append(escape(title)).append("</title>")
                .append("<link rel=\"stylesheet\" href=\"/assets/site.css\"></head>\n<body>\n")
                .append("<a class=\"skip\" href=\"#main\">Skip to the form</a>\n")
                .append("<header class=\"banner\"><p class=\"brand\">Blue Button Pledge Program</p></header>\n")
                .append("<main id=\"main\">\n");
    }

    private static void foot(StringBuilder html) {
        html.append("</main>\n<footer><p>The Blue Button Pledge Program. Your contact address is used only to reply to you ")
                .append("and is never published.</p></footer>\n</body></html>\n");
    }

    private static void text(StringBuilder html, Map<String, List<String>> values, Map<String, String> errors, String field, String type,
            String autocomplete, int maxLength, boolean required, String hint) {
        html.append("<div class=\"field\" id=\"field-").append(field).append("\"><label for=\"").append(field).append("\">")
                .append(LABELS.get(field)).append(required ? " <span aria-hidden=\"true\">*</span>" : "").append("</label>");
        if (hint != null) {
            html.append("<p class=\"hint\" id=\"").append(field).append("-hint\">").append(escape(hint)).append("</p>");
        }
        error(html, errors, field);
        html.append("<input type=\"").append(type).append("\" id=\"").append(field).append("\" name=\"").append(field)
                .append("\" autocomplete=\"").append(autocomplete).append("\" maxlength=\"").append(maxLength).append('"')
                .append(required ? " required" : "");
        List<String> given = values.get(field);
        if (given != null && !given.isEmpty()) {
            html.append(" value=\"").append(escape(given.get(0))).append('"');
        }
        String described = (hint == null ? "" : field + "-hint ") + (errors.containsKey(field) ? field + "-error" : "");
        if (!described.isBlank()) {
            html.append(" aria-describedby=\"").append(described.trim()).append('"');
        }
        if (errors.containsKey(field)) {
            html.append(" aria-invalid=\"true\"");
        }
        html.append("></div>\n");
    }

    private static void error(StringBuilder html, Map<String, String> errors, String field) {
        String reason = errors.get(field);
        if (reason != null) {
            html.append("<p class=\"error\" id=\"").append(field).append("-error\"><span class=\"visually-hidden\">Problem: </span>")
                    .append(escape(LABELS.get(field))).append(' ').append(escape(reason)).append("</p>");
        }
    }

    private static String describedBy(Map<String, String> errors, String field) {
        return errors.containsKey(field) ? " aria-describedby=\"" + field + "-error\" aria-invalid=\"true\"" : "";
    }

    private static String invalid(Map<String, String> errors, String field) {
        return errors.containsKey(field) ? " class=\"invalid\"" : "";
    }

    private static void option(StringBuilder html, Map<String, List<String>> values, String field, String value, String label) {
        html.append("<option value=\"").append(escape(value)).append('"')
                .append(values.getOrDefault(field, List.of()).contains(value) ? " selected" : "").append('>').append(escape(label)).append("</option>");
    }

    private static String checked(Map<String, List<String>> values, String field, String value) {
        return values.getOrDefault(field, List.of()).contains(value) ? " checked" : "";
    }

    /**
     * The reader's reasons name the API's symbols ("must be one of: LAB, PAYER"); people choosing from
     * the page's lists read the lists' words instead.
     */
    private static String plain(String field, String reason) {
        if (!reason.startsWith("must be one of: ")) {
            return reason;
        }
        return switch (field) {
            case "category" -> "must fit the kind of organization you chose: "
                    + Arrays.stream(reason.substring("must be one of: ".length()).split(", "))
                            .map(symbol -> PledgeText.category(OrganizationCategory.valueOf(symbol))).collect(Collectors.joining(", "));
            case "commitments" -> "must be commitments for the kind of organization you chose (the list under its heading)";
            case "organizationType" -> "must be chosen: say whether you hold patients' health records";
            case "state" -> "must be chosen from the list";
            default -> reason;
        };
    }

    private static String anchor(String field) {
        return field.equals("organizationType") || field.equals("commitments") ? "field-" + field : field;
    }
}
