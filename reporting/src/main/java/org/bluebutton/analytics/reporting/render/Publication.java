package org.bluebutton.analytics.reporting.render;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.bluebutton.analytics.disclosure.Cell;
import org.bluebutton.analytics.disclosure.CellSuppressor;
import org.bluebutton.analytics.reporting.model.PeriodEndRollups;
import org.bluebutton.analytics.reporting.model.ReportSnapshot;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;
import org.bluebutton.analytics.schemas.event.Commitment;
import org.bluebutton.analytics.schemas.event.EngagementActivity;
import org.bluebutton.analytics.schemas.event.EngagementType;
import org.bluebutton.analytics.schemas.event.OrganizationType;
import org.bluebutton.analytics.schemas.event.Pledge;

/**
 * The curated parts of the report that make it read as a publication: featured data holders per
 * category, the commitments summary and the selection of stories. Each is chosen by a written rule
 * from published figures only, so the selection itself reveals no withheld figure.
 */
final class Publication {

    /** Stories told per kind of engagement action. */
    static final int STORIES_PER_TYPE = 3;

    private static final NumberFormat INTEGER = NumberFormat.getIntegerInstance(Locale.US);

    private Publication() {
    }

    /** A featured data holder: why, and the figure that earned it. */
    record Featured(String reason, ReportFigures.DataHolderRow holder, String figure) {
    }

    /**
     * Per category (in the category table's order): the data holder with the highest download rate and
     * the one whose downloads grew most on the year before. Only holders whose figures in question are
     * all published (this year's downloads and patients; for growth also last year's downloads, over
     * 10) qualify; ties go to the first by name. A category without a qualifying holder features none.
     */
    static Map<String, List<Featured>> featured(ReportSnapshot snapshot, ReportFigures figures) {
        Map<String, List<Featured>> featured = new TreeMap<>();
        for (ReportFigures.GroupRow category : figures.categories()) {
            ReportFigures.DataHolderRow bestRate = null;
            double bestRateValue = -1;
            ReportFigures.DataHolderRow fastest = null;
            double fastestGrowth = Double.NEGATIVE_INFINITY;
            for (ReportFigures.DataHolderRow holder : figures.dataHolders()) {
                if (!holder.category().equals(category.group())) {
                    continue;
                }
                Cell downloads = holder.cells().get(Measure.DOWNLOADS);
                OptionalDouble rate = holder.accessReported() ? Rates.downloadRate(downloads, holder.cells().get(Measure.PATIENTS_WITH_ACCESS))
                        : OptionalDouble.empty();
                if (rate.isPresent() && rate.getAsDouble() > bestRateValue) {
                    bestRate = holder;
                    bestRateValue = rate.getAsDouble();
                }
                // Last year's downloads as last year's report published them: a growth rate of a withheld figure would give it back.
                Cell before = figures.previousDataHolders().getOrDefault(holder.orgId(), Map.of()).get(Measure.DOWNLOADS);
                if (downloads.published() && before != null && before.published() && before.value() > CellSuppressor.MAX_SUPPRESSED) {
                    double growth = (downloads.value() - before.value()) * 100.0 / before.value();
                    if (growth > fastestGrowth) {
                        fastest = holder;
                        fastestGrowth = growth;
                    }
                }
            }
            List<Featured> picks = new ArrayList<>();
            if (bestRate != null) {
                picks.add(new Featured("Highest download rate", bestRate, String.format(Locale.US, "%,.1f downloads per 100 patients", bestRateValue)));
            }
            if (fastest != null && fastestGrowth > 0) {
                picks.add(new Featured("Fastest growth in downloads", fastest, String.format(Locale.ROOT, "%+.1f%% on %s", fastestGrowth, snapshot.period().label(snapshot.year() - 1))));
            }
            if (!picks.isEmpty()) {
                featured.put(category.group(), picks);
            }
        }
        return featured;
    }

    static void featured(StringBuilder html, ReportSnapshot snapshot, ReportFigures figures) {
        Map<String, List<Featured>> featured = featured(snapshot, figures);
        html.append("<section id=\"featured\">\n<h2>Featured data holders</h2>\n<p>In each category, the data holder with the highest ")
                .append("download rate and the one whose downloads grew most on ").append(Html.escape(snapshot.period().label(snapshot.year() - 1)))
                .append(", among those whose figures are published. Every reporting data holder's rate is in Appendix A.</p>\n");
        if (featured.isEmpty()) {
            html.append("<p>No data holder's figures qualify this year.</p>\n</section>\n");
            return;
        }
        html.append("<table class=\"figures\" id=\"featured-holders\">\n<tr><th>Category</th><th>Featured for</th><th>Organization</th><th>State</th>")
                .append("<th class=\"num\">Figure</th></tr>\n");
        featured.forEach((category, picks) -> {
            for (Featured pick : picks) {
                html.append("<tr data-category=\"").append(Html.escape(category)).append("\" data-org=\"").append(Html.escape(pick.holder().orgId()))
                        .append("\"><td>").append(Html.escape(Labels.category(category))).append("</td><td>").append(Html.escape(pick.reason()))
                        .append("</td><td>").append(Html.escape(pick.holder().name())).append("</td><td>").append(Html.escape(pick.holder().state()))
                        .append("</td><td class=\"num\">").append(Html.escape(pick.figure())).append("</td></tr>\n");
            }
        });
        html.append("</table>\n</section>\n");
    }

