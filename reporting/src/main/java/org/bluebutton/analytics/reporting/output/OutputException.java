package org.bluebutton.analytics.reporting.output;

import java.nio.file.Path;
import org.bluebutton.analytics.reporting.ReportException;

/** The output directory cannot be prepared or published; the message names it. */
public final class OutputException extends ReportException {

    public OutputException(Path directory, String reason, Throwable cause) {
        super("Output directory " + directory + ": " + reason, cause);
    }

    @Override
    public int exitCode() {
        return EXIT_FAILED;
    }
}
