package org.bluebutton.analytics.ingest.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Timer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.SerdeImport;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.ingest.activity.ActivitySubmission;
import org.bluebutton.analytics.ingest.activity.Receipt;
import org.bluebutton.analytics.ingest.auth.Authenticator;
import org.bluebutton.analytics.ingest.config.IngestConfiguration;
import org.bluebutton.analytics.ingest.validation.JsonBatch;

/**
 * What an organization reports, with its own key, under {@code /v1/organizations/{orgId}}. Batches
 * are JSON arrays or NDJSON; monthly statistics are CSV. Each answers 202 with the number of events
 * once Kafka acknowledged all of them.
 */
@Requires(notEnv = ServiceEnvironments.QUERY) // a process that also runs the streams query service keeps the two apart
@Controller("/v1/organizations/{orgId}")
@ExecuteOn(TaskExecutors.BLOCKING)
@SerdeImport(Receipt.MonthTotals.class) // the receipt is made in the activity package, which knows no JSON framework
@SerdeImport(Receipt.MonthlyRow.class)
public class ActivityController {

    /** Newline-delimited JSON: one event per line. */
    public static final String NDJSON = "application/x-ndjson";

    private final Authenticator authenticator;
    private final ActivitySubmission submission;
    private final IngestConfiguration config;
    private final IngestMetrics metrics;

    public ActivityController(Authenticator authenticator, ActivitySubmission submission, IngestConfiguration config,
            IngestMetrics metrics) {
        this.authenticator = authenticator;
        this.submission = submission;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * The answer to an accepted submission: how many events ({@code accepted}, as before) and the receipt —
     * a submission id, events per kind, the months covered with their totals as accepted, and for a CSV
     * upload the rows parsed (see {@link Receipt}). Fields are only ever added.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Accepted(String orgId, int accepted, String submissionId, Map<String, Integer> counts, List<Receipt.MonthTotals> months,
            @Nullable List<Receipt.MonthlyRow> rows) {
        static Accepted of(String orgId, Receipt receipt) {
            return new Accepted(orgId, receipt.accepted(), receipt.submissionId(), receipt.counts(), receipt.months(), receipt.rows());
        }
    }

    @Operation(summary = "Report download activity (views, downloads, transmits, API accesses)")
    @ApiResponse(responseCode = "202", description = "Every event acknowledged by Kafka")
    @Post(uri = "/download-activity", consumes = {MediaType.APPLICATION_JSON, NDJSON})
    public HttpResponse<Accepted> downloadActivity(@PathVariable String orgId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
            HttpRequest<?> request, @Nullable @Body byte[] body) {
        authorize(orgId, authorization);
        return accepted(orgId, "download-activity", () -> submission.downloadActivity(orgId, items(request, body)));
    }

    @Operation(summary = "Report patients with access (access snapshots)")
    @ApiResponse(responseCode = "202", description = "Every event acknowledged by Kafka")
    @Post(uri = "/access-snapshots", consumes = {MediaType.APPLICATION_JSON, NDJSON})
    public HttpResponse<Accepted> accessSnapshots(@PathVariable String orgId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
            HttpRequest<?> request, @Nullable @Body byte[] body) {
        authorize(orgId, authorization);
        return accepted(orgId, "access-snapshot", () -> submission.accessSnapshots(orgId, items(request, body)));
    }

    @Operation(summary = "Report engagement activities and stories")
    @ApiResponse(responseCode = "202", description = "Every event acknowledged by Kafka")
    @Post(uri = "/engagement-activities", consumes = {MediaType.APPLICATION_JSON, NDJSON})
    public HttpResponse<Accepted> engagementActivities(@PathVariable String orgId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
            HttpRequest<?> request, @Nullable @Body byte[] body) {
        authorize(orgId, authorization);
        return accepted(orgId, "engagement-activity", () -> submission.engagementActivities(orgId, items(request, body)));
    }

    @Operation(summary = "Upload monthly statistics as CSV: month,patients_with_access,views,downloads,transmits")
    @ApiResponse(responseCode = "202", description = "Every event acknowledged by Kafka")
    @Post(uri = "/monthly-stats", consumes = "text/csv")
    public HttpResponse<Accepted> monthlyStats(@PathVariable String orgId, @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization,
            @Nullable @Body byte[] body) {
        authorize(orgId, authorization);
        return accepted(orgId, "monthly-stats", () -> submission.monthlyStats(orgId, body));
    }

    private void authorize(String orgId, String authorization) {
        Authenticator.requireOrganization(authenticator.authenticate(authorization), orgId);
    }

    private List<JsonNode> items(HttpRequest<?> request, byte[] body) {
        boolean ndjson = request.getContentType().map(type -> type.matches(MediaType.of(NDJSON))).orElse(false);
        return ndjson ? JsonBatch.fromNdjson(body, config.maxBatchItems()) : JsonBatch.fromJsonArray(body, config.maxBatchItems());
    }

    private HttpResponse<Accepted> accepted(String orgId, String kind, Supplier<Receipt> publish) {
        Timer.Sample sample = metrics.startPublish();
        Receipt receipt = publish.get();
        metrics.published(sample, kind);
        metrics.accepted(kind, receipt.accepted());
        return HttpResponse.accepted().body(Accepted.of(orgId, receipt));
    }
}
