package org.bluebutton.analytics.reporting.output;

import java.nio.file.Path;
import org.bluebutton.analytics.reporting.ReportException;

/**
 * {@code --out} names something the run must not replace: a file, or a non-empty directory that is
 * not a previous report (no report manifest in it). Publishing replaces the directory as a whole, so
 * without this check {@code --out ~} would delete a home directory. Nothing is written or deleted.
 */
public final class NotAReportDirectoryException extends ReportException {

    public NotAReportDirectoryException(Path target, String reason) {
        super("--out " + target + " " + reason + "; the run replaces --out as a whole, so it only writes to a new or empty directory "
                + "or over a previous report (one with a report " + Manifest.FILE_NAME + "). Choose another --out.", null);
    }

    @Override
    public int exitCode() {
        return EXIT_SOURCES;
    }
}
