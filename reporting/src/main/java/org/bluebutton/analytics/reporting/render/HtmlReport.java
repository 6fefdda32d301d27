package org.bluebutton.analytics.reporting.render;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.bluebutton.analytics.disclosure.Cell;
import org.bluebutton.analytics.disclosure.CellSuppressor;
import org.bluebutton.analytics.reporting.model.ReportSnapshot;
import org.bluebutton.analytics.schemas.aggregate.DataQualityMetrics;
import org.bluebutton.analytics.schemas.aggregate.EngagementMetrics;
import org.bluebutton.analytics.schemas.aggregate.PledgeCounts;
import org.bluebutton.analytics.schemas.event.EngagementActivity;
import org.bluebutton.analytics.schemas.event.EngagementType;
import org.bluebutton.analytics.schemas.event.OrganizationType;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.PledgeStatus;

/**
 * Renders the annual report as one self-contained HTML document (inline CSS and SVG, no scripts, no
 * external resources). The same markup is the PDF's source. Every figure derived from patients goes
 * through {@link ReportFigures} (suppressed); organization counts, engagement and data-quality
 * figures are not patient data and are shown as they are. Nothing time-dependent is written, so the
 * same snapshot gives the same bytes.
 */
public final class HtmlReport {

    private static final NumberFormat INTEGER = NumberFormat.getIntegerInstance(Locale.US);
    private static final List<Measure> ACTIVITY = List.of(Measure.VIEWS, Measure.DOWNLOADS, Measure.TRANSMITS, Measure.API_ACCESSES);

    private HtmlReport() {
    }

