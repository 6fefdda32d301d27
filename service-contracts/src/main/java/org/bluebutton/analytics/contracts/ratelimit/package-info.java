/**
 * The rate limit of the public routes (the Hub, the pledge form), shared by the services: per client
 * address, answered with {@code 429} and {@code Retry-After} by each service's own filter.
 */
package org.bluebutton.analytics.contracts.ratelimit;
