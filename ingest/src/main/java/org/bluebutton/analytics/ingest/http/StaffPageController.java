package org.bluebutton.analytics.ingest.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.ingest.pages.StaffPage;

/**
 * The staff page ({@code GET /staff}), served to anyone: it holds no data and does nothing without the
 * staff key, which its script sends with each call to ingest's API (where every route names who may
 * call it). Same origin as the API, so no cross-origin access is needed.
 */
@Hidden // a page for people, not part of the API document
@Requires(notEnv = ServiceEnvironments.QUERY) // a process that also runs the streams query service keeps the two apart
@Controller(StaffPage.PATH)
public class StaffPageController {

    private final String page = StaffPage.render();

    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<String> page() {
        return HttpResponse.ok(page).contentType(MediaType.TEXT_HTML + ";charset=utf-8");
    }
}
