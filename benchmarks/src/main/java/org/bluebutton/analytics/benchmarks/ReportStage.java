package org.bluebutton.analytics.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;

/**
 * Stage 6: the annual report of the history's last year (600 organizations, ten years of aggregates
 * on the topics, as the streams stage published them), generated in a child JVM of {@code -Xmx1g}
 * by {@link ReportProbe}: seconds and peak heap. There is no external tool doing the same work, so
 * this row has no baseline.
 */
public final class ReportStage {

    private final BenchPipeline pipeline;
    private final Path work;

    /** Reports from {@code pipeline}'s broker into {@code work}. */
    public ReportStage(BenchPipeline pipeline, Path work) {
        this.pipeline = pipeline;
        this.work = work;
    }

    /** Runs the report for {@code year} with {@code organizations} organizations and {@code years} years on the topics. */
    public List<Measurement> run(String scaleName, int year, int organizations, int years) throws Exception {
        String out = ChildJvm.run(List.of("-Xmx1g"), ReportProbe.class.getName(), List.of(pipeline.stack().bootstrapServers(),
                pipeline.stack().schemaRegistryUrl(), Integer.toString(year), work.resolve("report-" + year).toString(),
                pipeline.catchUp().applicationId()), 900);
        String[] lines = out.strip().split("\n");
        JsonNode result = new ObjectMapper().readTree(lines[lines.length - 1]);
        String what = "annual report " + year + " (" + organizations + " organizations × " + years + " years on the topics)";
        Measurement time = Measurement.of("report", scaleName, what + ": seconds", result.get("seconds").asDouble(), "s",
                "—", Double.NaN, false, Double.NaN)
                .with("recordsRead", result.get("recordsRead").asLong()).with("rowsWritten", result.get("rowsWritten").asLong())
                .with("childJvm", "-Xmx1g");
        Measurement heap = Measurement.of("report", scaleName, what + ": peak heap", result.get("peakHeapMiB").asDouble(), "MiB",
                "—", Double.NaN, false, Double.NaN)
                .with("heapAfterGcMiB", result.get("heapAfterGcMiB").asDouble());
        return List.of(time, heap);
    }
}
