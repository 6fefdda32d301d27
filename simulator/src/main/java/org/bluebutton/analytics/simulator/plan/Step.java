package org.bluebutton.analytics.simulator.plan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.bluebutton.analytics.simulator.program.Channel;

/** One request (or, for a new organization, the pair create + issue key) an organization makes. */
public sealed interface Step {

    /** The organization making the request, whose requests are sent in order. */
    String orgId();

    /** Staff create the organization with its pledge (pledgedAt set) and issue its API key. */
    record CreateOrganization(Organization organization) implements Step {
        @Override
        public String orgId() {
            return organization.orgId();
        }
    }

    /**
     * The organization reports download activity. {@code late} marks a batch planned to arrive after
     * its month closed (the ground truth decides lateness itself, from what was acknowledged).
     */
    record ReportDownloads(String orgId, BatchFormat format, List<DownloadEvent> events, boolean late) implements Step {
        public ReportDownloads {
            events = List.copyOf(events);
        }
    }

    /** The organization reports patients with access. */
    record ReportSnapshots(String orgId, BatchFormat format, List<Snapshot> snapshots) implements Step {
        public ReportSnapshots {
            snapshots = List.copyOf(snapshots);
        }
    }

    /** The organization reports engagement activities. */
    record ReportEngagement(String orgId, BatchFormat format, List<Engagement> activities) implements Step {
        public ReportEngagement {
            activities = List.copyOf(activities);
        }
    }

    /**
     * The organization uploads monthly statistics as CSV. ingest turns each row into a snapshot dated
     * the month's last day and one month-long activity event per non-zero count; this record derives
     * the same events with the same ids (README "Monthly CSV"), so the ground truth can count them.
     */
    record UploadMonthlyStats(String orgId, List<MonthlyStatsRow> rows) implements Step {

        public static final String HEADER = "month,patients_with_access,views,downloads,transmits";

        public UploadMonthlyStats {
            rows = List.copyOf(rows);
        }

        /** The CSV text sent; its bytes (UTF-8) are digested into the snapshot ids. */
        public String body() {
            StringBuilder csv = new StringBuilder(HEADER).append('\n');
            for (MonthlyStatsRow row : rows) {
                csv.append(row.month()).append(',').append(cell(row.patientsWithAccess())).append(',')
                        .append(cell(row.views())).append(',').append(cell(row.downloads())).append(',')
                        .append(cell(row.transmits())).append('\n');
            }
            return csv.toString();
        }

        /** The snapshots ingest makes of this upload. */
        public List<Snapshot> derivedSnapshots() {
            String digest = sha256(body().getBytes(StandardCharsets.UTF_8));
            List<Snapshot> snapshots = new ArrayList<>();
            for (MonthlyStatsRow row : rows) {
                if (row.patientsWithAccess() != null) {
                    snapshots.add(new Snapshot(eventId(orgId, row.month(), "patients_with_access|" + digest),
                            row.month().atEndOfMonth(), row.patientsWithAccess(), null, null));
                }
            }
            return snapshots;
        }

        /** The month-long activity events ingest makes of this upload (one per non-zero count). */
        public List<DownloadEvent> derivedDownloads() {
            List<DownloadEvent> events = new ArrayList<>();
            for (MonthlyStatsRow row : rows) {
                LocalDate first = row.month().atDay(1);
                var start = first.atStartOfDay(ZoneOffset.UTC).toInstant();
                var end = first.plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
                addIfCounted(events, row.month(), Channel.VIEW, row.views(), start, end);
                addIfCounted(events, row.month(), Channel.DOWNLOAD, row.downloads(), start, end);
                addIfCounted(events, row.month(), Channel.TRANSMIT, row.transmits(), start, end);
            }
            return events;
        }

        private void addIfCounted(List<DownloadEvent> events, YearMonth month, Channel channel, Long count,
                java.time.Instant start, java.time.Instant end) {
            if (count != null && count > 0) {
                events.add(new DownloadEvent(eventId(orgId, month, channel.name()), start, end, channel, null, count));
            }
        }

        /** ingest's name-based id: the same organization, month and metric always give the same id. */
        static String eventId(String orgId, YearMonth month, String metric) {
            return UUID.nameUUIDFromBytes(("monthly-stats|" + orgId + "|" + month + "|" + metric)
                    .getBytes(StandardCharsets.UTF_8)).toString();
        }

        private static String cell(Long value) {
            return value == null ? "" : value.toString();
        }

        private static String sha256(byte[] bytes) {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("Every JVM has SHA-256", e);
            }
        }
    }

    /** The exact resend of an earlier batch of the same organization (same body, same event ids): a client retry. */
    record Resend(Step original) implements Step {
        public Resend {
            if (!(original instanceof ReportDownloads || original instanceof ReportSnapshots
                    || original instanceof ReportEngagement || original instanceof UploadMonthlyStats)) {
                throw new IllegalArgumentException("Only batches are resent, not " + original.getClass().getSimpleName());
            }
        }

        @Override
        public String orgId() {
            return original.orgId();
        }
    }

    /** Staff replace the profile to correct its category (same type); status and pledgedAt stay. */
    record CorrectCategory(Organization corrected) implements Step {
        @Override
        public String orgId() {
            return corrected.orgId();
        }
    }

    /** Staff withdraw the organization's pledge (its key is revoked: it sends nothing afterwards). */
    record Withdraw(String orgId) implements Step {
    }

    /** The organization (or staff, for a profile) sends a malformed request, which must be refused. */
    record SendMalformed(String orgId, MalformedRequest request) implements Step {
    }
}
