package org.bluebutton.analytics.simulator.plan;

/** How a batch of events is sent: a JSON array or newline-delimited JSON. */
public enum BatchFormat {
    JSON("application/json"), NDJSON("application/x-ndjson");

    private final String contentType;

    BatchFormat(String contentType) {
        this.contentType = contentType;
    }

    /** The request's Content-Type. */
    public String contentType() {
        return contentType;
    }
}