    /** The report for {@code snapshot}'s year; {@code toolVersion} is printed in the sources appendix. */
    public static String render(ReportSnapshot snapshot, String toolVersion) {
        ReportFigures figures = ReportFigures.of(snapshot);
        int year = snapshot.year();
        StringBuilder html = new StringBuilder(64 * 1024);
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>Blue Button Pledge Program — Annual Report ")
                .append(year).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        html.append("<h1>Blue Button Pledge Program — Annual Report ").append(year).append("</h1>\n");
        html.append("<p class=\"lead\">Organizations that pledged to give patients electronic access to their health records, and what ")
                .append("happened in ").append(year).append(". Counts from 1 to 10 are shown as <b>&lt;11</b>; figures marked <b>*</b> are ")
                .append("withheld so that a small count cannot be worked out from a total (see Methodology).</p>\n");
        headline(html, snapshot, figures);
        charts(html, snapshot, figures);
        groupTable(html, "categories", "Activity by organization category", "Category", figures.categories());
        groupTable(html, "states", "Activity by state", "State", figures.states());
        dataHolders(html, figures);
        engagement(html, snapshot);
        dataQuality(html, snapshot, figures);
        methodology(html);
        sources(html, snapshot, toolVersion);
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    private static void headline(StringBuilder html, ReportSnapshot snapshot, ReportFigures figures) {
        int year = snapshot.year();
        html.append("<section id=\"headline\">\n<h2>").append(year).append(" at a glance</h2>\n<table class=\"headline\">\n")
                .append("<tr><th>Figure</th><th class=\"num\">").append(year).append("</th><th class=\"num\">").append(year - 1)
                .append("</th><th class=\"num\">Change</th></tr>\n");
        for (OrganizationType type : List.of(OrganizationType.DATA_HOLDER, OrganizationType.NON_DATA_HOLDER)) {
            String noun = type == OrganizationType.DATA_HOLDER ? "Data holders" : "Non-data holders";
            String key = type == OrganizationType.DATA_HOLDER ? "data-holders" : "non-data-holders";
            long active = snapshot.pledgeYear(year, type).map(PledgeCounts::getActiveAtEnd).orElse(0);
            long activeBefore = snapshot.pledgeYear(year - 1, type).map(PledgeCounts::getActiveAtEnd).orElse(0);
            long fresh = snapshot.pledgeYear(year, type).map(PledgeCounts::getNewPledges).orElse(0);
            long freshBefore = snapshot.pledgeYear(year - 1, type).map(PledgeCounts::getNewPledges).orElse(0);
            headlineRow(html, key + "-pledged", noun + " pledged at year end", plain(active), plain(activeBefore));
            headlineRow(html, key + "-new", "New " + noun.toLowerCase(Locale.ROOT) + " pledges", plain(fresh), plain(freshBefore));
        }
        headlineRow(html, "patients-with-access", "Patients with access", figures.programYear().get(Measure.PATIENTS_WITH_ACCESS),
                figures.previousYear().get(Measure.PATIENTS_WITH_ACCESS));
        for (Measure measure : ACTIVITY) {
            headlineRow(html, measure.name().toLowerCase(Locale.ROOT).replace('_', '-'), measure.label(), figures.programYear().get(measure),
                    figures.previousYear().get(measure));
        }
        html.append("</table>\n</section>\n");
    }

    private static void headlineRow(StringBuilder html, String metric, String label, Cell current, Cell previous) {
        html.append("<tr data-metric=\"").append(metric).append("\"><th>").append(Html.escape(label)).append("</th><td class=\"num value\">")
                .append(current.text()).append("</td><td class=\"num previous\">").append(previous.text()).append("</td><td class=\"num change\">")
                .append(change(current, previous)).append("</td></tr>\n");
    }

    /** Year-over-year change in percent, one decimal; "n/a" when either figure is withheld or the base is 0. */
    static String change(Cell current, Cell previous) {
        if (!current.published() || !previous.published() || previous.value() == 0) {
            return "n/a";
        }
        double percent = (current.value() - previous.value()) * 100.0 / previous.value();
        return String.format(Locale.ROOT, "%+.1f%%", percent);
    }

    private static void charts(StringBuilder html, ReportSnapshot snapshot, ReportFigures figures) {
        List<String> months = new ArrayList<>();
        for (int month = 1; month <= 12; month++) {
            months.add(java.time.Month.of(month).getDisplayName(TextStyle.SHORT, Locale.US));
        }
        html.append("<section id=\"charts\">\n<h2>Trends</h2>\n");
        List<SvgCharts.Series> activity = new ArrayList<>();
        for (Measure measure : List.of(Measure.VIEWS, Measure.DOWNLOADS, Measure.TRANSMITS)) {
            activity.add(new SvgCharts.Series(measure.label(), figures.programMonths().get(measure).stream()
                    .map(c -> c.published() ? c.value() : null).toList()));
        }
        figure(html, SvgCharts.lineChart("chart-monthly-activity", "Monthly activity, " + snapshot.year(), months, activity));
        figure(html, SvgCharts.barChart("chart-patients-by-category", "Patients with access by category", figures.categories().stream()
                .map(row -> new SvgCharts.Bar(label(row.group()), row.cells().get(Measure.PATIENTS_WITH_ACCESS))).toList()));
        List<SvgCharts.Series> pledges = new ArrayList<>();
        for (OrganizationType type : List.of(OrganizationType.DATA_HOLDER, OrganizationType.NON_DATA_HOLDER)) {
            Map<Integer, Long> byMonth = new TreeMap<>();
            for (PledgeCounts counts : snapshot.pledgeMonths(type)) {
                byMonth.put(counts.getMonth(), (long) counts.getActiveAtEnd());
            }
            List<Long> values = new ArrayList<>();
            for (int month = 1; month <= 12; month++) {
                values.add(byMonth.get(month));
            }
            pledges.add(new SvgCharts.Series(type == OrganizationType.DATA_HOLDER ? "Data holders" : "Non-data holders", values));
        }
        figure(html, SvgCharts.lineChart("chart-pledges", "Pledged organizations at month end, " + snapshot.year(), months, pledges));
        figure(html, SvgCharts.barChart("chart-downloads-by-state", "Downloads by state", figures.states().stream()
                .map(row -> new SvgCharts.Bar(row.group(), row.cells().get(Measure.DOWNLOADS))).toList()));
        html.append("</section>\n");
    }

    private static void figure(StringBuilder html, String svg) {
        html.append("<div class=\"chart\">\n").append(svg).append("</div>\n");
    }

    private static void groupTable(StringBuilder html, String id, String title, String groupHeading, List<ReportFigures.GroupRow> rows) {
        html.append("<section id=\"").append(id).append("\">\n<h2>").append(title).append("</h2>\n");
        if (rows.isEmpty()) {
            html.append("<p>No figures for this year.</p>\n</section>\n");
            return;
        }
        html.append("<table class=\"figures\">\n<tr><th>").append(groupHeading).append("</th><th class=\"num\">Organizations reporting</th>");
        for (Measure measure : Measure.values()) {
            html.append("<th class=\"num\">").append(measure.label()).append("</th>");
        }
        html.append("</tr>\n");
        for (ReportFigures.GroupRow row : rows) {
            html.append("<tr data-group=\"").append(Html.escape(row.group())).append("\"><td>").append(Html.escape(label(row.group())))
                    .append("</td><td class=\"num\">").append(INTEGER.format(row.organizationsReporting())).append("</td>");
            cells(html, row.cells());
            html.append("</tr>\n");
        }
        html.append("</table>\n</section>\n");
    }

    private static void dataHolders(StringBuilder html, ReportFigures figures) {
        html.append("<section id=\"data-holders\">\n<h2>Data holders that reported</h2>\n<p>Every data holder with an active pledge that ")
                .append("sent Blue Button stats for the year, whatever the size of its figures. — means no access snapshot was sent.</p>\n");
        if (figures.dataHolders().isEmpty()) {
            html.append("<p>No data holder reported this year.</p>\n</section>\n");
            return;
        }
        html.append("<table class=\"figures\">\n<tr><th>Organization</th><th>Category</th><th>State</th>");
        for (Measure measure : Measure.values()) {
            html.append("<th class=\"num\">").append(measure.label()).append("</th>");
        }
        html.append("</tr>\n");
        for (ReportFigures.DataHolderRow row : figures.dataHolders()) {
            html.append("<tr data-org=\"").append(Html.escape(row.orgId())).append("\"><td>").append(Html.escape(row.name())).append("</td><td>")
                    .append(Html.escape(label(row.category()))).append("</td><td>").append(Html.escape(row.state())).append("</td>");
            Map<Measure, Cell> cells = new EnumMap<>(row.cells());
            for (Measure measure : Measure.values()) {
                String text = measure == Measure.PATIENTS_WITH_ACCESS && !row.accessReported() ? "—" : cells.get(measure).text();
                html.append("<td class=\"num\" data-measure=\"").append(measure.name()).append("\">").append(text).append("</td>");
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n</section>\n");
    }

    private static void engagement(StringBuilder html, ReportSnapshot snapshot) {
        html.append("<section id=\"engagement\">\n<h2>Engagement by non-data holders</h2>\n");
        Map<EngagementType, long[]> byType = new EnumMap<>(EngagementType.class);
        for (EngagementMetrics metrics : snapshot.engagementMetrics()) {
            boolean nonDataHolder = snapshot.organization(metrics.getOrgId())
                    .map(p -> p.getOrganizationType() == OrganizationType.NON_DATA_HOLDER).orElse(false);
            if (nonDataHolder) {
                long[] sums = byType.computeIfAbsent(metrics.getEngagementType(), t -> new long[2]);
                sums[0] += metrics.getActivities();
                sums[1] += metrics.getPeopleReached();
            }
        }
        if (!byType.isEmpty()) {
            html.append("<table class=\"figures\" id=\"engagement-by-type\">\n<tr><th>Action</th><th class=\"num\">Actions</th><th class=\"num\">People reached</th></tr>\n");
            byType.forEach((type, sums) -> html.append("<tr><td>").append(label(type.name())).append("</td><td class=\"num\">")
                    .append(INTEGER.format(sums[0])).append("</td><td class=\"num\">").append(INTEGER.format(sums[1])).append("</td></tr>\n"));
            html.append("</table>\n");
        }
        List<EngagementActivity> stories = snapshot.engagementActivities().stream()
                .filter(a -> snapshot.organization(a.getOrgId()).map(p -> p.getOrganizationType() == OrganizationType.NON_DATA_HOLDER).orElse(false))
                .toList();
        if (stories.isEmpty()) {
            html.append("<p>No engagement stories were reported this year.</p>\n");
        }
        for (EngagementActivity story : stories) {
            Pledge org = snapshot.organization(story.getOrgId()).orElseThrow();
            html.append("<article class=\"story\" data-event=\"").append(Html.escape(story.getEventId())).append("\">\n<h3>")
                    .append(Html.escape(story.getTitle())).append("</h3>\n<p class=\"meta\">").append(Html.escape(org.getName())).append(" · ")
                    .append(label(story.getEngagementType().name())).append(" · ")
                    .append(story.getOccurredOn().format(DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.US)));
            if (story.getPeopleReached() != null) {
                html.append(" · ").append(INTEGER.format(story.getPeopleReached())).append(" people reached");
            }
            html.append("</p>\n");
            if (story.getStory() != null) {
                for (String paragraph : story.getStory().split("\\R\\s*\\R")) {
                    html.append("<p>").append(Html.escape(paragraph.strip())).append("</p>\n");
                }
            }
            if (story.getLink() != null) {
                html.append("<p class=\"link\"><a href=\"").append(Html.escape(story.getLink())).append("\">").append(Html.escape(story.getLink()))
                        .append("</a></p>\n");
            }
            html.append("</article>\n");
        }
        html.append("</section>\n");
    }

    private static void dataQuality(StringBuilder html, ReportSnapshot snapshot, ReportFigures figures) {
        int year = snapshot.year();
        LocalDate yearEnd = LocalDate.of(year + 1, 1, 1);
        long activeDataHolders = snapshot.organizations().values().stream()
                .filter(p -> p.getOrganizationType() == OrganizationType.DATA_HOLDER)
                .filter(p -> p.getPledgedAt().isBefore(yearEnd.atStartOfDay(java.time.ZoneOffset.UTC).toInstant()))
                .filter(p -> p.getStatus() == PledgeStatus.ACTIVE)
                .count();
        long reported = figures.dataHolders().size();
        long withAccess = figures.dataHolders().stream().filter(ReportFigures.DataHolderRow::accessReported).count();
        html.append("<section id=\"data-quality\">\n<h2>Appendix A — Data quality</h2>\n<table class=\"figures\" id=\"coverage\">\n")
                .append("<tr><th>Coverage</th><th class=\"num\">Organizations</th><th class=\"num\">Share</th></tr>\n");
        coverageRow(html, "active-data-holders", "Data holders with an active pledge", activeDataHolders, activeDataHolders);
        coverageRow(html, "reported", "… that sent stats for " + year, reported, activeDataHolders);
        coverageRow(html, "reported-access", "… that sent an access snapshot", withAccess, activeDataHolders);
        html.append("</table>\n");
        Map<String, long[]> byTopic = new TreeMap<>();
        for (DataQualityMetrics metrics : snapshot.dataQuality()) {
            long[] sums = byTopic.computeIfAbsent(metrics.getSourceTopic(), t -> new long[4]);
            sums[0] += metrics.getLateEvents();
            sums[1] += metrics.getLateCount();
            sums[2] += metrics.getDuplicateEvents();
            sums[3] += metrics.getDeadLetters();
        }
        html.append("<table class=\"figures\" id=\"set-aside\">\n<tr><th>Input topic</th><th class=\"num\">Late events</th>")
                .append("<th class=\"num\">Counts in late events</th><th class=\"num\">Duplicates dropped</th><th class=\"num\">Rejected (dead letters)</th></tr>\n");
        long[] all = new long[4];
        byTopic.forEach((topic, sums) -> {
            html.append("<tr data-topic=\"").append(Html.escape(topic)).append("\"><td>").append(Html.escape(topic)).append("</td>");
            for (int i = 0; i < 4; i++) {
                all[i] += sums[i];
                html.append("<td class=\"num\">").append(INTEGER.format(sums[i])).append("</td>");
            }
            html.append("</tr>\n");
        });
        html.append("<tr data-topic=\"all\" class=\"total\"><td>All input topics</td>");
        for (int i = 0; i < 4; i++) {
            html.append("<td class=\"num\">").append(INTEGER.format(all[i])).append("</td>");
        }
        html.append("</tr>\n</table>\n<p>Late events arrived after their month's grace period and are not in the published months; ")
                .append("duplicates are retries and redeliveries of events already counted; rejected records could not be read or broke a ")
                .append("rule and were set aside with the reason. None of them are in the figures above.</p>\n</section>\n");
    }

    private static void coverageRow(StringBuilder html, String key, String label, long count, long of) {
        String share = of == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%%", count * 100.0 / of);
        html.append("<tr data-coverage=\"").append(key).append("\"><td>").append(Html.escape(label)).append("</td><td class=\"num\">")
                .append(INTEGER.format(count)).append("</td><td class=\"num\">").append(share).append("</td></tr>\n");
    }

    private static void methodology(StringBuilder html) {
        html.append("<section id=\"methodology\">\n<h2>Appendix B — Methodology</h2>\n<dl>\n")
                .append("<dt>Activity (views, downloads, transmits, API accesses)</dt><dd>The sum of the counts of distinct (by event id) ")
                .append("activity events whose event time (UTC) falls in the period. Months and the year come from the same events, so the ")
                .append("months add up to the year.</dd>\n")
                .append("<dt>Patients with access</dt><dd>For an organization: the figure of its access snapshot with the latest date in the ")
                .append("period — a gauge, never summed over months. For a category, a state or the program: the sum of those ")
                .append("per-organization figures.</dd>\n")
                .append("<dt>Pledged organizations</dt><dd>New pledges by pledge date; withdrawals by the date of withdrawal; organizations ")
                .append("pledged at year end are those that had pledged by then and had not withdrawn. Organizations count in the category ")
                .append("and state of their current profile; a withdrawn organization's figures are removed from every total.</dd>\n")
                .append("<dt>Small-cell suppression</dt><dd>Counts derived from patients (patients with access and activity) from 1 to ")
                .append(CellSuppressor.MAX_SUPPRESSED).append(" are shown as &lt;11 (CMS cell-size rule); 0 is shown. Figures that add up to a ")
                .append("published total — categories and states to the program, data holders to their category and state, months to the ")
                .append("year — are checked together: wherever exactly one figure of such a group is withheld, the smallest other non-zero ")
                .append("figure of the group is withheld too (shown as *), or the total when there is none, until no withheld figure can be ")
                .append("recovered by subtraction. Year-over-year changes are shown only between published figures. Organization counts, ")
                .append("engagement and data-quality figures are not about patients and are not suppressed.</dd>\n")
                .append("<dt>Snapshot</dt><dd>All figures come from one snapshot of the pipeline's output topics: the end offset of every ")
                .append("partition was recorded first and each topic was read up to exactly that offset (committed records only). The ")
                .append("offsets are listed below and in manifest.json; the same offsets always give the same report.</dd>\n")
                .append("</dl>\n</section>\n");
    }

    private static void sources(StringBuilder html, ReportSnapshot snapshot, String toolVersion) {
        html.append("<section id=\"sources\">\n<h2>Appendix C — Sources</h2>\n<p>Report tool version ").append(Html.escape(toolVersion))
                .append(". Kafka topics and the end offsets read (partition:offset):</p>\n<table class=\"figures\">\n<tr><th>Topic</th><th>End offsets</th></tr>\n");
        snapshot.offsets().endOffsets().forEach((topic, partitions) -> {
            StringBuilder list = new StringBuilder();
            partitions.forEach((partition, offset) -> list.append(list.isEmpty() ? "" : " ").append(partition).append(':').append(offset));
            html.append("<tr><td>").append(Html.escape(topic)).append("</td><td class=\"offsets\">").append(list).append("</td></tr>\n");
        });
        html.append("</table>\n</section>\n");
    }

    private static void cells(StringBuilder html, Map<Measure, Cell> cells) {
        for (Measure measure : Measure.values()) {
            html.append("<td class=\"num\" data-measure=\"").append(measure.name()).append("\">").append(cells.get(measure).text()).append("</td>");
        }
    }

    private static Cell plain(long value) {
        return new Cell(value, org.bluebutton.analytics.disclosure.Suppression.NONE);
    }

    /** An enum symbol as words: CONSUMER_ORGANIZATION → Consumer organization. */
    static String label(String symbol) {
        if (symbol.length() == 2) {
            return symbol; // a state code
        }
        String words = symbol.replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    private static final String CSS = """
            @page { size: letter; margin: 18mm 14mm; }
            body { font-family: Helvetica, Arial, sans-serif; font-size: 10pt; color: #1a1a1a; }
            h1 { font-size: 20pt; color: #1f5fa8; margin-bottom: 4pt; }
            h2 { font-size: 14pt; color: #1f5fa8; border-bottom: 1px solid #1f5fa8; margin-top: 18pt; }
            h3 { font-size: 11pt; margin-bottom: 2pt; }
            table { border-collapse: collapse; margin: 6pt 0; }
            th, td { border-bottom: 1px solid #d0d0d0; padding: 3pt 6pt; text-align: left; }
            td.num, th.num { text-align: right; }
            table.headline td.value { font-weight: bold; }
            tr.total td { font-weight: bold; }
            .chart { margin: 8pt 0; page-break-inside: avoid; }
            .story { page-break-inside: avoid; }
            .meta { color: #555555; font-size: 9pt; margin-top: 0; }
            td.offsets { font-family: Courier, monospace; font-size: 8pt; }
            dt { font-weight: bold; margin-top: 6pt; }
            """;
}
