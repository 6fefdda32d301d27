package org.bluebutton.analytics.ingest.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.ingest.auth.Authenticator;
import org.bluebutton.analytics.ingest.auth.Caller;
import org.bluebutton.analytics.ingest.auth.ForbiddenException;
import org.bluebutton.analytics.ingest.limits.RateLimitedException;
import org.bluebutton.analytics.ingest.limits.RequestRateLimiter;

/**
 * Every route under {@code /v1/organizations}, {@code /v1/staff-accounts}, {@code /v1/audit}, {@code /v1/stories} and under
 * {@code /v1/pledge-requests/} (a request's staff routes; sending one, {@code POST /v1/pledge-requests}, is public) needs a key, so the key is checked here, from the
 * headers alone, before a byte of the body is read: a caller without a valid key (or with another
 * organization's) costs a header check, not a 10 MiB upload to buffer and parse. The answer is the
 * same problem the controller would give (401, 403, or 503 while keys cannot be judged); the
 * controllers still decide what each valid caller may do on each route. An organization's request also takes
 * one from its organization's rate limit here (429 + Retry-After beyond it), before its body is read.
 */
@Requires(notEnv = ServiceEnvironments.QUERY) // a process that also runs the streams query service keeps the two apart
@ServerFilter({"/v1/organizations", "/v1/organizations/**", "/v1/staff-accounts", "/v1/staff-accounts/**", "/v1/audit", "/v1/stories/**",
    "/v1/pledge-requests/*", "/v1/pledge-requests/*/*"})
public class AuthenticateFirstFilter {

    private static final String ORGANIZATIONS = "/v1/organizations/";

    private final Authenticator authenticator;
    private final RequestRateLimiter organizationLimit;

    public AuthenticateFirstFilter(Authenticator authenticator, RequestRateLimiter organizationLimit) {
        this.authenticator = authenticator;
        this.organizationLimit = organizationLimit;
    }

    /** Runs before the route's arguments (its body among them) are bound; throwing answers with a problem. */
    @RequestFilter
    public void authenticate(HttpRequest<?> request) {
        Caller caller = authenticator.authenticate(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        if (caller instanceof Caller.Organization organization) {
            // An organization may reach only its own resources: /v1/organizations/{its id}[/...] (never staff accounts, the audit
            // trail, story marks or a pledge request).
            String path = request.getPath();
            String own = ORGANIZATIONS + organization.orgId();
            if (!(path.equals(own) || path.startsWith(own + "/"))) {
                throw new ForbiddenException(caller.describe() + " may not act for another organization");
            }
            // Per organization, not per key or address: rotating keys or spreading over addresses gains nothing, and
            // one organization's flood takes only its own allowance. Before the body: a refused flood costs no parsing.
            long retryAfter = organizationLimit.acquire(organization.orgId());
            if (retryAfter > 0) {
                throw new RateLimitedException("organization", "Organization " + organization.orgId()
                        + " sent more requests than its limit allows; retry after " + retryAfter + " s", retryAfter);
            }
        }
    }
}
