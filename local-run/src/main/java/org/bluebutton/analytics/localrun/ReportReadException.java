package org.bluebutton.analytics.localrun;

import java.nio.file.Path;
import java.sql.SQLException;

/** A dataset of the annual report could not be read back for the comparison with the ground truth. */
public final class ReportReadException extends RuntimeException {

    public ReportReadException(Path file, SQLException cause) {
        super("could not read " + file + ": " + cause.getMessage(), cause);
    }
}
