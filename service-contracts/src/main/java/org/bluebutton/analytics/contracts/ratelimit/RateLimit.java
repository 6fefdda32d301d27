package org.bluebutton.analytics.contracts.ratelimit;

/**
 * How many requests one client address may make to the public routes: {@code perSecond} on average,
 * with bursts of up to {@code burst} (a token bucket). A page with its form submitted a few times in
 * a row fits in the burst; a scraper or a flood does not fit in the average.
 *
 * @param perSecond sustained requests per second per client address, at least 1
 * @param burst requests a client may make at once after being idle, at least {@code perSecond}
 */
public record RateLimit(int perSecond, int burst) {

    public RateLimit {
        if (perSecond < 1 || perSecond > 100_000) {
            throw new IllegalArgumentException("requests per second must be from 1 to 100000, got " + perSecond);
        }
        if (burst < perSecond || burst > 1_000_000) {
            throw new IllegalArgumentException("the burst must be from the requests per second (" + perSecond + ") to 1000000, got " + burst);
        }
    }
}
