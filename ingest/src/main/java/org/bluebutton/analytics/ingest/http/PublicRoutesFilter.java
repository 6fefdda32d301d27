package org.bluebutton.analytics.ingest.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import org.bluebutton.analytics.contracts.Problem;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.contracts.ratelimit.ClientRateLimiter;
import org.bluebutton.analytics.ingest.config.IngestConfiguration;
import org.bluebutton.analytics.ingest.signup.PledgeFormPage;
import org.bluebutton.analytics.ingest.signup.PledgeRequestTooLargeException;

/**
 * Guards ingest's public routes — the sign-up page ({@code /pledge}) and {@code POST /v1/pledge-requests},
 * which anyone may call without a key — before their body is read: per client address rate limit
 * ({@code 429} with {@code Retry-After}: a short page for a browser, a problem otherwise; counted in
 * {@code bluebutton_public_requests_limited_total{routes="pledge"}}), and a declared body larger than
 * {@value #MAX_BODY} bytes refused with {@code 413}. The address is the connection's: a forwarded-for header
 * is not trusted (any client could send one to escape its limit; behind a proxy, the proxy limits).
 */
@ServerFilter({PledgeFormPage.PATH, PledgeRequestController.PATH})
@Requires(notEnv = ServiceEnvironments.QUERY) // a process that also runs the streams query service keeps the two apart
public class PublicRoutesFilter {

    /** A pledge request is a few hundred bytes; 16 KiB leaves room for long names in any script, and no more. */
    public static final int MAX_BODY = 16_384;

    private final ClientRateLimiter limiter;
    private final Counter limited;
    private final IngestMetrics metrics;

    public PublicRoutesFilter(IngestConfiguration config, MeterRegistry meters, IngestMetrics metrics) {
        this.limiter = new ClientRateLimiter(config.publicRateLimit());
        this.limited = Counter.builder("bluebutton.public.requests.limited").tag("routes", "pledge")
                .description("Public requests refused with 429 because their client address was over its rate limit").register(meters);
        this.metrics = metrics;
    }

    /** Null lets the request through; otherwise the answer it gets instead. */
    @RequestFilter
    @Nullable
    public HttpResponse<?> guard(HttpRequest<?> request) {
        if (request.getPath().equals(PledgeRequestController.PATH) && request.getMethod() != HttpMethod.POST) {
            return null; // the list of requests is staff's, judged by its key, not a public route
        }
        long retryAfter = limiter.acquire(request.getRemoteAddress().getAddress().getHostAddress());
        if (retryAfter > 0) {
            limited.increment();
            metrics.rejected("rate-limited");
            String seconds = Long.toString(retryAfter);
            if (wantsHtml(request)) {
                return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, seconds)
                        .contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8")
                        .body("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Too many requests – Blue Button Pledge</title>"
                                + "<link rel=\"stylesheet\" href=\"/assets/site.css\"></head><body><main><h1>Too many requests</h1><p>Please wait "
                                + seconds + " second" + (retryAfter == 1 ? "" : "s") + " and try again. Nothing you typed was sent.</p></main></body></html>\n");
            }
            return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS).header(HttpHeaders.RETRY_AFTER, seconds)
                    .contentType(Problem.MEDIA_TYPE).body(new Problem(Problem.TYPE_PREFIX + "rate-limited", "Too many requests", 429,
                            "This address made more requests than the public routes allow; wait " + seconds + " s (Retry-After)"));
        }
        if (request.getContentLength() > MAX_BODY) {
            metrics.rejected("request-too-large");
            return HttpResponse.status(HttpStatus.REQUEST_ENTITY_TOO_LARGE).contentType(Problem.MEDIA_TYPE)
                    .body(new Problem(Problem.TYPE_PREFIX + "request-too-large", "Request too large", 413, tooLarge()));
        }
        return null;
    }

    /** For a body that came without a declared length: the same bound, checked once it is read. */
    static void requireWithinLimit(byte[] body) {
        if (body != null && body.length > MAX_BODY) {
            throw new PledgeRequestTooLargeException(tooLarge());
        }
    }

    private static String tooLarge() {
        return "A pledge request is at most " + MAX_BODY + " bytes";
    }

    static boolean wantsHtml(HttpRequest<?> request) {
        String accept = request.getHeaders().get(HttpHeaders.ACCEPT);
        return request.getPath().startsWith(PledgeFormPage.PATH) || accept != null && accept.contains(MediaType.TEXT_HTML);
    }
}
