package org.bluebutton.analytics.streams.query.store;

import io.micronaut.context.annotation.Requires;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.apache.kafka.streams.state.HostInfo;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.streams.query.QuerySettings;

/**
 * Calls other instances' internal store routes. Peers authenticate with the staff key's SHA-256,
 * which every instance is configured with and which does not open the staff routes (those need the key itself).
 */
@Singleton
@Requires(env = ServiceEnvironments.QUERY)
public class Peers {

    /** Header carrying the peer credential. */
    public static final String PEER_HEADER = "X-Bluebutton-Peer";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final JsonMapper json;
    private final QuerySettings settings;

    public Peers(JsonMapper json, QuerySettings settings) {
        this.json = json;
        this.settings = settings;
    }

    /** The values of {@code keys} (serialized) from the instance {@code host}. */
    public StoreEntries get(HostInfo host, String store, StoreEntries keys) {
        try {
            return send(host, HttpRequest.newBuilder(uri(host, store))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(keys))).header("Content-Type", "application/json"), store);
        } catch (IOException e) {
            throw new StoreUnavailableException("could not encode keys for store " + store, e);
        }
    }

    /** The entries between two keys (serialized, the first naming the partition) from the instance {@code host}. */
    public StoreEntries range(HostInfo host, String store, StoreEntries bounds) {
        try {
            return send(host, HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port() + "/internal/v1/stores/" + store + "/range"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(bounds))).header("Content-Type", "application/json"), store);
        } catch (IOException e) {
            throw new StoreUnavailableException("could not encode the range for store " + store, e);
        }
    }

    /** Every entry of the partitions active on {@code host}. */
    public StoreEntries all(HostInfo host, String store) {
        return send(host, HttpRequest.newBuilder(uri(host, store)).GET(), store);
    }

    private StoreEntries send(HostInfo host, HttpRequest.Builder request, String store) {
        try {
            HttpResponse<byte[]> response = client.send(request.timeout(TIMEOUT).header(PEER_HEADER, settings.peerSecret()).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() == 503) {
                throw new StoreUnavailableException("instance " + host + " answered 503 for store " + store);
            }
            if (response.statusCode() != 200) {
                // Not transient (e.g. 401: the instances are configured with different peer secrets): no Retry-After.
                throw new PeerRequestException(host, store, response.statusCode());
            }
            return json.readValue(response.body(), StoreEntries.class);
        } catch (IOException e) {
            throw new StoreUnavailableException("instance " + host + " did not answer for store " + store + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted while asking " + host + " for store " + store, e);
        }
    }

    private static URI uri(HostInfo host, String store) {
        return URI.create("http://" + host.host() + ":" + host.port() + "/internal/v1/stores/" + store + "/entries");
    }
}