    /** Organizations pledged at the year's end that took each commitment, by type; commitments nobody took are left out. */
    static Map<Commitment, int[]> commitmentCounts(ReportSnapshot snapshot) {
        Map<Commitment, int[]> counts = new EnumMap<>(Commitment.class);
        for (Pledge profile : snapshot.organizations().values()) {
            if (!PeriodEndRollups.countsAt(profile, snapshot.period().end(snapshot.year()))) {
                continue;
            }
            int column = profile.getOrganizationType() == OrganizationType.DATA_HOLDER ? 0 : 1;
            for (Commitment commitment : profile.getCommitments()) {
                counts.computeIfAbsent(commitment, c -> new int[2])[column]++;
            }
        }
        return counts;
    }

    static void commitments(StringBuilder html, ReportSnapshot snapshot) {
        Map<Commitment, int[]> counts = commitmentCounts(snapshot);
        html.append("<section id=\"commitments\">\n<h2>What organizations committed to</h2>\n<p>Organizations pledged at the end of ")
                .append(Html.escape(snapshot.period().label(snapshot.year()))).append(" that took each commitment of the pledge (an organization takes several).</p>\n");
        if (counts.isEmpty()) {
            html.append("<p>No commitments were recorded.</p>\n</section>\n");
            return;
        }
        html.append("<table class=\"figures\" id=\"commitment-counts\">\n<tr><th>Commitment</th><th class=\"num\">Data holders</th>")
                .append("<th class=\"num\">Non-data holders</th></tr>\n");
        counts.forEach((commitment, columns) -> html.append("<tr data-commitment=\"").append(commitment.name()).append("\"><td>")
                .append(Html.escape(Labels.commitment(commitment.name()))).append("</td><td class=\"num\">").append(INTEGER.format(columns[0]))
                .append("</td><td class=\"num\">").append(INTEGER.format(columns[1])).append("</td></tr>\n"));
        html.append("</table>\n</section>\n");
    }

    /**
     * The stories the report tells. When program staff marked stories of the period as featured, those
     * (by kind of action, then as below). Otherwise, for each kind of action, the {@value #STORIES_PER_TYPE}
     * that reached the most people (unknown reach last; ties: earlier date, then organization and event
     * id). Only stories of organizations with a profile, data holders and non-data holders alike; in action order.
     */
    static List<EngagementActivity> curatedStories(ReportSnapshot snapshot) {
        List<EngagementActivity> chosenByStaff = storiesChosenByStaff(snapshot);
        if (!chosenByStaff.isEmpty()) {
            return chosenByStaff;
        }
        List<EngagementActivity> chosen = new ArrayList<>();
        storiesByType(snapshot, story -> true).values().forEach(stories -> stories.stream().limit(STORIES_PER_TYPE).forEach(chosen::add));
        return chosen;
    }

    /** The period's stories staff marked as featured, in action order and then by reach; empty when none of the marks is for one. */
    static List<EngagementActivity> storiesChosenByStaff(ReportSnapshot snapshot) {
        Set<List<String>> marked = new HashSet<>();
        snapshot.featuredStories().forEach(mark -> marked.add(List.of(mark.getOrgId().toString(), mark.getEventId().toString())));
        List<EngagementActivity> chosen = new ArrayList<>();
        if (!marked.isEmpty()) {
            storiesByType(snapshot, story -> marked.contains(List.of(story.getOrgId().toString(), story.getEventId().toString())))
                    .values().forEach(chosen::addAll);
        }
        return chosen;
    }

    /** The period's stories of organizations with a profile that {@code kept} keeps, per kind of action, each kind by reach. */
    private static Map<EngagementType, List<EngagementActivity>> storiesByType(ReportSnapshot snapshot, Predicate<EngagementActivity> kept) {
        Comparator<EngagementActivity> byReach = Comparator
                .comparing((EngagementActivity a) -> a.getPeopleReached() == null ? -1L : a.getPeopleReached(), Comparator.reverseOrder())
                .thenComparing(EngagementActivity::getOccurredOn)
                .thenComparing(a -> a.getOrgId().toString())
                .thenComparing(a -> a.getEventId().toString());
        Map<EngagementType, List<EngagementActivity>> byType = new EnumMap<>(EngagementType.class);
        for (EngagementActivity activity : snapshot.engagementActivities()) {
            if (snapshot.organization(activity.getOrgId()).isPresent() && kept.test(activity)) {
                byType.computeIfAbsent(activity.getEngagementType(), t -> new ArrayList<>()).add(activity);
            }
        }
        byType.values().forEach(stories -> stories.sort(byReach));
        return byType;
    }
}
