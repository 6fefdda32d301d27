package org.bluebutton.analytics.reporting.output;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;

/**
 * {@code manifest.json}: what a run read and what it wrote, so every number traces back to Kafka.
 * {@link #generatedAt()} is the only value that differs between two runs on the same offsets; it
 * appears nowhere else in the output.
 *
 * @param tool tool name
 * @param toolVersion tool version (the Maven project version)
 * @param year the report year
 * @param through the last day of a year-to-date report; absent for a whole year
 * @param generatedAt when the run finished writing, ISO-8601 UTC (e.g. {@code 2026-01-15T09:30:00Z})
 * @param streams what the check of the streams application found before the snapshot
 * @param sources every source topic with the end offset read up to, per partition, and the records read
 * @param files every other file of the output, by path, each marked public or restricted
 */
@JsonPropertyOrder({"tool", "toolVersion", "year", "through", "generatedAt", "streams", "sources", "files"})
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(String tool, String toolVersion, int year, String through, String generatedAt, StreamsCheck streams, List<Source> sources,
        List<FileEntry> files) {

    /** Folder of the outputs that may be published: the report and its suppressed tables. */
    public static final String PUBLIC = "public";
    /** Folder of the exact, unsuppressed datasets: for analysts with access to restricted data, never for publication. */
    public static final String RESTRICTED = "restricted";

    /**
     * The state of the streams application when the snapshot was taken.
     *
     * @param applicationId the application checked
     * @param caughtUp it had committed everything it read
     * @param lagIgnored it had not, and the run went ahead because it was told to ({@code --ignore-streams-lag}):
     *     figures may miss records streams had read but not committed
     * @param lag the lag found, for people ("caught up" when none)
     */
    @JsonPropertyOrder({"applicationId", "caughtUp", "lagIgnored", "lag"})
    public record StreamsCheck(String applicationId, boolean caughtUp, boolean lagIgnored, String lag) {
    }

    /** File name of the manifest in the output directory. */
    public static final String FILE_NAME = "manifest.json";

    /**
     * One source topic.
     *
     * @param topic topic name
     * @param endOffsets partition → end offset (exclusive) the topic was read up to
     * @param recordsRead records read below those offsets
     */
    @JsonPropertyOrder({"topic", "endOffsets", "recordsRead"})
    public record Source(String topic, SortedMap<Integer, Long> endOffsets, long recordsRead) {
    }

    /**
     * One output file.
     *
     * @param path path relative to the output directory, with forward slashes
     * @param access {@value #PUBLIC} (may be published: suppressed) or {@value #RESTRICTED} (exact figures)
     * @param rows rows of a Parquet file; absent for documents
     * @param bytes file size
     * @param sha256 hex SHA-256 of the file's bytes
     */
    @JsonPropertyOrder({"path", "access", "rows", "bytes", "sha256"})
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FileEntry(String path, String access, Long rows, long bytes, String sha256) {
    }

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** Writes the manifest as {@value #FILE_NAME} in {@code directory}. */
    public Path writeTo(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        try {
            JSON.writeValue(file.toFile(), this);
            return file;
        } catch (IOException e) {
            throw new OutputException(directory, "could not write " + FILE_NAME + ": " + e.getMessage(), e);
        }
    }

    /** Reads a manifest written by {@link #writeTo}. */
    public static Manifest readFrom(Path directory) {
        try {
            return JSON.readValue(directory.resolve(FILE_NAME).toFile(), Manifest.class);
        } catch (IOException e) {
            throw new OutputException(directory, "could not read " + FILE_NAME + ": " + e.getMessage(), e);
        }
    }
}
