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
import java.util.OptionalDouble;
import java.util.TreeMap;
import org.bluebutton.analytics.disclosure.Cell;
import org.bluebutton.analytics.disclosure.CellSuppressor;
import org.bluebutton.analytics.reporting.model.ReportPeriod;
import org.bluebutton.analytics.reporting.model.ReportSnapshot;
import org.bluebutton.analytics.schemas.aggregate.DataQualityMetrics;
import org.bluebutton.analytics.schemas.aggregate.EngagementMetrics;
import org.bluebutton.analytics.schemas.aggregate.PeriodGranularity;
import org.bluebutton.analytics.schemas.aggregate.PledgeCounts;
import org.bluebutton.analytics.schemas.aggregate.RollupDimension;
import org.bluebutton.analytics.schemas.aggregate.RollupMetrics;
import org.bluebutton.analytics.schemas.event.EngagementActivity;
import org.bluebutton.analytics.schemas.event.EngagementType;
import org.bluebutton.analytics.schemas.event.OrganizationType;
import org.bluebutton.analytics.schemas.event.Pledge;

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
        return render(snapshot, ReportFigures.of(snapshot), toolVersion);
    }

    /** The report for {@code snapshot}'s year with its figures already computed ({@link ReportFigures#of}). */
    public static String render(ReportSnapshot snapshot, ReportFigures figures, String toolVersion) {
        int year = snapshot.year();
        StringBuilder html = new StringBuilder(64 * 1024);
        ReportPeriod period = snapshot.period();
        html.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"UTF-8\"/>\n<title>").append(Html.escape(period.title()))
                .append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n");
        html.append("<h1>").append(Html.escape(period.title())).append("</h1>\n");
        if (!period.wholeYear()) {
            html.append("<p class=\"lead\" id=\"year-to-date\">A year-to-date report: every figure covers ").append(Html.escape(period.label(year)))
                    .append(" and is compared with the same months of the year before (").append(Html.escape(period.label(year - 1)))
                    .append("); organizations count as pledged at the end of the period.</p>\n");
        }
        html.append("<p class=\"lead\">Organizations that pledged to give patients electronic access to their health records, and what ")
                .append("happened in ").append(Html.escape(period.label(year))).append(". Counts from 1 to 10 are shown as <b>&lt;11</b>; figures marked <b>*</b> are ")
                .append("withheld so that a small count cannot be worked out from a total (see Methodology).</p>\n");
        summary(html, snapshot, figures);
        headline(html, snapshot, figures);
        charts(html, snapshot, figures);
        Publication.featured(html, snapshot, figures);
        groupTable(html, "categories", "Activity by organization category", "Category", figures.categories(), Labels::category,
                figures.previousCategories());
        groupTable(html, "states", "Activity by state", "State", figures.states(), state -> state, figures.previousStates());
        Publication.commitments(html, snapshot);
        engagement(html, snapshot);
        dataHolders(html, figures);
        dataQuality(html, snapshot, figures);
        methodology(html);
        sources(html, snapshot, toolVersion);
        html.append("</body>\n</html>\n");
        return html.toString();
    }

    /** One figure of the headline table as shown: this year, the year before, the change. */
    public record HeadlineRow(String metric, String label, String current, String previous, String change) {

        static HeadlineRow of(String metric, String label, Cell current, Cell previous) {
            return new HeadlineRow(metric, label, current.text(), previous.text(), HtmlReport.change(current, previous));
        }
    }

    /** The headline figures, in the order the report shows them (also the public headline table). */
    public static List<HeadlineRow> headlineRows(ReportSnapshot snapshot, ReportFigures figures) {
        int year = snapshot.year();
        List<HeadlineRow> rows = new ArrayList<>();
        for (OrganizationType type : List.of(OrganizationType.DATA_HOLDER, OrganizationType.NON_DATA_HOLDER)) {
            String noun = Labels.organizationTypePlural(type);
            String key = type == OrganizationType.DATA_HOLDER ? "data-holders" : "non-data-holders";
            long active = snapshot.pledgeYear(year, type).map(PledgeCounts::getActiveAtEnd).orElse(0);
            long activeBefore = snapshot.pledgeYear(year - 1, type).map(PledgeCounts::getActiveAtEnd).orElse(0);
            long fresh = snapshot.pledgeYear(year, type).map(PledgeCounts::getNewPledges).orElse(0);
            long freshBefore = snapshot.pledgeYear(year - 1, type).map(PledgeCounts::getNewPledges).orElse(0);
            String atEnd = snapshot.period().wholeYear() ? " pledged at year end" : " pledged at the period's end";
            rows.add(HeadlineRow.of(key + "-pledged", noun + atEnd, plain(active), plain(activeBefore)));
            rows.add(HeadlineRow.of(key + "-new", "New pledges by " + noun.toLowerCase(Locale.ROOT), plain(fresh), plain(freshBefore)));
        }
        rows.add(HeadlineRow.of("patients-with-access", "Patients with access", figures.programYear().get(Measure.PATIENTS_WITH_ACCESS),
                figures.previousYear().get(Measure.PATIENTS_WITH_ACCESS)));
        for (Measure measure : ACTIVITY) {
            rows.add(HeadlineRow.of(measure.name().toLowerCase(Locale.ROOT).replace('_', '-'), measure.label(), figures.programYear().get(measure),
                    figures.previousYear().get(measure)));
        }
        OptionalDouble rate = Rates.downloadRate(figures.programYear().get(Measure.DOWNLOADS), figures.programYear().get(Measure.PATIENTS_WITH_ACCESS));
        OptionalDouble rateBefore = Rates.downloadRate(figures.previousYear().get(Measure.DOWNLOADS),
                figures.previousYear().get(Measure.PATIENTS_WITH_ACCESS));
        rows.add(new HeadlineRow("download-rate", "Download rate (downloads per 100 patients with access)", Rates.text(rate), Rates.text(rateBefore),
                Rates.change(rate, rateBefore)));
        return rows;
    }

    /** The executive summary: the year in a few sentences, from the headline's own figures. */
    private static void summary(StringBuilder html, ReportSnapshot snapshot, ReportFigures figures) {
        int year = snapshot.year();
        long dataHolders = snapshot.pledgeYear(year, OrganizationType.DATA_HOLDER).map(PledgeCounts::getActiveAtEnd).orElse(0);
        long others = snapshot.pledgeYear(year, OrganizationType.NON_DATA_HOLDER).map(PledgeCounts::getActiveAtEnd).orElse(0);
        Cell patients = figures.programYear().get(Measure.PATIENTS_WITH_ACCESS);
        Cell downloads = figures.programYear().get(Measure.DOWNLOADS);
        String end = snapshot.period().wholeYear() ? "At the end of " + year
                : "On " + snapshot.period().lastDay(year).format(DateTimeFormatter.ofPattern("MMMM d, uuuu", Locale.US));
        html.append("<section id=\"summary\">\n<h2>Executive summary</h2>\n<p>").append(end).append(", ")
                .append(INTEGER.format(dataHolders)).append(" data holders and ").append(INTEGER.format(others))
                .append(" non-data holders had taken the Blue Button Pledge. Patients with access to their records numbered ")
                .append(patients.text()).append(sentenceChange(patients, figures.previousYear().get(Measure.PATIENTS_WITH_ACCESS), snapshot.period().label(year - 1)))
                .append(", and they downloaded their records ").append(downloads.text()).append(" times")
                .append(sentenceChange(downloads, figures.previousYear().get(Measure.DOWNLOADS), snapshot.period().label(year - 1))).append(".");
        OptionalDouble rate = Rates.downloadRate(downloads, patients);
        if (rate.isPresent()) {
            html.append(" That is ").append(Rates.text(rate)).append(" downloads per 100 patients with access.");
        }
        html.append(" The figures below follow each pledged organization through the year: by category and state, the data holders ")
                .append("with the highest download rates and the fastest growth, what organizations committed to, and stories of how they ")
                .append("engaged patients and employees. Every reporting data holder's rate is listed in Appendix A.</p>\n</section>\n");
    }

    private static String sentenceChange(Cell current, Cell previous, String previousYear) {
        String change = change(current, previous);
        return change.equals("n/a") ? "" : " (" + change + " on " + previousYear + ")";
    }

    private static void headline(StringBuilder html, ReportSnapshot snapshot, ReportFigures figures) {
        int year = snapshot.year();
        ReportPeriod period = snapshot.period();
        html.append("<section id=\"headline\">\n<h2>").append(Html.escape(period.label(year))).append(" at a glance</h2>\n<table class=\"headline\">\n")
                .append("<tr><th>Figure</th><th class=\"num\">").append(Html.escape(period.label(year))).append("</th><th class=\"num\">")
                .append(Html.escape(period.label(year - 1)))
                .append("</th><th class=\"num\">Change</th></tr>\n");
        for (HeadlineRow row : headlineRows(snapshot, figures)) {
            html.append("<tr data-metric=\"").append(row.metric()).append("\"><th>").append(Html.escape(row.label()))
                    .append("</th><td class=\"num value\">").append(Html.escape(row.current())).append("</td><td class=\"num previous\">")
                    .append(Html.escape(row.previous())).append("</td><td class=\"num change\">").append(row.change()).append("</td></tr>\n");
        }
        html.append("</table>\n</section>\n");
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
            List<Cell> cells = figures.programMonths().get(measure);
            List<Long> values = new ArrayList<>();
            for (int month = 1; month <= 12; month++) {
                Cell cell = cells.get(month - 1);
                values.add(cell.published() && snapshot.period().covers(month) ? cell.value() : null); // no line into months not covered yet
            }
            activity.add(new SvgCharts.Series(measure.label(), values));
        }
        figure(html, SvgCharts.lineChart("chart-monthly-activity", "Monthly activity, " + snapshot.period().label(snapshot.year()), months, activity));
        figure(html, SvgCharts.barChart("chart-patients-by-category", "Patients with access by category", figures.categories().stream()
                .map(row -> new SvgCharts.Bar(Labels.category(row.group()), row.cells().get(Measure.PATIENTS_WITH_ACCESS))).toList()));
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
        figure(html, SvgCharts.lineChart("chart-pledges", "Pledged organizations at month end, " + snapshot.period().label(snapshot.year()), months, pledges));
        figure(html, SvgCharts.barChart("chart-downloads-by-state", "Downloads by state", figures.states().stream()
                .map(row -> new SvgCharts.Bar(row.group(), row.cells().get(Measure.DOWNLOADS))).toList()));
        html.append("</section>\n");
    }

    private static void figure(StringBuilder html, String svg) {
        html.append("<div class=\"chart\">\n").append(svg).append("</div>\n");
    }

    private static void groupTable(StringBuilder html, String id, String title, String groupHeading, List<ReportFigures.GroupRow> rows,
            java.util.function.UnaryOperator<String> labels, Map<String, Map<Measure, Cell>> previous) {
        html.append("<section id=\"").append(id).append("\">\n<h2>").append(title).append("</h2>\n");
        if (rows.isEmpty()) {
            html.append("<p>No figures for this year.</p>\n</section>\n");
            return;
        }
        html.append("<p>Change: on the year before, where both years' figures are published. Download rate: downloads per 100 patients ")
                .append("with access.</p>\n");
        html.append("<table class=\"figures\">\n<tr><th>").append(groupHeading).append("</th><th class=\"num\">Organizations reporting</th>");
        for (Measure measure : Measure.values()) {
            html.append("<th class=\"num\">").append(measure.label()).append("</th>");
        }
        html.append("<th class=\"num\">Download rate</th><th class=\"num\">Change in patients</th><th class=\"num\">Change in downloads</th></tr>\n");
        for (ReportFigures.GroupRow row : rows) {
            html.append("<tr data-group=\"").append(Html.escape(row.group())).append("\"><td>").append(Html.escape(labels.apply(row.group())))
                    .append("</td><td class=\"num\">").append(INTEGER.format(row.organizationsReporting())).append("</td>");
            cells(html, row.cells());
            // The group's figures of the year before as that year's report published them (a group new this year: 0).
            Map<Measure, Cell> before = previous.getOrDefault(row.group(), Map.of());
            Cell patientsBefore = before.getOrDefault(Measure.PATIENTS_WITH_ACCESS, CellSuppressor.single(0));
            Cell downloadsBefore = before.getOrDefault(Measure.DOWNLOADS, CellSuppressor.single(0));
            html.append("<td class=\"num\" data-measure=\"DOWNLOAD_RATE\">")
                    .append(Rates.text(Rates.downloadRate(row.cells().get(Measure.DOWNLOADS), row.cells().get(Measure.PATIENTS_WITH_ACCESS))))
                    .append("</td><td class=\"num\" data-change=\"PATIENTS_WITH_ACCESS\">").append(change(row.cells().get(Measure.PATIENTS_WITH_ACCESS), patientsBefore))
                    .append("</td><td class=\"num\" data-change=\"DOWNLOADS\">").append(change(row.cells().get(Measure.DOWNLOADS), downloadsBefore))
                    .append("</td></tr>\n");
        }
        html.append("</table>\n</section>\n");
    }

    private static void dataHolders(StringBuilder html, ReportFigures figures) {
        html.append("<section id=\"data-holders\">\n<h2>Appendix A — Download rates of every reporting data holder</h2>\n<p>As the program ")
                .append("promises, regardless of high or low: every data holder pledged at the year's end that sent Blue Button stats for the ")
                .append("year, whatever the size of its figures. Download rate: downloads per 100 patients with access; — means no access ")
                .append("snapshot was sent or a figure is withheld.</p>\n");
        if (figures.dataHolders().isEmpty()) {
            html.append("<p>No data holder reported this year.</p>\n</section>\n");
            return;
        }
        html.append("<table class=\"figures\">\n<tr><th>Organization</th><th>Category</th><th>State</th>");
        for (Measure measure : Measure.values()) {
            html.append("<th class=\"num\">").append(measure.label()).append("</th>");
        }
        html.append("<th class=\"num\">Download rate</th></tr>\n");
        for (ReportFigures.DataHolderRow row : figures.dataHolders()) {
            html.append("<tr data-org=\"").append(Html.escape(row.orgId())).append("\"><td>").append(Html.escape(row.name())).append("</td><td>")
                    .append(Html.escape(Labels.category(row.category()))).append("</td><td>").append(Html.escape(row.state())).append("</td>");
            Map<Measure, Cell> cells = new EnumMap<>(row.cells());
            for (Measure measure : Measure.values()) {
                String text = measure == Measure.PATIENTS_WITH_ACCESS && !row.accessReported() ? "—" : cells.get(measure).text();
                html.append("<td class=\"num\" data-measure=\"").append(measure.name()).append("\">").append(text).append("</td>");
            }
            OptionalDouble rate = row.accessReported() ? Rates.downloadRate(cells.get(Measure.DOWNLOADS), cells.get(Measure.PATIENTS_WITH_ACCESS))
                    : OptionalDouble.empty();
            html.append("<td class=\"num\" data-measure=\"DOWNLOAD_RATE\">").append(Rates.text(rate)).append("</td></tr>\n");
        }
        html.append("</table>\n</section>\n");
    }

    private static void engagement(StringBuilder html, ReportSnapshot snapshot) {
        html.append("<section id=\"engagement\">\n<h2>Engagement and stories</h2>\n");
        Map<EngagementType, long[]> byType = new EnumMap<>(EngagementType.class);
        for (EngagementMetrics metrics : snapshot.engagementMetrics()) {
            OrganizationType type = snapshot.organization(metrics.getOrgId()).map(Pledge::getOrganizationType).orElse(null);
            if (type == OrganizationType.DATA_HOLDER || type == OrganizationType.NON_DATA_HOLDER) {
                long[] sums = byType.computeIfAbsent(metrics.getEngagementType(), t -> new long[4]);
                int offset = type == OrganizationType.NON_DATA_HOLDER ? 0 : 2;
                sums[offset] += metrics.getActivities();
                sums[offset + 1] += metrics.getPeopleReached();
            }
        }
        if (!byType.isEmpty()) {
            html.append("<table class=\"figures\" id=\"engagement-by-type\">\n<tr><th>Action</th><th class=\"num\">Actions by non-data holders</th>")
                    .append("<th class=\"num\">People reached</th><th class=\"num\">Actions by data holders</th><th class=\"num\">People reached</th></tr>\n");
            byType.forEach((type, sums) -> {
                html.append("<tr><td>").append(Html.escape(Labels.engagement(type.name()))).append("</td>");
                for (long sum : sums) {
                    html.append("<td class=\"num\">").append(INTEGER.format(sum)).append("</td>");
                }
                html.append("</tr>\n");
            });
            html.append("</table>\n");
        }
        List<EngagementActivity> stories = Publication.curatedStories(snapshot);
        if (stories.isEmpty()) {
            html.append("<p>No engagement stories were reported this year.</p>\n");
        } else if (!Publication.storiesChosenByStaff(snapshot).isEmpty()) {
            html.append("<p>Chosen by program staff: ").append(INTEGER.format(stories.size()))
                    .append(stories.size() == 1 ? " story" : " stories").append(", by kind of action. All ")
                    .append(INTEGER.format(snapshot.engagementActivities().size()))
                    .append(" stories of the year are in the engagement dataset.</p>\n");
        } else {
            html.append("<p>A selection: for each kind of action, the ").append(Publication.STORIES_PER_TYPE)
                    .append(" stories that reached the most people, from data holders and non-data holders alike. All ")
                    .append(INTEGER.format(snapshot.engagementActivities().size()))
                    .append(" stories of the year are in the engagement dataset.</p>\n");
        }
        for (EngagementActivity story : stories) {
            Pledge org = snapshot.organization(story.getOrgId()).orElseThrow();
            html.append("<article class=\"story\" data-event=\"").append(Html.escape(story.getEventId())).append("\">\n<h3>")
                    .append(Html.escape(story.getTitle())).append("</h3>\n<p class=\"meta\">").append(Html.escape(org.getName())).append(" · ")
                    .append(Html.escape(Labels.engagement(story.getEngagementType().name()))).append(" · ")
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
        // The headline's count: one definition of "pledged at year end" in the whole report.
        long activeDataHolders = snapshot.pledgeYear(year, OrganizationType.DATA_HOLDER).map(PledgeCounts::getActiveAtEnd).orElse(0);
        long reported = figures.dataHolders().size();
        long withAccess = figures.dataHolders().stream().filter(ReportFigures.DataHolderRow::accessReported).count();
        html.append("<section id=\"data-quality\">\n<h2>Appendix B — Data quality</h2>\n<table class=\"figures\" id=\"coverage\">\n")
                .append("<tr><th>Coverage</th><th class=\"num\">Organizations</th><th class=\"num\">Share</th></tr>\n");
        coverageRow(html, "active-data-holders", "Data holders pledged at year end", activeDataHolders, activeDataHolders);
        coverageRow(html, "reported", "… that sent stats for " + snapshot.period().label(year), reported, activeDataHolders);
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
                .append("rule and were set aside with the reason. None of them are in the figures above.</p>\n");
        long differing = liveDifferences(snapshot);
        html.append("<p id=\"live-differences\" data-count=\"").append(differing).append("\">");
        if (differing == 0) {
            html.append("Every program, category and state figure of ").append(year)
                    .append(" equals the live figure of the staff query API at the time of the snapshot.");
        } else {
            html.append(INTEGER.format(differing)).append(differing == 1 ? " program, category or state row" : " program, category and state rows")
                    .append(" of ").append(year).append(" differ from the live figures of the staff query API at the time of the snapshot: ")
                    .append("the live figures leave out organizations that withdrew after the year's end, this report keeps them as they ")
                    .append("were pledged then (see Methodology).");
        }
        html.append("</p>\n</section>\n");
    }

    /** Published year rows whose figures are not those of the streams application's live roll-up (or that it has not). */
    static long liveDifferences(ReportSnapshot snapshot) {
        java.util.Map<String, org.bluebutton.analytics.schemas.aggregate.RollupMetrics> live = new java.util.HashMap<>();
        for (var row : snapshot.liveRollups()) {
            live.put(rollupKey(row), row);
        }
        long differing = 0;
        for (var row : snapshot.rollups()) {
            if (row.getYear() == snapshot.year() && row.getGranularity() == org.bluebutton.analytics.schemas.aggregate.PeriodGranularity.YEAR
                    && !row.equals(live.get(rollupKey(row)))) {
                differing++;
            }
        }
        return differing;
    }

    private static String rollupKey(org.bluebutton.analytics.schemas.aggregate.RollupMetrics row) {
        return row.getDimension() + "|" + row.getDimensionValue() + "|" + row.getGranularity() + "|" + row.getYear() + "|" + row.getMonth();
    }

    private static void coverageRow(StringBuilder html, String key, String label, long count, long of) {
        String share = of == 0 ? "n/a" : String.format(Locale.ROOT, "%.1f%%", count * 100.0 / of);
        html.append("<tr data-coverage=\"").append(key).append("\"><td>").append(Html.escape(label)).append("</td><td class=\"num\">")
                .append(INTEGER.format(count)).append("</td><td class=\"num\">").append(share).append("</td></tr>\n");
    }

    private static void methodology(StringBuilder html) {
        html.append("<section id=\"methodology\">\n<h2>Appendix C — Methodology</h2>\n<dl>\n")
                .append("<dt>Activity (views, downloads, transmits, API accesses)</dt><dd>The sum of the counts of distinct (by event id) ")
                .append("activity events whose event time (UTC) falls in the period. Months and the year come from the same events, so the ")
                .append("months add up to the year.</dd>\n")
                .append("<dt>Patients with access</dt><dd>For an organization: the figure of its access snapshot with the latest date in the ")
                .append("period — a gauge, never summed over months. For a category, a state or the program: the sum of those ")
                .append("per-organization figures.</dd>\n")
                .append("<dt>Pledged organizations</dt><dd>New pledges by pledge date; withdrawals by the date of withdrawal; organizations ")
                .append("pledged at the end of a period are those that had pledged by then and had not withdrawn by then.</dd>\n")
                .append("<dt>Which organizations a figure counts</dt><dd>Every figure of a period — program, category, state, data holder, ")
                .append("headline — counts the organizations pledged at the end of that period, with their own figures for it, in the ")
                .append("category and state of their current profile (a change of category or state corrects the record for every year). ")
                .append("An organization that withdraws later stays in the periods it was pledged through, so a published year does not ")
                .append("change; the live figures of the staff query API leave it out of every year (Appendix B says how many figures ")
                .append("differ).</dd>\n")
                .append("<dt>Download rate</dt><dd>Downloads ÷ patients with access, shown per 100 patients. It is computed only from ")
                .append("published figures: without patients, or when either figure is withheld, there is no rate (—).</dd>\n")
                .append("<dt>Small-cell suppression</dt><dd>Counts derived from patients (patients with access and activity) from 1 to ")
                .append(CellSuppressor.MAX_SUPPRESSED).append(" are shown as &lt;11 (CMS cell-size rule); 0 is shown. Figures that add up to a ")
                .append("published total — categories and states to the program, data holders to their category and state, months to the ")
                .append("year — are checked together: wherever exactly one figure of such a group is withheld, the smallest other non-zero ")
                .append("figure of the group is withheld too (shown as *), or the total when there is none; then all published sums are ")
                .append("solved together and more is withheld until no withheld figure can be worked out from any combination of them. ")
                .append("The Blue Button Hub shows data holders' figures by the same computation, so the two together disclose no more. ")
                .append("The year before is shown as its own report showed it. Year-over-year changes are shown only between published ")
                .append("figures. Organization counts, ")
                .append("engagement and data-quality figures are not about patients and are not suppressed.</dd>\n")
                .append("<dt>Stories</dt><dd>For each kind of action, the three stories that reached the most people, from data holders ")
                .append("and non-data holders alike; every story of the period is in the engagement dataset.</dd>\n")
                .append("<dt>Snapshot</dt><dd>All figures come from one snapshot of the pipeline's output topics, taken after checking that ")
                .append("the streams application had committed everything it read (manifest.json records the check): the end offset of every ")
                .append("partition was recorded first and each topic was read up to exactly that offset (committed records only). The ")
                .append("offsets are listed below and in manifest.json; the same offsets always give the same report.</dd>\n")
                .append("</dl>\n</section>\n");
    }

    private static void sources(StringBuilder html, ReportSnapshot snapshot, String toolVersion) {
        html.append("<section id=\"sources\">\n<h2>Appendix D — Sources</h2>\n<p>Report tool version ").append(Html.escape(toolVersion))
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

    private static final String CSS = """
            @page { size: letter; margin: 18mm 14mm; }
            body { font-family: Helvetica, Arial, sans-serif; font-size: 10pt; color: #1a1a1a; }
            h1 { font-size: 20pt; color: #1f5fa8; margin-bottom: 4pt; }
            h2 { font-size: 14pt; color: #1f5fa8; border-bottom: 1px solid #1f5fa8; margin-top: 18pt; page-break-after: avoid; }
            h3 { font-size: 11pt; margin-bottom: 2pt; }
            table { border-collapse: collapse; margin: 6pt 0; }
            th, td { border-bottom: 1px solid #d0d0d0; padding: 3pt 6pt; text-align: left; }
            table.figures { font-size: 8pt; width: 100%; }
            table.figures th, table.figures td { padding: 2pt 3pt; }
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
