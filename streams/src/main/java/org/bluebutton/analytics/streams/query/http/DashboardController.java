package org.bluebutton.analytics.streams.query.http;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.disclosure.HtmlText;
import org.bluebutton.analytics.streams.query.QuerySettings;

/**
 * The staff dashboard and a data holder's own page, drawn in the browser from the query API with the key
 * the user enters (kept in the tab's session storage only).
 * Created with the context ({@code @Context}), so a missing page stops the start instead of failing requests.
 */
@Hidden
@Context
@Controller
@Requires(env = ServiceEnvironments.QUERY)
public class DashboardController {

    private final String page;
    private final String dataHolderPage;

    public DashboardController(QuerySettings settings) {
        // Staff change organizations and review pledge requests on ingest's pages (ingest owns every write).
        page = read("/dashboard/index.html").replace("<!--staff-pages-->", settings.ingestUrl() == null ? ""
                : "<a id=\"staff-pages\" href=\"" + HtmlText.escape(settings.ingestUrl() + "/staff") + "\">Organizations and pledge requests</a>");
        dataHolderPage = read("/dashboard/data-holder.html");
    }

    private static String read(String resource) {
        try (InputStream in = DashboardController.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(uri = "/dashboard", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> dashboard() {
        return page(page);
    }

    /** A data holder's own page: with its own key it reads its figures, its Hub appearance and its months as CSV. */
    @Get(uri = "/data-holder", produces = MediaType.TEXT_HTML)
    public HttpResponse<String> dataHolder() {
        return page(dataHolderPage);
    }

    private static HttpResponse<String> page(String html) {
        // Security headers (a CSP without unsafe-inline: the pages' script and style are static files) and no-store:
        // QuerySecurityHeadersFilter, as on every answer.
        return HttpResponse.ok(html);
    }
}
