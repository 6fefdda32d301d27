package org.bluebutton.analytics.ingest.activity;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.bluebutton.analytics.schemas.event.AccessSnapshot;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.event.EngagementActivity;

/**
 * What one accepted submission put on Kafka, for the data holder to keep: an id to quote, how many events of
 * each kind, and per month (UTC, of the event time) the totals exactly as accepted in this submission —
 * activity per channel, the access snapshot that stands for the month within it, engagement activities. The
 * totals are this submission's alone: an event id sent before counts once in the program's figures, so a
 * resent batch's receipt repeats its totals while the figures do not grow.
 *
 * @param submissionId a new random id per accepted request (a retry gets a new one)
 * @param counts events per kind: {@code downloadActivity}, {@code accessSnapshots}, {@code engagementActivities}
 * @param months the months the submission covers, oldest first
 * @param rows for a monthly CSV upload, the rows as parsed (an empty cell is null); null otherwise
 */
public record Receipt(String submissionId, Map<String, Integer> counts, List<MonthTotals> months, List<MonthlyRow> rows) {

    /** One month's totals as accepted; {@code patientsWithAccess} and {@code accessAsOf} are null without a snapshot in it. */
    public record MonthTotals(String month, long views, long downloads, long transmits, long apiAccesses, int downloadEvents,
            Long patientsWithAccess, LocalDate accessAsOf, int accessSnapshots, int engagementActivities) {
    }

    /** A monthly-statistics row as parsed: null where the cell was empty (not reported). */
    public record MonthlyRow(String month, Long patientsWithAccess, Long views, Long downloads, Long transmits) {
    }

    /** The receipt of {@code events} (and, for a CSV upload, its parsed {@code rows}). */
    static Receipt of(List<? extends SpecificRecord> events, List<MonthlyRow> rows) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<YearMonth, Month> months = new TreeMap<>();
        for (SpecificRecord event : events) {
            if (event instanceof DownloadActivity download) {
                counts.merge("downloadActivity", 1, Integer::sum);
                months.computeIfAbsent(YearMonth.from(download.getOccurredAt().atOffset(ZoneOffset.UTC)), m -> new Month()).add(download);
            } else if (event instanceof AccessSnapshot snapshot) {
                counts.merge("accessSnapshots", 1, Integer::sum);
                months.computeIfAbsent(YearMonth.from(snapshot.getAsOf()), m -> new Month()).add(snapshot);
            } else if (event instanceof EngagementActivity engagement) {
                counts.merge("engagementActivities", 1, Integer::sum);
                months.computeIfAbsent(YearMonth.from(engagement.getOccurredOn()), m -> new Month()).engagementActivities++;
            }
        }
        List<MonthTotals> totals = new ArrayList<>();
        months.forEach((month, sums) -> totals.add(sums.totals(month)));
        return new Receipt(UUID.randomUUID().toString(), counts, totals, rows);
    }

    /** The number of events accepted. */
    public int accepted() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    private static final class Month {
        private long views;
        private long downloads;
        private long transmits;
        private long apiAccesses;
        private int downloadEvents;
        private AccessSnapshot standing;
        private int accessSnapshots;
        private int engagementActivities;

        void add(DownloadActivity download) {
            downloadEvents++;
            switch (download.getChannel()) {
                case VIEW -> views += download.getCount();
                case DOWNLOAD -> downloads += download.getCount();
                case TRANSMIT -> transmits += download.getCount();
                case API -> apiAccesses += download.getCount();
                default -> { } // a channel added later: counted as an event, in no channel's total
            }
        }

        /** The month's snapshot with the latest date stands, as in the program's figures (ties: the later in the submission). */
        void add(AccessSnapshot snapshot) {
            accessSnapshots++;
            if (standing == null || !snapshot.getAsOf().isBefore(standing.getAsOf())) {
                standing = snapshot;
            }
        }

        MonthTotals totals(YearMonth month) {
            return new MonthTotals(month.toString(), views, downloads, transmits, apiAccesses, downloadEvents,
                    standing == null ? null : standing.getPatientsWithAccess(), standing == null ? null : standing.getAsOf(), accessSnapshots,
                    engagementActivities);
        }
    }
}
