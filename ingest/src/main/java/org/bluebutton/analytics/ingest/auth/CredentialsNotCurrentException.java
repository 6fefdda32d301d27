package org.bluebutton.analytics.ingest.auth;

/**
 * This instance cannot show that its view of the keys (or of which organizations are active) is
 * current, so it refuses to decide on a key rather than accept one that may have been rotated or
 * revoked (HTTP 503 with {@code Retry-After}; another instance, or this one a moment later, can answer).
 */
public class CredentialsNotCurrentException extends RuntimeException {

    public CredentialsNotCurrentException(String message) {
        super(message);
    }
}
