package org.bluebutton.analytics.reporting.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.bluebutton.analytics.reporting.ReportFixture;
import org.bluebutton.analytics.schemas.aggregate.ActivityCounts;
import org.junit.jupiter.api.Test;

class DatasetsTest {

    private final Map<String, Dataset<?>> datasets = Datasets.of(ReportFixture.snapshot()).stream()
            .collect(Collectors.toMap(Dataset::name, Function.identity()));

    private static List<GenericRecord> rows(Dataset<?> dataset) {
        List<GenericRecord> rows = new ArrayList<>();
        dataset.rows().forEach(rows::add);
        return rows;
    }

    @Test
    void ten_datasets_each_under_a_year_partition_with_as_many_rows_as_it_says() {
        assertThat(datasets).hasSize(10);
        for (Dataset<?> dataset : datasets.values()) {
            assertThat(dataset.relativePath()).isEqualTo("datasets/" + dataset.name() + "/year=2025/part-00000.parquet");
            assertThat(rows(dataset)).hasSize((int) dataset.rowCount());
            assertThat(dataset.schema().getField("year")).as("partition column stays out of the files").isNull();
        }
    }

    @Test
    void organizations_carry_status_withdrawal_time_and_whether_active_at_year_end() {
        GenericRecord westside = rows(datasets.get(Datasets.ORGANIZATIONS)).stream()
                .filter(r -> r.get("org_id").equals("wclinic")).findFirst().orElseThrow();
        assertThat(westside.get("status")).isEqualTo("WITHDRAWN");
        assertThat(westside.get("withdrawn_at")).isEqualTo(Instant.parse("2025-06-01T00:00:00Z"));
        assertThat(westside.get("active_at_year_end")).isEqualTo(false);
        GenericRecord beta = rows(datasets.get(Datasets.ORGANIZATIONS)).stream()
                .filter(r -> r.get("org_id").equals("beta")).findFirst().orElseThrow();
        assertThat(beta.get("pledged_in_year")).isEqualTo(true);
        assertThat(beta.get("commitments")).isEqualTo(List.of("DOWNLOAD_FROM_PORTAL", "DIRECT_TRANSMIT"));
    }

    @Test
    void org_month_rows_flatten_activity_and_access_with_nulls_where_no_snapshot_was_sent() {
        List<GenericRecord> rows = rows(datasets.get(Datasets.ORG_MONTH));
        assertThat(rows).extracting(r -> r.get("org_id") + "-" + r.get("month")).containsExactly("alpha-1", "alpha-2", "beta-3", "gamma-1");
        GenericRecord gamma = rows.get(3);
        assertThat(gamma.get("api_accesses")).isEqualTo(7L);
        assertThat(gamma.get("access_as_of")).isEqualTo(LocalDate.of(2025, 1, 15));
        assertThat(gamma.get("patients_offered")).isNull();
    }

    @Test
    void timestamps_dates_and_decimals_carry_logical_types() {
        Schema organizations = Datasets.ORGANIZATIONS_SCHEMA;
        assertThat(organizations.getField("pledged_at").schema().getLogicalType()).isEqualTo(LogicalTypes.timestampMillis());
        Schema decimal = Datasets.ORG_YEAR_SCHEMA.getField("actions_per_patient").schema().getTypes().get(1);
        assertThat(decimal.getLogicalType()).isEqualTo(LogicalTypes.decimal(18, 4));
        Schema date = Datasets.ENGAGEMENT_ACTIVITIES_SCHEMA.getField("occurred_on").schema();
        assertThat(date.getLogicalType()).isEqualTo(LogicalTypes.date());
        for (Schema.Field field : Datasets.ORG_YEAR_SCHEMA.getFields()) {
            assertThat(field.doc()).as(field.name()).isNotBlank();
        }
    }

    @Test
    void actions_per_patient_is_all_channels_over_patients_rounded_half_even_and_null_without_patients() {
        ActivityCounts activity = new ActivityCounts(1900L, 850L, 50L, 0L, 95L);
        assertThat(Datasets.actionsPerPatient(activity, 52_000L)).isEqualByComparingTo(new BigDecimal("0.0538"));
        assertThat(Datasets.actionsPerPatient(new ActivityCounts(1L, 0L, 0L, 0L, 1L), 8L)).isEqualTo(new BigDecimal("0.1250"));
        assertThat(Datasets.actionsPerPatient(new ActivityCounts(1L, 0L, 0L, 0L, 1L), 16L)).as("0.0625 → 0.0625").isEqualTo(new BigDecimal("0.0625"));
        assertThat(Datasets.actionsPerPatient(new ActivityCounts(1L, 0L, 0L, 0L, 1L), 32L)).as("0.03125 half-even → 0.0312")
                .isEqualTo(new BigDecimal("0.0312"));
        assertThat(Datasets.actionsPerPatient(activity, 0L)).isNull();
        assertThat(Datasets.actionsPerPatient(activity, null)).isNull();
    }

    @Test
    void breakdowns_hold_the_report_year_only_with_months_and_the_year_row() {
        assertThat(rows(datasets.get(Datasets.PROGRAM_METRICS))).extracting(r -> r.get("period") + "-" + r.get("month"))
                .containsExactly("MONTH-1", "MONTH-2", "MONTH-3", "YEAR-null");
        assertThat(rows(datasets.get(Datasets.STATE_METRICS))).extracting(r -> r.get("state") + "-" + r.get("period") + "-" + r.get("month"))
                .containsExactly("MA-MONTH-1", "MA-MONTH-2", "MA-MONTH-3", "MA-YEAR-null", "NY-MONTH-1", "NY-YEAR-null");
    }
}
