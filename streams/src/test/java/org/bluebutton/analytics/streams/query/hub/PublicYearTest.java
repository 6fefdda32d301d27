package org.bluebutton.analytics.streams.query.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.bluebutton.analytics.testkit.SampleEvents.access;
import static org.bluebutton.analytics.testkit.SampleEvents.activity;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bluebutton.analytics.disclosure.Suppression;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.PledgeStatus;
import org.bluebutton.analytics.testkit.SampleEvents;
import org.junit.jupiter.api.Test;

/** The Hub's figures of a year come from the year's public tables, the computation the annual report makes too. */
class PublicYearTest {

    private static final int YEAR = 2025;

    private final Pledge mercy = SampleEvents.hospitalPledge("mercy").build();
    private final Pledge small = SampleEvents.hospitalPledge("small").setName("Small Clinic").build();
    private final Pledge harbor = SampleEvents.hospitalPledge("harbor").setState("RI").build();

    @Test
    void a_data_holder_beside_a_small_one_in_its_category_and_state_has_its_downloads_withheld_too() {
        // Alone, Mercy's 250 downloads would be shown; but the Hospital / MA figures minus Mercy's would give Small Clinic's 4.
        PublicYear year = PublicYear.of(YEAR, profiles(mercy, small, harbor), List.of(figures("mercy", 250), figures("small", 4),
                figures("harbor", 900)), List.of());

        PublicFigures mercyFigures = year.figures(figures("mercy", 250));
        PublicFigures smallFigures = year.figures(figures("small", 4));

        assertThat(smallFigures.downloads().suppression()).isEqualTo(Suppression.SMALL_CELL);
        assertThat(mercyFigures.downloads().suppression()).isEqualTo(Suppression.COMPLEMENTARY);
        assertThat(mercyFigures.suppressed()).contains("downloads");
        assertThat(mercyFigures.downloadsPer100Patients()).as("no rate of a withheld figure").isNull();
    }

    @Test
    void an_organization_withdrawn_after_the_year_still_counts_in_that_year_as_in_the_report() {
        Pledge withdrawnLater = SampleEvents.hospitalPledge("small").setStatus(PledgeStatus.WITHDRAWN)
                .setWithdrawnAt(Instant.parse((YEAR + 1) + "-03-01T00:00:00Z")).build();
        PublicYear year = PublicYear.of(YEAR, profiles(mercy, withdrawnLater, harbor), List.of(figures("mercy", 250), figures("small", 4),
                figures("harbor", 900)), List.of());

        assertThat(year.figures(figures("mercy", 250)).downloads().published())
                .as("the withdrawn clinic's 4 downloads are in the year's Hospital and MA figures: Mercy's are withheld").isFalse();
    }

    @Test
    void a_data_holder_alone_in_its_groups_with_large_figures_shows_them() {
        PublicYear year = PublicYear.of(YEAR, profiles(mercy, harbor), List.of(figures("mercy", 250), figures("harbor", 900)),
                List.of(new OrgMonthlyMetrics("mercy", YEAR, 5, activity(400, 250, 0, 0, 3), null),
                        new OrgMonthlyMetrics("harbor", YEAR, 5, activity(400, 900, 0, 0, 3), null)));

        PublicFigures figures = year.figures(figures("mercy", 250));

        assertThat(figures.downloads().text()).isEqualTo("250");
        assertThat(figures.patientsWithAccess().text()).isEqualTo("1,000");
        assertThat(figures.downloadsPer100Patients()).isEqualTo(25.0);
    }

    private static Map<String, Pledge> profiles(Pledge... pledges) {
        return java.util.Arrays.stream(pledges).collect(java.util.stream.Collectors.toMap(p -> p.getOrgId().toString(), p -> p));
    }

    private static OrgYearlyMetrics figures(String orgId, long downloads) {
        return new OrgYearlyMetrics(orgId, YEAR, activity(400, downloads, 0, 0, 3), access(1_000), 1, 1);
    }
}
