package org.bluebutton.analytics.streams.query.http;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.bluebutton.analytics.contracts.ServiceEnvironments;

/**
 * Serves the OpenAPI document generated at build time. Read by its full class-path name rather than
 * through a static-resource directory mapping: where ingest's jar is on the same class path (the
 * local run), a mapping of {@code META-INF/swagger} resolved to ingest's directory and missed this file.
 * Created with the context ({@code @Context}), so a missing document stops the start instead of
 * failing requests.
 */
@Hidden
@Context
@Controller
@Requires(env = ServiceEnvironments.QUERY)
public class OpenApiController {

    /** Where the document is served and found. */
    static final String DOCUMENT = "bluebutton-query-v1.yml";

    private final String document;

    public OpenApiController() {
        try (InputStream in = OpenApiController.class.getResourceAsStream("/META-INF/swagger/" + DOCUMENT)) {
            if (in == null) {
                throw new IllegalStateException("META-INF/swagger/" + DOCUMENT + " is missing from the class path: was the OpenAPI processor run?");
            }
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get(uri = "/openapi/" + DOCUMENT, produces = "application/yaml")
    public HttpResponse<String> document() {
        return HttpResponse.ok(document);
    }
}
