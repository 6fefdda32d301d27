package org.bluebutton.analytics.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The table of a run: printed, and written as {@code results.json} and {@code results.md}. */
public final class Results {

    private final List<Measurement> measurements = new ArrayList<>();
    private final Map<String, Object> run = new LinkedHashMap<>();

    /** Adds the figures of a stage. */
    public synchronized void addAll(List<Measurement> stage) {
        measurements.addAll(stage);
    }

    /** Records a property of the whole run (machine, options, noise notes). */
    public void describe(String key, Object value) {
        run.put(key, value);
    }

    /** The table as Markdown. */
    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("| stage | scale | measured | value | baseline (same run, same broker or rows) | baseline value | ratio | target |\n");
        md.append("|---|---|---|---:|---|---:|---:|---|\n");
        for (Measurement m : measurements) {
            Boolean meets = m.meetsTarget();
            md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s %s | %s | %s | %s | %s |%n", m.stage(), m.scale(), m.metric(),
                    number(m.value()), m.unit(), m.baseline(), number(m.baselineValue()),
                    Double.isNaN(m.ratio()) ? "—" : String.format(Locale.ROOT, "%.2f×", m.ratio()),
                    Double.isNaN(m.target()) ? "—" : (m.higherIsBetter() ? "≥ " : "≤ ") + m.target() + "× " + (meets ? "met" : "NOT met")));
        }
        return md.toString();
    }

    /** Time and memory of the stages whose cost should grow with scale, one line per stage and scale. */
    public String growth() {
        StringBuilder md = new StringBuilder("| stage | scale | work | seconds | heap (MiB) | resident (MiB) |\n|---|---|---:|---:|---:|---:|\n");
        for (Measurement m : measurements) {
            Map<String, Object> d = m.details();
            if (m.stage().equals("streams") && d.containsKey("inputRecords")) {
                md.append(String.format(Locale.ROOT, "| streams replay | %s | %,d input records | %.1f | %.0f after GC | %.0f |%n", m.scale(),
                        d.get("inputRecords"), d.get("secondsIncludingStartup"), d.get("heapAfterGcMiB"), d.get("residentMiB")));
            } else if (m.stage().equals("reporting-parquet") && d.containsKey("rows")) {
                md.append(String.format(Locale.ROOT, "| Parquet org_month | %s | %,d rows | %.1f | %.0f peak | — |%n", m.scale(),
                        d.get("rows"), d.get("seconds"), d.get("peakHeapMiB")));
            } else if (m.stage().equals("report") && d.containsKey("heapAfterGcMiB")) {
                md.append(String.format(Locale.ROOT, "| annual report | %s | — | see above | %.0f peak, %.0f after GC | — |%n", m.scale(),
                        m.value(), d.get("heapAfterGcMiB")));
            }
        }
        return md.toString();
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "—";
        }
        if (Math.abs(v) >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.2f", v);
    }

    /** Writes results.json and results.md into {@code directory}. */
    public void write(Path directory) throws IOException {
        Files.createDirectories(directory);
        Map<String, Object> json = new LinkedHashMap<>(run);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Measurement m : measurements) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("stage", m.stage());
            row.put("scale", m.scale());
            row.put("metric", m.metric());
            row.put("value", finite(m.value()));
            row.put("unit", m.unit());
            row.put("baseline", m.baseline());
            row.put("baselineValue", finite(m.baselineValue()));
            row.put("ratio", finite(m.ratio()));
            row.put("higherIsBetter", m.higherIsBetter());
            row.put("target", finite(m.target()));
            row.put("meetsTarget", m.meetsTarget());
            row.put("details", m.details());
            rows.add(row);
        }
        json.put("measurements", rows);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(directory.resolve("results.json").toFile(), json);
        StringBuilder md = new StringBuilder("# Benchmark results\n\n");
        run.forEach((k, v) -> md.append("* **").append(k).append("**: ").append(v).append('\n'));
        md.append('\n').append(markdown());
        md.append("\n## Cost growth by scale\n\n").append(growth());
        md.append("\nDetails of every row (sizes, seconds, heap, errors, settings): `results.json`.\n");
        Files.writeString(directory.resolve("results.md"), md.toString());
    }

    private static Double finite(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? null : v;
    }
}
