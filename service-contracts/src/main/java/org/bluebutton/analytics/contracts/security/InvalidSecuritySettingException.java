package org.bluebutton.analytics.contracts.security;

/**
 * A connection security setting is missing, contradicts another or names a file that cannot be read.
 * The message names the environment variable and the rule, never the value (it may be a secret).
 */
public final class InvalidSecuritySettingException extends IllegalArgumentException {

    private final String variable;

    public InvalidSecuritySettingException(String variable, String rule) {
        super(variable + " " + rule);
        this.variable = variable;
    }

    /** The environment variable of the offending setting. */
    public String variable() {
        return variable;
    }
}
