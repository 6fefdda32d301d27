package org.bluebutton.analytics.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/** The Parquet stage writes rows with the report's own org_month columns. */
class ParquetStageTest {

    @Test
    void rowsFollowTheReportsOrgMonthSchema() {
        Schema schema = ParquetStage.orgMonthSchema();
        assertThat(schema.getFields()).extracting(Schema.Field::name).startsWith("org_id", "month", "views");
        List<GenericRecord> rows = new ArrayList<>();
        ParquetStage.dataset(schema, 13).rows().forEach(rows::add);
        assertThat(rows).hasSize(13);
        assertThat(rows.get(12).get("org_id")).isEqualTo("org-0000001");
        assertThat(rows.get(12).get("month")).isEqualTo(1);
        assertThat(rows.get(3).get("access_as_of")).isNull(); // every fourth row has no snapshot, as in SQL
    }
}
