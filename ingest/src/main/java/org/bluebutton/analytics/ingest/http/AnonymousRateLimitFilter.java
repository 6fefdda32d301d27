package org.bluebutton.analytics.ingest.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.contracts.ratelimit.ClientRateLimiter;
import org.bluebutton.analytics.ingest.limits.RateLimitedException;

/**
 * Limits the anonymous routes (health, metrics, and any path without a route) per client address, with the
 * same token bucket as the query API's public routes. Routes that need a key are limited per organization
 * instead ({@link AuthenticateFirstFilter}): behind one proxy many data holders share an address. The
 * address is the connection's peer; {@code X-Forwarded-For} is not trusted (anyone can write it) — limit
 * at the proxy where one is in front.
 */
@Requires(notEnv = ServiceEnvironments.QUERY) // a process that also runs the streams query service keeps the two apart
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
public class AnonymousRateLimitFilter {

    private final ClientRateLimiter limiter;

    public AnonymousRateLimitFilter(ClientRateLimiter limiter) {
        this.limiter = limiter;
    }

    @RequestFilter
    public void limit(HttpRequest<?> request) {
        String path = request.getPath();
        if (needsKey(path)) {
            return;
        }
        long retryAfter = limiter.acquire(request.getRemoteAddress().getAddress().getHostAddress());
        if (retryAfter > 0) {
            throw new RateLimitedException("client", "This address sent more requests than the limit allows; retry after "
                    + retryAfter + " s", retryAfter);
        }
    }

    /** The routes {@link AuthenticateFirstFilter} guards. */
    static boolean needsKey(String path) {
        return path.equals("/v1/organizations") || path.startsWith("/v1/organizations/") || path.equals("/v1/staff-accounts")
                || path.startsWith("/v1/staff-accounts/") || path.equals("/v1/audit") || path.startsWith("/v1/stories/")
                || path.startsWith("/v1/pledge-requests/");
    }
}
