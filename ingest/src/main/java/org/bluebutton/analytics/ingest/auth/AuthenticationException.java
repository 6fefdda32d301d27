package org.bluebutton.analytics.ingest.auth;

/** No credential, or one that is malformed, unknown, revoked or belongs to a withdrawn organization (HTTP 401). */
public class AuthenticationException extends RuntimeException {

    public AuthenticationException(String message) {
        super(message);
    }
}
