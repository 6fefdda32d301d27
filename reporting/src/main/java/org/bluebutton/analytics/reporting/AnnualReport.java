package org.bluebutton.analytics.reporting;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.bluebutton.analytics.reporting.catchup.StreamsLagCheck;
import org.bluebutton.analytics.reporting.dataset.Dataset;
import org.bluebutton.analytics.reporting.dataset.Datasets;
import org.bluebutton.analytics.reporting.dataset.ParquetDatasetWriter;
import org.bluebutton.analytics.reporting.model.ReportSnapshot;
import org.bluebutton.analytics.reporting.model.SnapshotTables;
import org.bluebutton.analytics.reporting.output.FileDigest;
import org.bluebutton.analytics.reporting.output.Manifest;
import org.bluebutton.analytics.reporting.output.OutputDirectory;
import org.bluebutton.analytics.reporting.output.OutputException;
import org.bluebutton.analytics.reporting.render.CsvTables;
import org.bluebutton.analytics.reporting.render.HtmlReport;
import org.bluebutton.analytics.reporting.render.PdfReport;
import org.bluebutton.analytics.reporting.render.ReportFigures;
import org.bluebutton.analytics.reporting.snapshot.SnapshotOffsets;
import org.bluebutton.analytics.reporting.snapshot.SnapshotReader;
import org.bluebutton.analytics.reporting.snapshot.SourceTopics;
import org.bluebutton.analytics.reporting.snapshot.TopicRead;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClient;
import org.bluebutton.analytics.schemas.registry.SchemaRegistryClientConfig;
import org.bluebutton.analytics.schemas.topic.TopicSpec;

/**
 * The in-process entry point of the annual report: snapshot, datasets, HTML, PDF, manifest, publish.
 * The command line ({@link org.bluebutton.analytics.reporting.cli.ReportCommand}) and the local run
 * call {@link #run}.
 *
 * <p>Output layout under {@code --out}: what may be published apart from what may not, so that a
 * folder can be handed on (or a web server pointed at it) without sorting files.
 * <pre>
 * manifest.json
 * public/annual-report-&lt;year&gt;.html                    suppressed
 * public/annual-report-&lt;year&gt;.pdf                     suppressed
 * public/tables/&lt;table&gt;.csv                           the report's tables, suppressed
 * restricted/datasets/&lt;dataset&gt;/year=&lt;year&gt;/part-00000.parquet   exact figures, for analysts only
 * </pre>
 */
public final class AnnualReport {

    private AnnualReport() {
    }

