package org.bluebutton.analytics.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What an organization typed is shown as text, never as markup. */
class HtmlTextTest {

    @Test
    void markup_and_quotes_become_text() {
        assertThat(HtmlText.escape("<script>alert('x')</script> & \"Mercy\""))
                .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Mercy&quot;");
    }

    @Test
    void nothing_is_shown_as_empty() {
        assertThat(HtmlText.escape(null)).isEmpty();
    }
}
