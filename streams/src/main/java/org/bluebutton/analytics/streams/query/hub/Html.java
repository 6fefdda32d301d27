package org.bluebutton.analytics.streams.query.hub;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.bluebutton.analytics.disclosure.HtmlText;

/** Escaping for the Hub's pages: every name, city and link an organization typed is text, never markup. */
final class Html {

    private Html() {
    }

    /** {@code value} as HTML text or a double-quoted attribute value (the rule every public output uses). */
    static String escape(String value) {
        return HtmlText.escape(value);
    }

    /** {@code value} as one URL query value or path segment. */
    static String url(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A link target only for web addresses: anything else (javascript:, data:...) is shown as text, not linked. */
    static boolean linkable(String website) {
        if (website == null) {
            return false;
        }
        String lower = website.toLowerCase(Locale.ROOT);
        return lower.startsWith("https://") || lower.startsWith("http://");
    }
}
