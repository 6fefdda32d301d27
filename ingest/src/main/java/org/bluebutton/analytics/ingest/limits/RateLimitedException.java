package org.bluebutton.analytics.ingest.limits;

/** A caller sent more requests than its limit allows (HTTP 429 with {@code Retry-After}). */
public class RateLimitedException extends RuntimeException {

    private final String limit;
    private final long retryAfterSeconds;

    /**
     * @param limit which limit: {@code organization} (per organization key) or {@code client} (per client address)
     * @param retryAfterSeconds when the next request would be admitted
     */
    public RateLimitedException(String limit, String message, long retryAfterSeconds) {
        super(message);
        this.limit = limit;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Which limit refused the request. */
    public String limit() {
        return limit;
    }

    /** Seconds until a request would be admitted. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
