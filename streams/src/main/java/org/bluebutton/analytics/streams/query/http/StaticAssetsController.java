package org.bluebutton.analytics.streams.query.http;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.bluebutton.analytics.contracts.ServiceEnvironments;

/**
 * The pages' own stylesheets and scripts, served from the same origin so that their content security
 * policy needs no {@code unsafe-inline} ({@link QuerySecurityHeadersFilter}). A fixed list of files
 * read from the classpath at start (a missing one stops the start); public to anyone (they hold no
 * data), revalidated by entity tag so a new release is picked up at once.
 */
@Hidden
@Context
@Controller
@Requires(env = ServiceEnvironments.QUERY)
public class StaticAssetsController {

    private static final String CSS = "text/css;charset=utf-8";
    private static final String JAVASCRIPT = "text/javascript;charset=utf-8";

    private final Map<String, Asset> assets;

    public StaticAssetsController() {
        assets = Map.of(
                "/hub/hub.css", Asset.read("/hub/hub.css", CSS),
                "/dashboard/dashboard.css", Asset.read("/dashboard/dashboard.css", CSS),
                "/dashboard/dashboard.js", Asset.read("/dashboard/dashboard.js", JAVASCRIPT),
                "/dashboard/data-holder.css", Asset.read("/dashboard/data-holder.css", CSS),
                "/dashboard/data-holder.js", Asset.read("/dashboard/data-holder.js", JAVASCRIPT));
    }

    @Get("/hub/hub.css")
    public MutableHttpResponse<?> hubStyle(@Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return serve("/hub/hub.css", ifNoneMatch);
    }

    @Get("/dashboard/dashboard.css")
    public MutableHttpResponse<?> dashboardStyle(@Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return serve("/dashboard/dashboard.css", ifNoneMatch);
    }

    @Get("/dashboard/dashboard.js")
    public MutableHttpResponse<?> dashboardScript(@Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return serve("/dashboard/dashboard.js", ifNoneMatch);
    }

    @Get("/dashboard/data-holder.css")
    public MutableHttpResponse<?> dataHolderStyle(@Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return serve("/dashboard/data-holder.css", ifNoneMatch);
    }

    @Get("/dashboard/data-holder.js")
    public MutableHttpResponse<?> dataHolderScript(@Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return serve("/dashboard/data-holder.js", ifNoneMatch);
    }

    private MutableHttpResponse<?> serve(String path, String ifNoneMatch) {
        Asset asset = assets.get(path);
        MutableHttpResponse<?> response = asset.etag().equals(ifNoneMatch) ? HttpResponse.status(HttpStatus.NOT_MODIFIED)
                : HttpResponse.ok(asset.body()).contentType(asset.contentType());
        return response.header(HttpHeaders.ETAG, asset.etag()).header(HttpHeaders.CACHE_CONTROL, "public, no-cache");
    }

    private record Asset(byte[] body, String contentType, String etag) {
        static Asset read(String resource, String contentType) {
            try (InputStream in = StaticAssetsController.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException(resource + " is missing from the classpath");
                }
                byte[] body = in.readAllBytes();
                return new Asset(body, contentType, "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body), 0, 12) + "\"");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
            }
        }
    }
}
