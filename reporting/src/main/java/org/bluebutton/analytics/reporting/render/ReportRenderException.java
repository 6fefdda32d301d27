package org.bluebutton.analytics.reporting.render;

import org.bluebutton.analytics.reporting.ReportException;

/** The HTML or PDF document could not be produced; the message names which. */
public final class ReportRenderException extends ReportException {

    public ReportRenderException(String document, Throwable cause) {
        super("Could not render the " + document + " report: " + cause.getMessage(), cause);
    }

    @Override
    public int exitCode() {
        return EXIT_FAILED;
    }
}
