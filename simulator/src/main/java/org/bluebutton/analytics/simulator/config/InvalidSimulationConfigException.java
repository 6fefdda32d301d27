package org.bluebutton.analytics.simulator.config;

/** A simulator setting is out of range; the message names the setting, its value and the range. */
public final class InvalidSimulationConfigException extends IllegalArgumentException {

    public InvalidSimulationConfigException(String message) {
        super(message);
    }
}
