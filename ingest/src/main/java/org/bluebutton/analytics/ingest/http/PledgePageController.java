package org.bluebutton.analytics.ingest.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.Map;
import org.bluebutton.analytics.contracts.KafkaUnavailableException;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.ingest.config.IngestConfiguration;
import org.bluebutton.analytics.ingest.signup.FormFields;
import org.bluebutton.analytics.ingest.signup.PledgeFormPage;
import org.bluebutton.analytics.ingest.signup.PledgeRequestForm;
import org.bluebutton.analytics.ingest.signup.PledgeRequests;
import org.bluebutton.analytics.ingest.validation.InvalidRequestException;
import org.bluebutton.analytics.ingest.validation.Violation;
import org.bluebutton.analytics.schemas.event.PledgeRequest;

/**
 * The public "Take the Pledge" page, for anyone (no key): {@code GET /pledge} shows the form, a plain
 * form post to {@code POST /pledge} answers the confirmation, or the form again as sent with each
 * problem next to its field (400), or with a "try again" note when Kafka cannot take it now (503).
 * The same reader and store as {@code POST /v1/pledge-requests}; rate limited by {@link PublicRoutesFilter}.
 */
@Hidden // a page for people, not part of the API document
@Requires(notEnv = ServiceEnvironments.QUERY) // a process that also runs the streams query service keeps the two apart
@Controller(PledgeFormPage.PATH)
@ExecuteOn(TaskExecutors.BLOCKING)
public class PledgePageController {

    private static final String HTML = MediaType.TEXT_HTML + ";charset=utf-8";

    private final PledgeRequests requests;
    private final IngestMetrics metrics;
    private final IngestConfiguration config;

    public PledgePageController(PledgeRequests requests, IngestMetrics metrics, IngestConfiguration config) {
        this.requests = requests;
        this.metrics = metrics;
        this.config = config;
    }

    @Get(produces = MediaType.TEXT_HTML)
    public HttpResponse<String> form() {
        return HttpResponse.ok(PledgeFormPage.blank()).contentType(HTML);
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    public HttpResponse<String> submit(@Nullable @Body byte[] body) {
        PublicRoutesFilter.requireWithinLimit(body);
        Map<String, List<String>> values = FormFields.parse(body == null ? new byte[0] : body);
        try {
            PledgeRequest received = requests.submit(PledgeRequestForm.read(FormFields.asRequest(values)));
            metrics.accepted("pledge-request", 1);
            return HttpResponse.ok(PledgeFormPage.confirmation(received)).contentType(HTML);
        } catch (InvalidRequestException invalid) {
            metrics.rejected("invalid-request");
            return HttpResponse.<String>status(HttpStatus.BAD_REQUEST).body(PledgeFormPage.form(values, invalid.violations())).contentType(HTML);
        } catch (KafkaUnavailableException unavailable) {
            metrics.rejected("kafka-unavailable");
            return HttpResponse.<String>status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header("Retry-After", Long.toString(config.retryAfter().toSeconds()))
                    .body(PledgeFormPage.form(values, List.of(new Violation(null, null,
                            "We could not store your request just now and nothing was stored. Please send the form again in a minute."))))
                    .contentType(HTML);
        }
    }
}
