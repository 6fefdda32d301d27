package org.bluebutton.analytics.streams.query.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.bluebutton.analytics.contracts.Problem;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.contracts.ratelimit.ClientRateLimiter;
import org.bluebutton.analytics.streams.query.QuerySettings;

/**
 * Rate limits the public routes ({@code /hub}...) per client address: over the limit, {@code 429} with
 * {@code Retry-After} (a problem, or a short page for a browser), counted in
 * {@code bluebutton_public_requests_limited_total}. The address is the connection's: a forwarded-for
 * header is not trusted, since any client could send one to escape its limit (behind a proxy, the
 * proxy limits per client).
 */
@ServerFilter({"/hub", "/hub/**"})
@Requires(env = ServiceEnvironments.QUERY)
public class PublicRateLimitFilter {

    private final ClientRateLimiter limiter;
    private final Counter limited;

    public PublicRateLimitFilter(QuerySettings settings, MeterRegistry meters) {
        this.limiter = new ClientRateLimiter(settings.publicRateLimit());
        this.limited = Counter.builder("bluebutton.public.requests.limited").tag("routes", "hub")
                .description("Public requests refused with 429 because their client address was over its rate limit").register(meters);
    }

    /** Null lets the request through; otherwise the 429 it gets instead. */
    @RequestFilter
    @Nullable
    public HttpResponse<?> limit(HttpRequest<?> request) {
        long retryAfter = limiter.acquire(request.getRemoteAddress().getAddress().getHostAddress());
        if (retryAfter == 0) {
            return null;
        }
        limited.increment();
        String accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains(MediaType.TEXT_HTML)) {
            return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))
                    .contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8")
                    .body("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Too many requests – Blue Button Hub</title></head>"
                            + "<body><main><h1>Too many requests</h1><p>Please wait " + retryAfter + " second" + (retryAfter == 1 ? "" : "s")
                            + " and try again.</p></main></body></html>\n");
        }
        return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))
                .contentType(Problem.MEDIA_TYPE).body(new Problem(Problem.TYPE_PREFIX + "rate-limited", "Too many requests", 429,
                        "This address made more requests than the public routes allow; wait " + retryAfter + " s (Retry-After)"));
    }
}
