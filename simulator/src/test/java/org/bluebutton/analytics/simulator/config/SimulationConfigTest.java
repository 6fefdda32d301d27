package org.bluebutton.analytics.simulator.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Specifications of the simulator's settings: sensible defaults and every out-of-range value named. */
class SimulationConfigTest {

    static final Clock NOVEMBER_2026 = Clock.fixed(Instant.parse("2026-11-23T11:00:00Z"), ZoneOffset.UTC);

    @Test
    void defaults_are_600_organizations_over_the_three_years_before_the_current_one() {
        // when
        SimulationConfig defaults = SimulationConfig.defaults(NOVEMBER_2026);

        // then
        assertThat(defaults.organizations()).isEqualTo(600);
        assertThat(defaults.firstMonth()).hasToString("2023-01");
        assertThat(defaults.lastMonth()).hasToString("2025-12");
        assertThat(defaults.grace()).isEqualTo(Duration.ofDays(35));
        assertThat(defaults.requireCompletedBefore(NOVEMBER_2026)).isEqualTo(defaults);
    }

    @Test
    void out_of_range_values_are_refused_with_the_setting_named() {
        SimulationConfig valid = SimulationConfig.defaults(NOVEMBER_2026);
        assertThatThrownBy(() -> valid.withOrganizations(0)).isInstanceOf(InvalidSimulationConfigException.class).hasMessageContaining("organizations");
        assertThatThrownBy(() -> valid.withYears(0, 2025)).hasMessageContaining("years");
        assertThatThrownBy(() -> valid.withYears(1, 2009)).hasMessageContaining("startYear");
        assertThatThrownBy(() -> valid.withScale(0)).hasMessageContaining("scale");
        assertThatThrownBy(() -> valid.withRunTag("Run 2")).hasMessageContaining("runTag");
        assertThatThrownBy(() -> valid.withYears(1, 2026).requireCompletedBefore(NOVEMBER_2026))
                .isInstanceOf(InvalidSimulationConfigException.class).hasMessageContaining("current month 2026-11");
    }

    @Test
    void a_connection_needs_an_http_url_and_a_staff_key_and_never_shows_the_key() {
        assertThatThrownBy(() -> IngestConnection.of(URI.create("ftp://x"), "bbs_a_b")).hasMessageContaining("ingestUrl");
        assertThatThrownBy(() -> IngestConnection.of(URI.create("http://localhost:8080"), null)).hasMessageContaining("BLUEBUTTON_SIMULATOR_STAFF_KEY");
        IngestConnection connection = IngestConnection.of(URI.create("http://localhost:8080/"), "bbs_key_secret");
        assertThat(connection.ingestUrl()).hasToString("http://localhost:8080");
        assertThat(connection.toString()).doesNotContain("secret");
    }
}
