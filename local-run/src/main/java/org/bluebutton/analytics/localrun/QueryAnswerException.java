package org.bluebutton.analytics.localrun;

/** The query API did not answer a comparison's request with 200 (yet: a 503 while stores move is retried by the caller). */
public final class QueryAnswerException extends RuntimeException {

    private final int status;

    public QueryAnswerException(String path, int status, String body) {
        super("the query API answered " + (status < 0 ? "nothing" : Integer.toString(status)) + " to " + path + ": " + body);
        this.status = status;
    }

    /** The HTTP status, or -1 when there was no answer. */
    public int status() {
        return status;
    }
}
