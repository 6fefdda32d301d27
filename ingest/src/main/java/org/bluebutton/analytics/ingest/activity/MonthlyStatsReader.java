package org.bluebutton.analytics.ingest.activity;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.bluebutton.analytics.ingest.validation.BatchTooLargeException;
import org.bluebutton.analytics.ingest.validation.IngestLimits;
import org.bluebutton.analytics.ingest.validation.InvalidRequestException;
import org.bluebutton.analytics.ingest.validation.RequestText;
import org.bluebutton.analytics.ingest.validation.Violation;
import org.bluebutton.analytics.ingest.validation.Violations;
import org.bluebutton.analytics.schemas.event.AccessSnapshot;
import org.bluebutton.analytics.schemas.event.ActivityChannel;
import org.bluebutton.analytics.schemas.event.DownloadActivity;

/**
 * Reads the monthly statistics spreadsheet a small data holder sends, as CSV with the header
 * {@code month,patients_with_access,views,downloads,transmits} (any order, any case). Each row is
 * a completed month ({@code YYYY-MM}, before the current month UTC); an empty cell means "not
 * reported". A row becomes an access snapshot dated the last day of the month and one
 * pre-aggregated download-activity event per non-zero count, spanning the month.
 *
 * <p>Event ids are derived from the organization, month and metric, so uploading the same file again
 * never doubles anything. A snapshot's id also covers the whole file's digest: any other upload of a
 * month (a correction, or a correction undone) is a new snapshot that supersedes the earlier one.
 * Corrected activity counts for a month already reported keep the first upload's figures (same
 * event id): counts, unlike gauges, cannot be superseded without risking double counting.
 */
public final class MonthlyStatsReader {

    public static final List<String> COLUMNS = List.of("month", "patients_with_access", "views", "downloads", "transmits");
    /** Activity columns in the order their events are published. */
    private static final Map<String, ActivityChannel> ACTIVITY_COLUMNS = new LinkedHashMap<>(Map.of(
            "views", ActivityChannel.VIEW, "downloads", ActivityChannel.DOWNLOAD, "transmits", ActivityChannel.TRANSMIT));
    private static final long MAX_VALUE = IngestLimits.MAX_FIGURE;

    private final IngestLimits limits;
    private final Clock clock;

    public MonthlyStatsReader(IngestLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
    }

    /** An upload read: its events in row order, and its rows as parsed. */
    public record Upload(List<SpecificRecord> events, List<Receipt.MonthlyRow> rows) {
    }

    /** The events of the upload, in row order, or every problem with it. */
    public List<SpecificRecord> read(String orgId, byte[] body) {
        return readUpload(orgId, body).events();
    }

    /** The events and rows of the upload, in row order, or every problem with it. */
    public Upload readUpload(String orgId, byte[] body) {
        Instant now = clock.instant();
        YearMonth current = YearMonth.from(now.atOffset(ZoneOffset.UTC));
        YearMonth earliest = YearMonth.from(limits.earliestEventTime().atOffset(ZoneOffset.UTC));
        List<CSVRecord> rows = parse(body, limits.maxBatchItems());
        String upload = sha256(body);
        if (rows.isEmpty()) {
            throw InvalidRequestException.of("Empty upload", "the CSV has a header but no rows");
        }
        if (rows.size() > limits.maxBatchItems()) {
            throw new BatchTooLargeException(rows.size(), limits.maxBatchItems());
        }
        Violations violations = new Violations();
        List<SpecificRecord> events = new ArrayList<>();
        List<Receipt.MonthlyRow> parsed = new ArrayList<>();
        Map<YearMonth, Integer> rowOfMonth = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            CSVRecord row = rows.get(i);
            int before = violations.size();
            if (row.size() != COLUMNS.size()) {
                violations.add(new Violation(i, null, "has " + row.size() + " cells, expected " + COLUMNS.size()));
                continue;
            }
            YearMonth month = month(row.get("month"), i, earliest, current, violations);
            Long patients = number(row, "patients_with_access", i, violations);
            Map<ActivityChannel, Long> counts = new HashMap<>();
            for (Map.Entry<String, ActivityChannel> column : ACTIVITY_COLUMNS.entrySet()) {
                Long count = number(row, column.getKey(), i, violations);
                if (count != null) {
                    counts.put(column.getValue(), count);
                }
            }
            if (patients == null && counts.isEmpty() && violations.size() == before) {
                violations.add(new Violation(i, null, "reports nothing: every figure is empty"));
            }
            if (month != null) {
                Integer first = rowOfMonth.putIfAbsent(month, i);
                if (first != null) {
                    violations.add(new Violation(i, "month", "repeats month " + month + " of row " + first));
                }
            }
            if (violations.size() == before) {
                events.addAll(eventsOf(orgId, month, patients, counts, upload, now));
                parsed.add(new Receipt.MonthlyRow(month.toString(), patients, counts.get(ActivityChannel.VIEW), counts.get(ActivityChannel.DOWNLOAD),
                        counts.get(ActivityChannel.TRANSMIT)));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("Invalid monthly statistics", violations);
        }
        return new Upload(events, parsed);
    }

