package org.bluebutton.analytics.streams.query.http;

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
import org.bluebutton.analytics.contracts.Problem;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.contracts.UnknownOrganizationException;
import org.bluebutton.analytics.streams.query.InvalidQueryException;
import org.bluebutton.analytics.streams.query.QuerySettings;
import org.bluebutton.analytics.streams.query.auth.CredentialsUnavailableException;
import org.bluebutton.analytics.streams.query.auth.ForbiddenException;
import org.bluebutton.analytics.streams.query.auth.NotAuthenticatedException;
import org.bluebutton.analytics.streams.query.store.CatchingUpException;
import org.bluebutton.analytics.streams.query.store.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error of the query service leaves as {@code application/problem+json}: its own failures
 * through {@link #handle}, the framework's (unknown route, wrong method) through {@link #processResponse}.
 */
@Singleton
@Requires(env = ServiceEnvironments.QUERY)
@Replaces(ErrorResponseProcessor.class)
@Produces(Problem.MEDIA_TYPE)
@SerdeImport(Problem.class) // the shared body (module service-contracts) is plain Java
@SerdeImport(Problem.ItemError.class)
public class QueryProblems implements ErrorResponseProcessor<Problem>, ExceptionHandler<RuntimeException, HttpResponse<Problem>> {

    private static final Logger LOG = LoggerFactory.getLogger(QueryProblems.class);

    private final QuerySettings settings;

    public QueryProblems(QuerySettings settings) {
        this.settings = settings;
    }

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        int status = response.code();
        Problem problem = Problem.ofStatus(status, HttpStatus.valueOf(status).getReason(),
                context.getErrors().stream().map(e -> e.getMessage()).toList(), response.reason());
        if (status >= 500) {
            // The framework's own failures would otherwise leave no trace but the status.
            LOG.error("Failure of {} {} answered {}: {}", context.getRequest().getMethod(), context.getRequest().getPath(), status,
                    problem.detail(), context.getRootCause().orElse(null));
        }
        return response.body(problem).contentType(Problem.MEDIA_TYPE);
    }

    @Override
    public HttpResponse<Problem> handle(HttpRequest request, RuntimeException exception) {
        if (exception instanceof InvalidQueryException) {
            return problem(HttpStatus.BAD_REQUEST, "invalid-query", "Invalid query", exception.getMessage());
        }
        if (exception instanceof NotAuthenticatedException) {
            return problem(HttpStatus.UNAUTHORIZED, "unauthenticated", "Not authenticated", exception.getMessage()).header("WWW-Authenticate", "Bearer");
        }
        if (exception instanceof ForbiddenException) {
            return problem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", exception.getMessage());
        }
        if (exception instanceof CredentialsUnavailableException) {
            LOG.info("Answering 503 to {} {}: {}", request.getMethod(), request.getPath(), exception.getMessage());
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "credentials-unavailable", "Temporarily unavailable",
                    "Organization keys cannot be checked right now; ask again shortly")
                    .header("Retry-After", Long.toString(settings.retryAfter().toSeconds()));
        }
        if (exception instanceof UnknownOrganizationException) {
            return problem(HttpStatus.NOT_FOUND, "unknown-organization", "Unknown organization", exception.getMessage());
        }
        if (exception instanceof CatchingUpException) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "catching-up", "Catching up", "This instance's figures are not complete yet: "
                    + exception.getMessage() + "; ask again shortly").header("Retry-After", Long.toString(settings.retryAfter().toSeconds()));
        }
        if (exception instanceof StoreUnavailableException) {
            LOG.info("Answering 503 to {} {}: {}", request.getMethod(), request.getPath(), exception.getMessage());
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "store-migrating", "Temporarily unavailable",
                    "The figures are moving between instances or the application is starting; ask again shortly")
                    .header("Retry-After", Long.toString(settings.retryAfter().toSeconds()));
        }
        LOG.error("Unexpected failure of {} {}", request.getMethod(), request.getPath(), exception);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error", "The request failed unexpectedly; it was logged");
    }

    private static MutableHttpResponse<Problem> problem(HttpStatus status, String slug, String title, String detail) {
        return HttpResponse.<Problem>status(status).body(new Problem(Problem.TYPE_PREFIX + slug, title, status.getCode(), detail))
                .contentType(Problem.MEDIA_TYPE);
    }
}
