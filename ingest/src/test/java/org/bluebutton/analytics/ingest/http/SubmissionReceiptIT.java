package org.bluebutton.analytics.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.bluebutton.analytics.ingest.testing.IngestServer;
import org.bluebutton.analytics.ingest.testing.IngestServerExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The receipt each accepted submission answers with: an id, counts per kind, the months covered with their totals as accepted. */
@ExtendWith(IngestServerExtension.class)
class SubmissionReceiptIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final IngestServer ingest;

    SubmissionReceiptIT(IngestServer ingest) {
        this.ingest = ingest;
    }

    @Test
    void a_download_batch_is_answered_with_its_months_and_their_totals_per_channel() throws Exception {
        String key = ingest.hospitalWithKey("receipt-downloads");

        JsonNode receipt = accepted(ingest.post("/v1/organizations/receipt-downloads/download-activity", key, IngestServer.JSON, """
                [{"eventId":"%s","occurredAt":"2025-02-27T10:00:00Z","channel":"DOWNLOAD","count":3},
                 {"eventId":"%s","occurredAt":"2025-03-01T00:00:00Z","intervalEnd":"2025-03-02T00:00:00Z","channel":"VIEW","count":250},
                 {"eventId":"%s","occurredAt":"2025-03-05T09:00:00Z","channel":"DOWNLOAD","count":4}]
                """.formatted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID())));

        assertThat(receipt.at("/accepted").asInt()).as("the field clients already read").isEqualTo(3);
        assertThat(UUID.fromString(receipt.at("/submissionId").asText())).isNotNull();
        assertThat(receipt.at("/counts").toString()).isEqualTo("{\"downloadActivity\":3}");
        assertThat(receipt.at("/months")).extracting(month -> month.get("month").asText()).containsExactly("2025-02", "2025-03");
        assertThat(receipt.at("/months/0/downloads").asLong()).isEqualTo(3);
        assertThat(receipt.at("/months/1/downloads").asLong()).isEqualTo(4);
        assertThat(receipt.at("/months/1/views").asLong()).isEqualTo(250);
        assertThat(receipt.at("/months/1/downloadEvents").asInt()).isEqualTo(2);
        assertThat(receipt.at("/rows").isMissingNode()).as("rows are echoed for CSV uploads only").isTrue();
    }

    @Test
    void the_snapshot_with_the_latest_date_stands_for_its_month_in_the_receipt() throws Exception {
        String key = ingest.hospitalWithKey("receipt-snapshots");

        JsonNode receipt = accepted(ingest.post("/v1/organizations/receipt-snapshots/access-snapshots", key, IngestServer.JSON, """
                [{"eventId":"%s","asOf":"2025-02-28","patientsWithAccess":1200},
                 {"eventId":"%s","asOf":"2025-02-10","patientsWithAccess":1000},
                 {"eventId":"%s","asOf":"2025-03-31","patientsWithAccess":1300}]
                """.formatted(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID())));

        assertThat(receipt.at("/counts/accessSnapshots").asInt()).isEqualTo(3);
        assertThat(receipt.at("/months/0/patientsWithAccess").asLong()).isEqualTo(1_200);
        assertThat(receipt.at("/months/0/accessAsOf").asText()).isEqualTo("2025-02-28");
        assertThat(receipt.at("/months/0/accessSnapshots").asInt()).isEqualTo(2);
        assertThat(receipt.at("/months/1/patientsWithAccess").asLong()).isEqualTo(1_300);
    }

    @Test
    void a_monthly_csv_upload_echoes_the_rows_it_parsed_with_empty_cells_as_null() throws Exception {
        String key = ingest.hospitalWithKey("receipt-csv");

        JsonNode receipt = accepted(ingest.post("/v1/organizations/receipt-csv/monthly-stats", key, IngestServer.CSV,
                "month,patients_with_access,views,downloads,transmits\n2024-11,9000,100,0,\n2024-12,,110,45,2\n"));

        assertThat(receipt.at("/rows")).hasSize(2);
        assertThat(receipt.at("/rows/0").toString()).isEqualTo("{\"month\":\"2024-11\",\"patientsWithAccess\":9000,\"views\":100,\"downloads\":0}");
        assertThat(receipt.at("/rows/1/patientsWithAccess").isMissingNode()).as("an empty cell: not reported").isTrue();
        assertThat(receipt.at("/counts/accessSnapshots").asInt()).isEqualTo(1);
        assertThat(receipt.at("/counts/downloadActivity").asInt()).as("one month-long event per non-zero count").isEqualTo(4);
        assertThat(receipt.at("/months/0/accessAsOf").asText()).isEqualTo("2024-11-30");
        assertThat(receipt.at("/months/1/downloads").asLong()).isEqualTo(45);
    }

    @Test
    void a_resent_batch_gets_a_new_submission_id_and_the_same_totals() throws Exception {
        String key = ingest.hospitalWithKey("receipt-resend");
        String body = """
                [{"eventId":"%s","occurredAt":"2025-03-05T09:00:00Z","channel":"TRANSMIT","count":2}]
                """.formatted(UUID.randomUUID());

        JsonNode first = accepted(ingest.post("/v1/organizations/receipt-resend/download-activity", key, IngestServer.JSON, body));
        JsonNode second = accepted(ingest.post("/v1/organizations/receipt-resend/download-activity", key, IngestServer.JSON, body));

        assertThat(second.at("/submissionId").asText()).isNotEqualTo(first.at("/submissionId").asText());
        assertThat(second.at("/months")).isEqualTo(first.at("/months"));
    }

    private static JsonNode accepted(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return JSON.readTree(response.body());
    }
}
