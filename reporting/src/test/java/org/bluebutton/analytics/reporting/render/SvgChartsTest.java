package org.bluebutton.analytics.reporting.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.bluebutton.analytics.disclosure.Cell;
import org.bluebutton.analytics.disclosure.Suppression;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.parser.Parser;
import org.junit.jupiter.api.Test;

class SvgChartsTest {

    @Test
    void a_suppressed_bar_is_not_drawn_and_shows_its_marker_while_published_bars_scale_to_the_largest() {
        String svg = SvgCharts.barChart("c", "Downloads by state", List.of(
                new SvgCharts.Bar("MA", new Cell(1_000, Suppression.NONE)),
                new SvgCharts.Bar("NY", new Cell(500, Suppression.NONE)),
                new SvgCharts.Bar("VT", new Cell(4, Suppression.SMALL_CELL))));

        Document doc = Jsoup.parse(svg, "", Parser.xmlParser());

        assertThat(doc.select("rect").eachAttr("width")).containsExactly("380.0", "190.0");
        assertThat(doc.select("text").eachText()).contains("MA", "1,000", "500", "VT", "<11").doesNotContain("4");
    }

    @Test
    void a_line_chart_breaks_at_missing_values_and_is_byte_identical_for_the_same_input() {
        List<String> months = List.of("Jan", "Feb", "Mar", "Apr");
        List<SvgCharts.Series> series = List.of(new SvgCharts.Series("Views", Arrays.asList(10L, 20L, null, 40L)));

        String svg = SvgCharts.lineChart("c", "Views", months, series);

        Document doc = Jsoup.parse(svg, "", Parser.xmlParser());
        assertThat(doc.select("polyline")).hasSize(1);
        assertThat(doc.select("circle")).hasSize(3);
        assertThat(SvgCharts.lineChart("c", "Views", months, series)).isEqualTo(svg);
    }

    @Test
    void axis_maximum_is_a_round_number_at_or_above_the_data() {
        assertThat(SvgCharts.niceCeiling(0)).isEqualTo(10);
        assertThat(SvgCharts.niceCeiling(913)).isEqualTo(1_000);
        assertThat(SvgCharts.niceCeiling(2_105)).isEqualTo(5_000);
        assertThat(SvgCharts.niceCeiling(72_008)).isEqualTo(100_000);
        assertThat(SvgCharts.niceCeiling(200)).isEqualTo(200);
    }
}
