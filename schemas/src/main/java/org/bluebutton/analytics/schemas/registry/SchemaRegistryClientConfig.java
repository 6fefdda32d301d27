package org.bluebutton.analytics.schemas.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How to reach the registry.
 *
 * @param baseUrl base URL, which may include a path (Apicurio serves the API under
 *     {@code /apis/ccompat/v7}); a trailing slash is optional
 * @param basicAuthUserInfo {@code user:password} for HTTP basic auth, or {@code null}
 * @param sslContext TLS settings for an https URL (trust store, client certificate), or {@code null}
 *     for the JVM default
 * @param connectTimeout TCP connect timeout
 * @param requestTimeout time allowed for one whole request
 */
public record SchemaRegistryClientConfig(
        URI baseUrl, String basicAuthUserInfo, SSLContext sslContext, Duration connectTimeout, Duration requestTimeout) {

    /** Default connect timeout: a registry that does not accept a connection in 5 s is down. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Default request timeout. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);

    public SchemaRegistryClientConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        String scheme = baseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("schema registry URL must be http or https: " + baseUrl);
        }
        String text = baseUrl.toString();
        baseUrl = URI.create(text.endsWith("/") ? text : text + "/");
    }

    /** A configuration with no auth, default TLS and default timeouts. */
    public static SchemaRegistryClientConfig of(String baseUrl) {
        return new SchemaRegistryClientConfig(URI.create(baseUrl), null, null, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    /** The URL without credentials, safe to log. */
    @Override
    public String toString() {
        return "SchemaRegistryClientConfig[baseUrl=" + baseUrl + ", basicAuth=" + (basicAuthUserInfo != null)
                + ", tls=" + (sslContext != null) + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + "]";
    }
}