    private static List<SpecificRecord> eventsOf(String orgId, YearMonth month, Long patients,
            Map<ActivityChannel, Long> counts, String upload, Instant now) {
        List<SpecificRecord> events = new ArrayList<>();
        if (patients != null) {
            events.add(new AccessSnapshot(eventId(orgId, month, "patients_with_access|" + upload), orgId,
                    month.atEndOfMonth(), patients, null, null, now));
        }
        Instant start = month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        Instant end = month.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        for (ActivityChannel channel : ACTIVITY_COLUMNS.values()) {
            Long count = counts.get(channel);
            if (count != null && count > 0) {
                events.add(DownloadActivity.newBuilder()
                        .setEventId(eventId(orgId, month, channel.name()))
                        .setOrgId(orgId)
                        .setOccurredAt(start)
                        .setIntervalEnd(end)
                        .setChannel(channel)
                        .setFormat(null)
                        .setCount(count)
                        .setReceivedAt(now)
                        .build());
            }
        }
        return events;
    }

    /** A name-based UUID: the same organization, month and metric always give the same id. */
    static String eventId(String orgId, YearMonth month, String metric) {
        return UUID.nameUUIDFromBytes(("monthly-stats|" + orgId + "|" + month + "|" + metric)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }

    private static YearMonth month(String text, int row, YearMonth earliest, YearMonth current, Violations violations) {
        try {
            YearMonth month = YearMonth.parse(text.trim());
            if (month.isBefore(earliest) || !month.isBefore(current)) {
                violations.add(new Violation(row, "month", "must be a completed month from " + earliest
                        + " up to " + current.minusMonths(1) + ", got " + month));
                return null;
            }
            return month;
        } catch (DateTimeParseException e) {
            violations.add(new Violation(row, "month", "must be a month YYYY-MM, got '" + abbreviate(text) + "'"));
            return null;
        }
    }

    private static Long number(CSVRecord row, String column, int index, Violations violations) {
        String text = row.get(column).trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            long value = Long.parseLong(text);
            if (value < 0 || value > MAX_VALUE) {
                violations.add(new Violation(index, column, "must be between 0 and " + MAX_VALUE + ", got " + value));
                return null;
            }
            return value;
        } catch (NumberFormatException e) {
            violations.add(new Violation(index, column, "must be a whole number without separators, got '"
                    + abbreviate(text) + "'"));
            return null;
        }
    }

    /** The rows, read one by one: reading stops at the first row over {@code maxRows} (413), not after the whole upload. */
    private static List<CSVRecord> parse(byte[] body, int maxRows) {
        int start = RequestText.requireUtf8(body);
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .setIgnoreHeaderCase(true)
                .get();
        List<String> header;
        List<CSVRecord> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder()
                .setReader(new InputStreamReader(new ByteArrayInputStream(body, start, body.length - start), StandardCharsets.UTF_8))
                .setFormat(format).get()) {
            header = parser.getHeaderNames().stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
            for (CSVRecord row : parser) {
                if (rows.size() == maxRows) {
                    throw new BatchTooLargeException(maxRows);
                }
                rows.add(row);
            }
        } catch (BatchTooLargeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Commons CSV reports malformed input (e.g. an unclosed quote, a repeated header) this way.
            throw InvalidRequestException.of("Malformed CSV", String.valueOf(e.getMessage()));
        }
        if (!header.stream().sorted().toList().equals(COLUMNS.stream().sorted().toList())) {
            throw InvalidRequestException.of("Invalid CSV header",
                    "the header must name exactly the columns " + String.join(",", COLUMNS) + "; got " + header);
        }
        return rows;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }
}
