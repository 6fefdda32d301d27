package org.bluebutton.analytics.ingest.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.bluebutton.analytics.contracts.ServiceEnvironments;

/**
 * The same protective headers on every answer of ingest, errors included. The API's answers are JSON
 * for machines (and, once, a newly issued key), so a browser is told never to run, frame, sniff, cache
 * or pass on anything from them. Ingest's few pages (the public sign-up at {@code /pledge}, the staff
 * pages at {@code /staff}) and their static files ({@code /assets}) get a policy that lets them load
 * style sheets and scripts from ingest itself and call its API — still nothing inline, nothing from
 * elsewhere, never framed.
 */
@Requires(notEnv = ServiceEnvironments.QUERY) // a process that also runs the streams query service keeps the two apart
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeadersFilter {

    /** Nothing from ingest may load, run or be framed anywhere. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    /** Ingest's pages: their own static style sheet and script, calls to the same origin, forms posted back here. */
    public static final String PAGE_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'self'; script-src 'self'; "
            + "connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    @ResponseFilter
    public void protect(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Content-Security-Policy", isPage(request.getPath()) ? PAGE_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
        response.header("X-Frame-Options", "DENY");
        response.header("Referrer-Policy", "no-referrer");
        // Organization profiles and issued keys must not stay in a browser's or a proxy's cache.
        response.header("Cache-Control", "no-store");
    }

    private static boolean isPage(String path) {
        return path.equals("/pledge") || path.equals("/staff") || path.startsWith("/assets/");
    }
}
