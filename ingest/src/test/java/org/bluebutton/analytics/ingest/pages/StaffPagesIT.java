package org.bluebutton.analytics.ingest.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bluebutton.analytics.ingest.http.SecurityHeadersFilter;
import org.bluebutton.analytics.ingest.testing.IngestServer;
import org.bluebutton.analytics.ingest.testing.IngestServerExtension;
import org.bluebutton.analytics.testkit.HeadlessBrowser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The staff page on ingest: served with the pages' policy (own script and style sheet only), its
 * script served, and, in a browser with the staff key, it shows the pending pledge requests and an
 * organization from ingest's API, and the API's problems as the API words them. (The API calls its
 * buttons make are specified by OrganizationLifecycleIT and PledgeRequestIT.)
 */
@ExtendWith(IngestServerExtension.class)
class StaffPagesIT {

    private final IngestServer ingest;

    StaffPagesIT(IngestServer ingest) {
        this.ingest = ingest;
    }

    @Test
    void the_page_and_its_script_are_served_with_the_pages_policy_and_nothing_inline() {
        HttpResponse<String> page = ingest.get("/staff", null);
        HttpResponse<String> script = ingest.get("/assets/staff.js", null);

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).get().asString().startsWith("text/html");
        assertThat(page.headers().firstValue("Content-Security-Policy")).contains(SecurityHeadersFilter.PAGE_CONTENT_SECURITY_POLICY);
        assertThat(page.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(page.body()).contains("<script src=\"/assets/staff.js\" defer></script>", "id=\"create-form\"", "id=\"edit-form\"",
                "value=\"ASK_HEALTH_PLAN\"").doesNotContain("style=", "<script>", "onclick", "onload");
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.headers().firstValue("Content-Type")).get().asString().contains("javascript");
        assertThat(script.body()).contains("/v1/pledge-requests", "/v1/organizations", "sessionStorage").doesNotContain("innerHTML");
    }

    @Test
    void with_the_staff_key_it_shows_the_pending_requests_and_the_organization_asked_for() throws Exception {
        HeadlessBrowser browser = HeadlessBrowser.find().orElse(null);
        assumeTrue(browser != null, "no headless browser here (Debian: apt-get install chromium)");
        ingest.hospitalWithKey("staff-page-clinic");
        HttpResponse<String> sent = ingest.post("/v1/pledge-requests", null, IngestServer.JSON, """
                {"name":"Riverside Health Plan","organizationType":"DATA_HOLDER","category":"PAYER","state":"OR","city":"Portland",
                 "commitments":["DOWNLOAD_FROM_PORTAL","API_ACCESS"],"contactEmail":"pledge@riverside.example"}""");
        assertThat(sent.statusCode()).isEqualTo(202);
        String page = "http://localhost:" + ingest.port() + "/staff?org=staff-page-clinic#key=" + ingest.staffKey();

        String dom = browser.dumpDom(page);
        browser.screenshot(page, Path.of("target", "staff-screenshots", "staff-page.png"), 3200);

        assertThat(dom).contains("<h3>Riverside Health Plan</h3>", "Health plan or insurer", "Portland, OR",
                "Let patients connect apps of their choice to their records (API access)", "mailto:pledge@riverside.example",
                "Approve and issue its key", "Test staff-page-clinic (staff-page-clinic)", "Opened staff-page-clinic.");
        assertThat(dom).doesNotContain(ingest.staffKey());
        assertThat(Files.size(Path.of("target", "staff-screenshots", "staff-page.png"))).isGreaterThan(30_000);
    }

    @Test
    void an_organization_that_does_not_exist_is_reported_in_the_api_s_words() throws Exception {
        HeadlessBrowser browser = HeadlessBrowser.find().orElse(null);
        assumeTrue(browser != null, "no headless browser here (Debian: apt-get install chromium)");
        String page = "http://localhost:" + ingest.port() + "/staff?org=no-such-organization#key=" + ingest.staffKey();

        String dom = browser.dumpDom(page);
        browser.screenshot(page, Path.of("target", "staff-screenshots", "staff-unknown-organization.png"), 900);

        assertThat(dom).contains("Unknown organization (404)", "no-such-organization");
    }

    @Test
    void a_key_that_is_not_the_staff_key_is_refused_in_the_api_s_words() {
        HeadlessBrowser browser = HeadlessBrowser.find().orElse(null);
        assumeTrue(browser != null, "no headless browser here (Debian: apt-get install chromium)");
        String organizationKey = ingest.hospitalWithKey("staff-page-intruder");

        String dom = browser.dumpDom("http://localhost:" + ingest.port() + "/staff#key=" + organizationKey);

        assertThat(dom).contains("Not allowed (403)", "Only program staff may do this").doesNotContain("Riverside Health Plan");
    }
}
