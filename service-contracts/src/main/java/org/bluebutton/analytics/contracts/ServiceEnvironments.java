package org.bluebutton.analytics.contracts;

/**
 * Micronaut environment names of the services. The local run and the tests start ingest and the
 * query API in one JVM; each service's beans require their own environment, so neither picks up the
 * other's controllers or configuration.
 */
public final class ServiceEnvironments {

    /** The query API, Hub and dashboard of a streams instance. */
    public static final String QUERY = "query";

    private ServiceEnvironments() {
    }
}
