package org.bluebutton.analytics.streams.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Calls a query API as staff (or anonymously) and reads JSON answers. */
public final class QueryClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    /** One answer: status, content type, body, parsed when JSON. */
    public record Answer(int status, String contentType, String retryAfter, String body) {
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }
    }

    /** GET {@code url} with the staff key. */
    public Answer asStaff(String url) {
        return get(url, "Bearer " + StaffKeys.KEY);
    }

    /** GET {@code url} with the given Authorization header (null: none). */
    public Answer get(String url, String authorization) {
        return get(url, "Authorization", authorization);
    }

    /** GET {@code url} with one header {@code name} (none when {@code value} is null). */
    public Answer get(String url, String name, String value) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (value != null) {
            request.header(name, value);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.headers().firstValue("Retry-After").orElse(null), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The staff answer at {@code url} once it is 200 and {@code until} holds for its JSON (polled for up to 90 s). */
    public JsonNode awaitStaff(String url, Predicate<JsonNode> until) {
        Answer[] last = new Answer[1];
        try {
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(300)).until(() -> {
                last[0] = asStaff(url);
                return last[0].status() == 200 && until.test(last[0].json());
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("no answer of " + url + " met the condition within 90 s; the last: "
                    + (last[0] == null ? "none" : last[0].status() + " " + last[0].body()), e);
        }
        return last[0].json();
    }
}
