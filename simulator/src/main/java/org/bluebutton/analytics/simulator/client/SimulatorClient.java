package org.bluebutton.analytics.simulator.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.bluebutton.analytics.simulator.config.IngestConnection;

/**
 * Sends requests to ingest. A request answered 503 (Kafka unavailable), 500/502/504 or failing to
 * connect is sent again, unchanged, up to {@link IngestConnection#maxAttempts()} times, waiting what
 * Retry-After says (at most {@link IngestConnection#maxRetryWait()}) or 1, 2, 4... seconds: safe,
 * because every event carries its id. Thread-safe; keys are sent, never logged.
 */
public final class SimulatorClient {

    /** Told about every repeated attempt. */
    @FunctionalInterface
    public interface RetryListener {
        void retrying(String method, String path, String reason);
    }

    private final IngestConnection connection;
    private final RetryListener retries;
    private final HttpClient http;
    private final AtomicLong attempts = new AtomicLong();

    public SimulatorClient(IngestConnection connection, RetryListener retries) {
        this.connection = connection;
        this.retries = retries;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** The staff key of the connection. */
    public String staffKey() {
        return connection.staffKey();
    }

    /** HTTP requests made so far, counting every attempt. */
    public long attempts() {
        return attempts.get();
    }

    /**
     * Sends a request and returns the final answer (which may still be a 5xx when every attempt
     * failed); throws {@link IngestUnreachableException} when no attempt got an answer.
     *
     * @param key         the bearer key, or null for none
     * @param contentType the Content-Type, or null with no body
     * @param body        the body, or null for none
     */
    public IngestResponse send(String method, String path, String key, String contentType, byte[] body) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(connection.ingestUrl() + path))
                .timeout(connection.requestTimeout())
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            builder.header("Authorization", "Bearer " + key);
        }
        if (contentType != null) {
            builder.header("Content-Type", contentType);
        }
        HttpRequest request = builder.build();
        IOException lastFailure = null;
        for (int attempt = 1; ; attempt++) {
            attempts.incrementAndGet();
            Duration wait;
            String reason;
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                if (!IngestResponse.transientFailure(response.statusCode()) || attempt >= connection.maxAttempts()) {
                    return new IngestResponse(response.statusCode(), response.body(), attempt);
                }
                wait = response.headers().firstValue("Retry-After").map(SimulatorClient::seconds).orElse(backoff(attempt));
                reason = "status " + response.statusCode();
            } catch (IOException e) {
                lastFailure = e;
                if (attempt >= connection.maxAttempts()) {
                    throw new IngestUnreachableException(method + " " + path + " at " + connection.ingestUrl() + " failed on all "
                            + attempt + " attempts: " + e, e);
                }
                wait = backoff(attempt);
                reason = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IngestUnreachableException(method + " " + path + " interrupted", e);
            }
            retries.retrying(method, path, reason);
            sleep(wait.compareTo(connection.maxRetryWait()) > 0 ? connection.maxRetryWait() : wait, method, path, lastFailure);
        }
    }

    private static Duration seconds(String retryAfter) {
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(retryAfter.trim())));
        } catch (NumberFormatException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static Duration backoff(int attempt) {
        return Duration.ofSeconds(1L << Math.min(attempt - 1, 4));
    }

    private static void sleep(Duration wait, String method, String path, IOException cause) {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestUnreachableException(method + " " + path + " interrupted while waiting to retry", cause);
        }
    }
}
