package org.bluebutton.analytics.simulator.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.bluebutton.analytics.simulator.config.IngestConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Specifications of the client's retries, against a small HTTP server on localhost that answers
 * with a scripted series of statuses (what ingest answers while Kafka is away, then after).
 */
class SimulatorClientTest {

    private HttpServer server;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private final List<String> retries = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void a_503_with_retry_after_is_sent_again_unchanged_until_accepted() throws IOException {
        // given ingest answers 503 twice, then 202
        URI url = serve(503, 503, 202);
        SimulatorClient client = client(url, 5);

        // when
        IngestResponse response = client.send("POST", "/v1/organizations/a/download-activity", "bbk_a_b", "application/json",
                "[{\"eventId\":\"x\"}]".getBytes(StandardCharsets.UTF_8));

        // then
        assertThat(response.status()).isEqualTo(202);
        assertThat(response.attempts()).isEqualTo(3);
        assertThat(bodies).containsExactly("[{\"eventId\":\"x\"}]", "[{\"eventId\":\"x\"}]", "[{\"eventId\":\"x\"}]");
        assertThat(retries).containsExactly("status 503", "status 503");
        assertThat(client.attempts()).isEqualTo(3);
    }

    @Test
    void after_the_last_attempt_the_failure_is_returned_for_the_caller_to_leave_out_of_the_truth() throws IOException {
        // given
        URI url = serve(503, 503, 503, 202);

        // when
        IngestResponse response = client(url, 3).send("POST", "/x", "k", "application/json", new byte[] {'[', ']'});

        // then
        assertThat(response.status()).isEqualTo(503);
        assertThat(response.attempts()).isEqualTo(3);
    }

    @Test
    void a_client_error_is_answered_at_once_without_a_retry() throws IOException {
        // given
        URI url = serve(400, 202);

        // when
        IngestResponse response = client(url, 5).send("POST", "/x", "k", "application/json", new byte[] {'[', ']'});

        // then
        assertThat(response.status()).isEqualTo(400);
        assertThat(retries).isEmpty();
    }

    @Test
    void an_unreachable_ingest_is_reported_with_its_url_after_every_attempt() throws IOException {
        // given a port nobody listens on
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        SimulatorClient client = client(URI.create("http://localhost:" + port), 2);

        // then
        assertThatThrownBy(() -> client.send("GET", "/health", null, null, null))
                .isInstanceOf(IngestUnreachableException.class)
                .hasMessageContaining("http://localhost:" + port).hasMessageContaining("2 attempts");
        assertThat(retries).hasSize(1);
    }

    private SimulatorClient client(URI url, int attempts) {
        IngestConnection connection = new IngestConnection(url, "bbs_staff_key", 1, attempts, Duration.ofSeconds(5), Duration.ofSeconds(1));
        return new SimulatorClient(connection, (method, path, reason) -> retries.add(reason));
    }

    /** Starts a server answering the statuses in turn (503s with Retry-After: 0), and records the bodies. */
    private URI serve(int... statuses) throws IOException {
        AtomicInteger next = new AtomicInteger();
        server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int status = statuses[Math.min(next.getAndIncrement(), statuses.length - 1)];
            if (status == 503) {
                exchange.getResponseHeaders().add("Retry-After", "0");
            }
            byte[] body = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return URI.create("http://localhost:" + server.getAddress().getPort());
    }
}
