package org.bluebutton.analytics.streams.query.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The Hub links organizations to the sign-up page only where the deployment names ingest's URL. */
class HubPagesLinksTest {

    @Test
    void with_ingest_s_url_every_page_links_to_the_sign_up_page() {
        String page = new HubPages("https://ingest.example.org").unavailable("The Hub is starting", "Come back soon");

        assertThat(page).contains("<a href=\"https://ingest.example.org/pledge\">Take the Pledge</a>",
                "<a href=\"https://ingest.example.org/pledge\">Take the Blue Button Pledge</a>");
    }

    @Test
    void without_it_there_is_no_link() {
        String page = new HubPages(null).unavailable("The Hub is starting", "Come back soon");

        assertThat(page).doesNotContain("Take the Pledge", "/pledge");
    }
}
