package org.bluebutton.analytics.ingest.auth;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.bluebutton.analytics.ingest.kafka.CompactedTopicView;
import org.bluebutton.analytics.schemas.security.ApiCredential;
import org.bluebutton.analytics.schemas.topic.Topics;

/**
 * The current credential of every organization, from the compacted credentials topic, indexed by
 * key id for authentication. A rotated key's id disappears from the index with the rotation.
 */
public final class Credentials {

    private final Map<String, ApiCredential> byKeyId = new ConcurrentHashMap<>();
    private final CompactedTopicView<ApiCredential> view;

    /**
     * Follows the credentials topic through {@code consumer} (owned); call {@link #start()}.
     *
     * @param maxStaleness how old the view's last confirmation against the broker may be for it to be current
     */
    public Credentials(Consumer<String, ApiCredential> consumer, Duration maxStaleness) {
        this.view = new CompactedTopicView<>(Topics.API_CREDENTIALS.name(), consumer, this::changed, maxStaleness);
    }

    /** Starts following the topic. */
    public void start() {
        view.start();
    }

    /** Waits until the credentials that existed at start have been read. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return view.awaitCaughtUp(timeout);
    }

    /** Keeps the key-id index in step with the view. */
    private void changed(ApiCredential previous, ApiCredential current) {
        if (previous != null) {
            byKeyId.remove(previous.getKeyId(), previous);
        }
        if (current != null) {
            byKeyId.put(current.getKeyId(), current);
        }
    }

    /** The credential with {@code keyId}, if it is an organization's current one. */
    public Optional<ApiCredential> byKeyId(String keyId) {
        return Optional.ofNullable(byKeyId.get(keyId));
    }

    /** Whether the latest credential record of {@code orgId} could not be read. */
    public boolean isUnreadable(String orgId) {
        return view.isUnreadable(orgId);
    }

    /** The current credential of {@code orgId}. */
    public Optional<ApiCredential> byOrganization(String orgId) {
        return view.get(orgId);
    }

    /** Whether the credentials can be trusted now (see {@link CompactedTopicView#freshness()}). */
    public CompactedTopicView.Freshness freshness() {
        return view.freshness();
    }

    /** Whether the credentials are loaded and still followed. */
    public boolean isHealthy() {
        return view.isHealthy();
    }

    /** Stops following the credentials topic. */
    public void close() throws InterruptedException {
        view.close();
    }

    /** Applies this instance's acknowledged write. */
    public void written(ApiCredential credential, int partition, long offset) {
        view.put(credential.getOrgId(), credential, partition, offset);
    }
}
