package org.bluebutton.analytics.reporting.render;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bluebutton.analytics.disclosure.Cell;

/**
 * Bar and line charts as inline SVG, written directly as text: no chart library, nothing that
 * depends on time or randomness (ids, clip paths), so the same figures give byte-identical
 * markup. Charts only ever draw figures that are published in the report's tables; a suppressed
 * figure is drawn as a gap with its marker ({@code <11} or {@code *}), never as a bar.
 */
public final class SvgCharts {

    /** A series colour palette that stays distinguishable in greyscale print. */
    static final List<String> COLOURS = List.of("#1f5fa8", "#e07b00", "#2e8b57", "#8b2e6b");
    private static final int WIDTH = 640;

    private SvgCharts() {
    }

    /** One bar: a label and its (possibly suppressed) figure. */
    public record Bar(String label, Cell cell) {
    }

    /** One line: a name, and one value per x position (null: nothing to draw there). */
    public record Series(String name, List<Long> values) {
    }

    /** A horizontal bar chart. */
    public static String barChart(String id, String title, List<Bar> bars) {
        int labelWidth = 170;
        int barArea = WIDTH - labelWidth - 90;
        int rowHeight = 22;
        int top = 34;
        int height = top + Math.max(1, bars.size()) * rowHeight + 12;
        long max = bars.stream().filter(b -> b.cell().published()).mapToLong(b -> b.cell().value()).max().orElse(0);
        StringBuilder description = new StringBuilder("Bar chart. ");
        for (Bar bar : bars) {
            description.append(bar.label()).append(": ").append(bar.cell().text()).append("; ");
        }
        StringBuilder svg = open(id, title, bars.isEmpty() ? "No figures for this year." : description.toString().strip(), height);
        if (bars.isEmpty()) {
            text(svg, labelWidth, top + 15, "start", "No figures for this year.");
        }
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int y = top + i * rowHeight;
            text(svg, labelWidth - 8, y + 15, "end", bar.label());
            double length = bar.cell().published() && max > 0 ? (double) bar.cell().value() / max * barArea : 0;
            if (length > 0) {
                svg.append("<rect x=\"").append(labelWidth).append("\" y=\"").append(y + 3).append("\" width=\"")
                        .append(fmt(length)).append("\" height=\"16\" fill=\"").append(COLOURS.get(0)).append("\"/>\n");
            }
            text(svg, labelWidth + (int) Math.ceil(length) + 6, y + 15, "start", bar.cell().text());
        }
        return svg.append("</svg>\n").toString();
    }

    /** A line chart over labelled x positions (e.g. months), with a legend. */
    public static String lineChart(String id, String title, List<String> xLabels, List<Series> series) {
        int left = 70;
        int right = 20;
        int top = 34;
        int plotHeight = 180;
        int height = top + plotHeight + 60;
        long max = series.stream().flatMap(s -> s.values().stream()).filter(v -> v != null).mapToLong(Long::longValue).max().orElse(0);
        long axisMax = niceCeiling(max);
        double plotWidth = WIDTH - left - right;
        double step = xLabels.size() > 1 ? plotWidth / (xLabels.size() - 1) : plotWidth;
        StringBuilder description = new StringBuilder("Line chart over ").append(String.join(", ", xLabels)).append(". ");
        for (Series line : series) {
            description.append(line.name()).append(": ");
            description.append(String.join(", ", line.values().stream().map(v -> v == null ? "not shown" : number(v)).toList())).append(". ");
        }
        StringBuilder svg = open(id, title, description.toString().strip(), height);
        for (int g = 0; g <= 4; g++) {
            double y = top + plotHeight - plotHeight * g / 4.0;
            svg.append("<line x1=\"").append(left).append("\" y1=\"").append(fmt(y)).append("\" x2=\"").append(WIDTH - right)
                    .append("\" y2=\"").append(fmt(y)).append("\" stroke=\"#dddddd\"/>\n");
            text(svg, left - 6, (int) Math.round(y) + 4, "end", number(axisMax * g / 4));
        }
        for (int i = 0; i < xLabels.size(); i++) {
            text(svg, (int) Math.round(left + i * step), top + plotHeight + 16, "middle", xLabels.get(i));
        }
        for (int s = 0; s < series.size(); s++) {
            String colour = COLOURS.get(s % COLOURS.size());
            List<Long> values = series.get(s).values();
            List<String> segment = new ArrayList<>();
            for (int i = 0; i <= values.size(); i++) {
                Long value = i < values.size() ? values.get(i) : null;
                if (value == null) {
                    polyline(svg, segment, colour);
                    segment.clear();
                    continue;
                }
                double x = left + i * step;
                double y = top + plotHeight - (axisMax == 0 ? 0 : plotHeight * (double) value / axisMax);
                segment.add(fmt(x) + "," + fmt(y));
                svg.append("<circle cx=\"").append(fmt(x)).append("\" cy=\"").append(fmt(y)).append("\" r=\"2.5\" fill=\"")
                        .append(colour).append("\"/>\n");
            }
            int legendX = left + s * 150;
            int legendY = top + plotHeight + 40;
            svg.append("<rect x=\"").append(legendX).append("\" y=\"").append(legendY - 9).append("\" width=\"12\" height=\"12\" fill=\"")
                    .append(colour).append("\"/>\n");
            text(svg, legendX + 18, legendY + 1, "start", series.get(s).name());
        }
        return svg.append("</svg>\n").toString();
    }

    /** The smallest 1, 2 or 5 × 10^n at or above {@code value} (at least 10), for axis labels. */
    static long niceCeiling(long value) {
        long magnitude = 1;
        while (true) {
            for (long factor : new long[] {1, 2, 5}) {
                if (factor * magnitude >= Math.max(value, 10)) {
                    return factor * magnitude;
                }
            }
            magnitude *= 10;
        }
    }

    /** The chart's opening: {@code title} is shown and, with {@code description}, is its text alternative. */
    private static StringBuilder open(String id, String title, String description, int height) {
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"").append(Html.escape(id)).append("\" role=\"img\" aria-labelledby=\"").append(Html.escape(id)).append("-title\" width=\"")
                .append(WIDTH).append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(height)
                .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">\n");
        svg.append("<title id=\"").append(Html.escape(id)).append("-title\">").append(Html.escape(title)).append("</title>\n");
        svg.append("<desc>").append(Html.escape(description)).append("</desc>\n");
        svg.append("<text x=\"0\" y=\"16\" font-size=\"13\" font-weight=\"bold\">").append(Html.escape(title)).append("</text>\n");
        return svg;
    }

    private static void polyline(StringBuilder svg, List<String> points, String colour) {
        if (points.size() < 2) {
            return;
        }
        svg.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"2\" points=\"")
                .append(String.join(" ", points)).append("\"/>\n");
    }

    private static void text(StringBuilder svg, int x, int y, String anchor, String text) {
        svg.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" text-anchor=\"").append(anchor).append("\">")
                .append(Html.escape(text)).append("</text>\n");
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String number(long value) {
        return NumberFormat.getIntegerInstance(Locale.US).format(value);
    }
}
