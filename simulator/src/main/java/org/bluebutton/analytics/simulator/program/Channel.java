package org.bluebutton.analytics.simulator.program;

/** How a patient used their record: the download-activity channels of the API. */
public enum Channel {
    VIEW, DOWNLOAD, TRANSMIT, API
}
