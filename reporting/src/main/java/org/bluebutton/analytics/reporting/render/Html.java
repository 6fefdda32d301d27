package org.bluebutton.analytics.reporting.render;

import org.bluebutton.analytics.disclosure.HtmlText;

/** Escaping for text and attribute values: every story and name in the report is untrusted input. */
final class Html {

    private Html() {
    }

    static String escape(CharSequence text) {
        return HtmlText.escape(text); // the rule every public output uses
    }
}
