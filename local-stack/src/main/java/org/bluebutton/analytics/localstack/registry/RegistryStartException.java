package org.bluebutton.analytics.localstack.registry;

/** The local schema registry could not be found, launched, or did not become ready in time. */
public class RegistryStartException extends RuntimeException {

    public RegistryStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