    /** Runs the report; on any failure the previous output is left as it was. */
    public static ReportResult run(ReportOptions options, ReportProgress progress) {
        long started = System.nanoTime();
        SourceTopics topics = SourceTopics.withPrefix(options.topicPrefix());
        SchemaRegistryClient registry = registry(options);
        try (OutputDirectory output = OutputDirectory.prepare(options.out())) {
            Manifest.StreamsCheck streams = StreamsLagCheck.run(options);
            progress.streamsChecked(streams.applicationId(), streams.caughtUp(), streams.lag());
            SnapshotTables tables = new SnapshotTables(options.period());
            Map<String, long[]> recordsRead = new LinkedHashMap<>();
            List<TopicRead<?, ?>> reads = List.of(
                    read(topics.pledges(), registry, tables::pledge, recordsRead),
                    read(topics.engagementActivity(), registry, tables::engagementActivity, recordsRead),
                    read(topics.orgMonthly(), registry, tables::orgMonth, recordsRead),
                    read(topics.orgYearly(), registry, tables::orgYear, recordsRead),
                    read(topics.rollups(), registry, tables::rollup, recordsRead),
                    read(topics.pledgeCounts(), registry, tables::pledgeCount, recordsRead),
                    read(topics.engagementMetrics(), registry, tables::engagementMetric, recordsRead),
                    read(topics.dataQuality(), registry, tables::dataQuality, recordsRead),
                    read(topics.featuredStories(), registry, tables::featuredStory, recordsRead));
            SnapshotOffsets offsets = new SnapshotReader(options, registry, progress).read(reads);
            ReportSnapshot snapshot = tables.toSnapshot(offsets);

            Path staging = output.staging();
            List<Manifest.FileEntry> files = new ArrayList<>();
            Path restricted = staging.resolve(Manifest.RESTRICTED);
            ParquetDatasetWriter writer = new ParquetDatasetWriter();
            for (Dataset<?> dataset : Datasets.of(snapshot)) {
                Path file = writer.write(dataset, restricted);
                files.add(entry(staging, file, Manifest.RESTRICTED, dataset.rowCount(), progress));
            }
            ReportFigures figures = ReportFigures.of(snapshot);
            String title = options.period().title();
            String html = HtmlReport.render(snapshot, figures, ToolVersion.version());
            String name = Manifest.PUBLIC + "/" + options.period().fileName();
            files.add(entry(staging, write(staging, name + ".html", html.getBytes(StandardCharsets.UTF_8)), Manifest.PUBLIC, null, progress));
            files.add(entry(staging, write(staging, name + ".pdf", PdfReport.render(html, title)), Manifest.PUBLIC, null, progress));
            for (CsvTables.Table table : CsvTables.of(snapshot, figures)) {
                files.add(entry(staging, write(staging, Manifest.PUBLIC + "/tables/" + table.fileName(), table.bytes()), Manifest.PUBLIC,
                        null, progress));
            }

            List<Manifest.Source> sources = new ArrayList<>();
            offsets.endOffsets().forEach((topic, ends) -> sources.add(new Manifest.Source(topic, ends, recordsRead.get(topic)[0])));
            Manifest manifest = new Manifest(ToolVersion.TOOL, ToolVersion.version(), options.year(),
                    options.through() == null ? null : options.through().toString(),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), streams, sources, files);
            Path manifestFile = manifest.writeTo(staging);
            progress.fileWritten(Manifest.FILE_NAME, -1, size(manifestFile));
            output.publish();
            return new ReportResult(output.target(), manifest, Duration.ofNanos(System.nanoTime() - started));
        }
    }

    private static SchemaRegistryClient registry(ReportOptions options) {
        try {
            return new SchemaRegistryClient(new SchemaRegistryClientConfig(URI.create(options.schemaRegistryUrl()),
                    options.registrySecurity().basicAuthUserInfo(), options.registrySecurity().sslContext(),
                    options.connectTimeout(), options.connectTimeout()));
        } catch (IllegalArgumentException e) {
            throw new InvalidReportOptionException("--schema-registry-url " + options.schemaRegistryUrl() + " is not a usable URL: " + e.getMessage());
        }
    }

    /** Reads {@code topic} with its own deserializers into {@code table}, counting its records. */
    private static <K, V extends SpecificRecord> TopicRead<K, V> read(TopicSpec<K, V> topic, SchemaRegistryClient registry,
            java.util.function.BiConsumer<K, V> table, Map<String, long[]> recordsRead) {
        long[] count = recordsRead.computeIfAbsent(topic.name(), t -> new long[1]);
        return new TopicRead<>(topic, topic.keyDeserializer(registry), topic.valueDeserializer(registry), (key, value, partition, offset) -> {
            count[0]++;
            table.accept(key, value);
        });
    }

    private static Path write(Path staging, String relativePath, byte[] bytes) {
        Path file = staging.resolve(relativePath);
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new OutputException(staging, "could not write " + relativePath + ": " + e.getMessage(), e);
        }
    }

    private static Manifest.FileEntry entry(Path staging, Path file, String access, Long rows, ReportProgress progress) {
        String relative = staging.relativize(file).toString().replace('\\', '/');
        long bytes = size(file);
        Manifest.FileEntry entry = new Manifest.FileEntry(relative, access, rows, bytes, FileDigest.sha256(file));
        progress.fileWritten(relative, rows == null ? -1 : rows, bytes);
        return entry;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new OutputException(file, e.getMessage(), e);
        }
    }
}
