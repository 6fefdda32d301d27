package org.bluebutton.analytics.ingest.http;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.serde.annotation.SerdeImport;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import org.bluebutton.analytics.contracts.KafkaUnavailableException;
import org.bluebutton.analytics.contracts.Problem;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.contracts.UnknownOrganizationException;
import org.bluebutton.analytics.ingest.auth.AuthenticationException;
import org.bluebutton.analytics.ingest.auth.CredentialsNotCurrentException;
import org.bluebutton.analytics.ingest.auth.ForbiddenException;
import org.bluebutton.analytics.ingest.config.IngestConfiguration;
import org.bluebutton.analytics.ingest.limits.RateLimitedException;
import org.bluebutton.analytics.ingest.pledge.OrganizationConflictException;
import org.bluebutton.analytics.ingest.publish.PublishFailedException;
import org.bluebutton.analytics.ingest.signup.PledgeRequestDecidedException;
import org.bluebutton.analytics.ingest.signup.PledgeRequestTooLargeException;
import org.bluebutton.analytics.ingest.signup.UnknownPledgeRequestException;
import org.bluebutton.analytics.ingest.staff.StaffAccountConflictException;
import org.bluebutton.analytics.ingest.staff.UnknownStaffAccountException;
import org.bluebutton.analytics.ingest.validation.BatchTooLargeException;
import org.bluebutton.analytics.ingest.validation.InvalidRequestException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error leaves as {@code application/problem+json}: the service's own failures through
 * {@link #handle}, and the framework's (unknown route, wrong method or media type, body too large)
 * through {@link #processResponse}, which replaces Micronaut's default JSON/HTML error bodies.
 */
@Requires(notEnv = ServiceEnvironments.QUERY) // a process that also runs the streams query service keeps the two apart
@Singleton
@Replaces(ErrorResponseProcessor.class)
@Produces(Problem.MEDIA_TYPE)
@SerdeImport(Problem.class) // the shared body (module service-contracts) is plain Java
@SerdeImport(Problem.ItemError.class)
public class ProblemResponses implements ErrorResponseProcessor<Problem>, ExceptionHandler<RuntimeException, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponses.class);

    private final IngestConfiguration config;
    private final IngestMetrics metrics;

    public ProblemResponses(IngestConfiguration config, IngestMetrics metrics) {
        this.config = config;
        this.metrics = metrics;
    }

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        int status = response.code();
        metrics.rejected(slug(HttpStatus.valueOf(status)));
        Problem problem = Problem.ofStatus(status, HttpStatus.valueOf(status).getReason(),
                context.getErrors().stream().map(e -> e.getMessage()).toList(), response.reason());
        return response.body(problem).contentType(Problem.MEDIA_TYPE);
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, RuntimeException exception) {
        if (exception instanceof InvalidRequestException invalid) {
            String detail = invalid.total() > invalid.violations().size()
                    ? "Nothing was published: " + invalid.total() + " problems were found, the first " + invalid.violations().size()
                            + " are listed; fix them all and resend the whole request"
                    : "Nothing was published: fix every listed problem and resend the whole request";
            return problem(HttpStatus.BAD_REQUEST, "invalid-request", invalid.title(), detail,
                    invalid.violations().stream().map(v -> new Problem.ItemError(v.index(), v.field(), v.reason())).toList());
        }
        if (exception instanceof BatchTooLargeException tooLarge) {
            return problem(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "batch-too-large", "Batch too large", tooLarge.getMessage(), List.of());
        }
        if (exception instanceof AuthenticationException) {
            return problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Not authenticated", exception.getMessage(), List.of())
                    .header("WWW-Authenticate", "Bearer");
        }
        if (exception instanceof CredentialsNotCurrentException) {
            LOG.warn("Answering 503 to {} {}: {}", request.getMethod(), request.getPath(), exception.getMessage());
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "credentials-not-current", "Temporarily unavailable",
                    exception.getMessage(), List.of()).header("Retry-After", Long.toString(config.retryAfter().toSeconds()));
        }
        if (exception instanceof ForbiddenException) {
            return problem(HttpStatus.FORBIDDEN, "forbidden", "Not allowed", exception.getMessage(), List.of());
        }
        if (exception instanceof UnknownOrganizationException) {
            return problem(HttpStatus.NOT_FOUND, "unknown-organization", "Unknown organization", exception.getMessage(), List.of());
        }
        if (exception instanceof OrganizationConflictException) {
            return problem(HttpStatus.CONFLICT, "organization-conflict", "Conflict", exception.getMessage(), List.of());
        }
        if (exception instanceof RateLimitedException limited) {
            return problem(HttpStatus.TOO_MANY_REQUESTS, limited.limit() + "-rate-limited", "Too many requests", exception.getMessage(),
                    List.of()).header("Retry-After", Long.toString(limited.retryAfterSeconds()));
        }
        if (exception instanceof UnknownStaffAccountException) {
            return problem(HttpStatus.NOT_FOUND, "unknown-staff-account", "Unknown staff account", exception.getMessage(), List.of());
        }
        if (exception instanceof StaffAccountConflictException) {
            return problem(HttpStatus.CONFLICT, "staff-account-conflict", "Conflict", exception.getMessage(), List.of());
        }
        if (exception instanceof UnknownPledgeRequestException) {
            return problem(HttpStatus.NOT_FOUND, "unknown-pledge-request", "Unknown pledge request", exception.getMessage(), List.of());
        }
        if (exception instanceof PledgeRequestTooLargeException) {
            return problem(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "request-too-large", "Request too large", exception.getMessage(), List.of());
        }
        if (exception instanceof PledgeRequestDecidedException) {
            return problem(HttpStatus.CONFLICT, "pledge-request-decided", "Already decided", exception.getMessage(), List.of());
        }
        if (exception instanceof KafkaUnavailableException) {
            LOG.warn("Answering 503 to {} {}: {}", request.getMethod(), request.getPath(), exception.getMessage());
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "kafka-unavailable", "Temporarily unavailable",
                    "The events could not be stored right now; nothing is lost by retrying the whole request later",
                    List.of()).header("Retry-After", Long.toString(config.retryAfter().toSeconds()));
        }
        if (exception instanceof PublishFailedException) {
            LOG.error("Kafka refused the records of {} {}", request.getMethod(), request.getPath(), exception);
            return problem(HttpStatus.INTERNAL_SERVER_ERROR, "publish-failed", "Could not store the events",
                    "Kafka refused the events for a reason retrying will not fix by itself; resend once operators have fixed it",
                    List.of());
        }
        LOG.error("Unexpected failure of {} {}", request.getMethod(), request.getPath(), exception);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The request failed unexpectedly; it was logged", List.of());
    }

    private MutableHttpResponse<Problem> problem(HttpStatus status, String slug, String title, String detail,
            List<Problem.ItemError> errors) {
        metrics.rejected(slug);
        return HttpResponse.<Problem>status(status)
                .body(new Problem(Problem.TYPE_PREFIX + slug, title, status.getCode(), detail, errors))
                .contentType(Problem.MEDIA_TYPE);
    }

    private static String slug(HttpStatus status) {
        return status.getReason().toLowerCase(Locale.ROOT).replace(' ', '-');
    }
}
