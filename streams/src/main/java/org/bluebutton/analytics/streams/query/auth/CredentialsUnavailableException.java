package org.bluebutton.analytics.streams.query.auth;

/** Organizations' keys cannot be checked yet (still being read) or any more (no longer followed); answered 503 with Retry-After. */
public final class CredentialsUnavailableException extends RuntimeException {

    public CredentialsUnavailableException(String message) {
        super(message);
    }
}
