package org.bluebutton.analytics.simulator.client;

/** ingest's final answer to a request, after {@code attempts} attempts. */
public record IngestResponse(int status, String body, int attempts) {

    /** Whether the status is one a later attempt might turn into success. */
    public static boolean transientFailure(int status) {
        return status == 503 || status == 500 || status == 502 || status == 504;
    }

    /** The body shortened for an error message. */
    public String excerpt() {
        return body.length() <= 300 ? body : body.substring(0, 300) + "…";
    }
}
