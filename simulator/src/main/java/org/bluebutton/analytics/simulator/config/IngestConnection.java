package org.bluebutton.analytics.simulator.config;

import java.net.URI;
import java.time.Duration;

/**
 * How the simulator reaches ingest.
 *
 * @param ingestUrl      base URL of the ingest service, e.g. http://localhost:8080
 * @param staffKey       the staff key ({@code bbs_...}) for creating, correcting and withdrawing
 *                       organizations and issuing their keys; never printed
 * @param concurrency    organizations whose requests are in flight at once (each organization's own
 *                       requests are sent one after another, to keep its events in order)
 * @param maxAttempts    attempts per request when ingest answers 503/5xx or the connection fails
 * @param requestTimeout how long one attempt may take
 * @param maxRetryWait   the longest wait between attempts, whatever Retry-After says
 */
public record IngestConnection(URI ingestUrl, String staffKey, int concurrency, int maxAttempts, Duration requestTimeout,
        Duration maxRetryWait) {

    public static final int DEFAULT_CONCURRENCY = 6;
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_MAX_RETRY_WAIT = Duration.ofSeconds(10);

    public IngestConnection {
        if (ingestUrl == null || ingestUrl.getScheme() == null || !ingestUrl.getScheme().matches("https?")
                || ingestUrl.getHost() == null) {
            throw new InvalidSimulationConfigException("ingestUrl must be an http(s) URL such as http://localhost:8080, got " + ingestUrl);
        }
        if (staffKey == null || !staffKey.startsWith("bbs_")) {
            throw new InvalidSimulationConfigException("staffKey must be a staff key starting with bbs_ (set --staff-key or BLUEBUTTON_SIMULATOR_STAFF_KEY)");
        }
        if (concurrency < 1 || concurrency > 64) {
            throw new InvalidSimulationConfigException("concurrency must be 1 to 64, got " + concurrency);
        }
        if (maxAttempts < 1 || maxAttempts > 20) {
            throw new InvalidSimulationConfigException("maxAttempts must be 1 to 20, got " + maxAttempts);
        }
        if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new InvalidSimulationConfigException("requestTimeout must be positive, got " + requestTimeout);
        }
        if (maxRetryWait == null || maxRetryWait.isNegative()) {
            throw new InvalidSimulationConfigException("maxRetryWait must be zero or positive, got " + maxRetryWait);
        }
        String text = ingestUrl.toString();
        ingestUrl = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    /** A connection with the default concurrency, attempts and timeouts. */
    public static IngestConnection of(URI ingestUrl, String staffKey) {
        return new IngestConnection(ingestUrl, staffKey, DEFAULT_CONCURRENCY, DEFAULT_MAX_ATTEMPTS, DEFAULT_REQUEST_TIMEOUT,
                DEFAULT_MAX_RETRY_WAIT);
    }

    /** Never the staff key. */
    @Override
    public String toString() {
        return "IngestConnection[ingestUrl=" + ingestUrl + ", concurrency=" + concurrency + ", maxAttempts=" + maxAttempts + "]";
    }
}
