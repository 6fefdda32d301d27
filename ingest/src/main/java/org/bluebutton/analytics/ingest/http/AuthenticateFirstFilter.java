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

/**
 * Every route under {@code /v1/organizations} and under {@code /v1/pledge-requests/} (a request's staff
 * routes; sending one, {@code POST /v1/pledge-requests}, is public) needs a key, so the key is checked here, from the
 * headers alone, before a byte of the body is read: a caller without a valid key (or with another
 * organization's) costs a header check, not a 10 MiB upload to buffer and parse. The answer is the
 * same problem the controller would give (401, 403, or 503 while keys cannot be judged); the
 * controllers still decide what each valid caller may do on each route.
 */
@Requires(notEnv = ServiceEnvironments.QUERY) // a process that also runs the streams query service keeps the two apart
@ServerFilter({"/v1/organizations", "/v1/organizations/**", "/v1/pledge-requests/*", "/v1/pledge-requests/*/*"})
public class AuthenticateFirstFilter {

    private static final String ORGANIZATIONS = "/v1/organizations/";

    private final Authenticator authenticator;

    public AuthenticateFirstFilter(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    /** Runs before the route's arguments (its body among them) are bound; throwing answers with a problem. */
    @RequestFilter
    public void authenticate(HttpRequest<?> request) {
        Caller caller = authenticator.authenticate(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        if (caller instanceof Caller.Organization organization) {
            // An organization may reach only its own resources: /v1/organizations/{its id}[/...]; never a pledge request.
            String path = request.getPath();
            String own = ORGANIZATIONS + organization.orgId();
            if (!(path.equals(own) || path.startsWith(own + "/"))) {
                throw new ForbiddenException(caller.describe() + " may not act for another organization");
            }
        }
    }
}
