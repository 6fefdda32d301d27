package org.bluebutton.analytics.streams;

/** A streams setting is missing or out of range; names the setting (never its value: it may be a secret). */
public final class InvalidStreamsSettingException extends IllegalArgumentException {

    private final String setting;

    public InvalidStreamsSettingException(String setting, String rule) {
        super(setting + " " + rule);
        this.setting = setting;
    }

    /** The setting's name, as its command-line option without the dashes (e.g. {@code peer-secret}). */
    public String setting() {
        return setting;
    }

    /** What the setting must be. */
    public String rule() {
        return getMessage().substring(setting.length() + 1);
    }
}
