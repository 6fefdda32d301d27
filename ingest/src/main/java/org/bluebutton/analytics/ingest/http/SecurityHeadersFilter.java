package org.bluebutton.analytics.ingest.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.bluebutton.analytics.contracts.ServiceEnvironments;

/**
 * The same protective headers on every answer of ingest, errors included. Ingest serves no page: its
 * answers are JSON for machines (and, once, a newly issued key), so a browser is told never to run,
 * frame, sniff, cache or pass on anything from it.
 */
@Requires(notEnv = ServiceEnvironments.QUERY) // a process that also runs the streams query service keeps the two apart
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class SecurityHeadersFilter {

    /** Nothing from ingest may load, run or be framed anywhere. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    @ResponseFilter
    public void protect(MutableHttpResponse<?> response) {
        response.header("X-Content-Type-Options", "nosniff");
        response.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        response.header("X-Frame-Options", "DENY");
        response.header("Referrer-Policy", "no-referrer");
        // Organization profiles and issued keys must not stay in a browser's or a proxy's cache.
        response.header("Cache-Control", "no-store");
    }
}
