package org.bluebutton.analytics.streams.query.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.bluebutton.analytics.contracts.ServiceEnvironments;

/**
 * The same protective headers on every answer of the query server — the staff dashboard, a data
 * holder's page, the public Hub, the JSON API, the OpenAPI document, static files and errors alike:
 * no MIME sniffing, no framing anywhere, no referrer, and a content security policy that runs only
 * scripts and styles from this server's own files (no inline script or style: the pages load theirs
 * from {@link StaticAssetsController}), talks only to this server, and sends forms only here.
 *
 * <p>Caching: staff and organization data must not stay in a browser's or a proxy's cache, so every
 * answer that did not choose its own caching gets {@code no-store}. The Hub's public answers and the
 * static files choose theirs (public, revalidated with their entity tags) and keep it.
 */
@Requires(env = ServiceEnvironments.QUERY)
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class QuerySecurityHeadersFilter {

    /** Scripts, styles, images and fetches from this origin only; no inline code, no plug-ins, no framing. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
            + "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @ResponseFilter
    public void protect(MutableHttpResponse<?> response) {
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.header("X-Frame-Options", "DENY");
        if (!response.getHeaders().contains("Referrer-Policy")) {
            response.header("Referrer-Policy", "no-referrer");
        }
        if (!response.getHeaders().contains(HttpHeaders.CACHE_CONTROL)) {
            response.header(HttpHeaders.CACHE_CONTROL, "no-store");
        }
    }
}
