package org.bluebutton.analytics.disclosure;

/**
 * Text as HTML, for every public page and publication: names, cities, stories and links an
 * organization typed are untrusted input, shown as text and never as markup. One rule for the Hub's
 * pages and the annual report.
 */
public final class HtmlText {

    private HtmlText() {
    }

    /** {@code text} as HTML text or a double-quoted attribute value; null as empty. */
    public static String escape(CharSequence text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
