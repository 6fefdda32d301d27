package org.bluebutton.analytics.ingest.signup;

/** Staff decide a pledge request once: a second approval or decline is refused (HTTP 409). */
public class PledgeRequestDecidedException extends RuntimeException {

    public PledgeRequestDecidedException(String message) {
        super(message);
    }
}
