package org.bluebutton.analytics.reporting;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.bluebutton.analytics.reporting.output.Manifest;

/**
 * What a finished run published.
 *
 * @param out the output directory
 * @param manifest the manifest written into it
 * @param elapsed how long the run took
 */
public record ReportResult(Path out, Manifest manifest, Duration elapsed) {

    /** The files of the output (without the manifest itself). */
    public List<Manifest.FileEntry> files() {
        return manifest.files();
    }

    /** One line for people: what was read, what was written, where, how long. */
    public String summary() {
        long records = manifest.sources().stream().mapToLong(Manifest.Source::recordsRead).sum();
        long rows = manifest.files().stream().filter(f -> f.rows() != null).mapToLong(Manifest.FileEntry::rows).sum();
        long datasets = manifest.files().stream().filter(f -> f.rows() != null).count();
        long bytes = manifest.files().stream().mapToLong(Manifest.FileEntry::bytes).sum();
        return String.format(Locale.ROOT, "report %d: read %,d records from %d topics; wrote %d datasets (%,d rows), HTML and PDF, %,d bytes to %s in %.1f s",
                manifest.year(), records, manifest.sources().size(), datasets, rows, bytes, out, elapsed.toMillis() / 1000.0);
    }
}
