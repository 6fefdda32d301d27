package org.bluebutton.analytics.ingest.auth;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.bluebutton.analytics.ingest.kafka.CompactedTopicView;
import org.bluebutton.analytics.schemas.security.ApiCredential;

/**
 * The current credential of every organization, from the compacted credentials topic, indexed by
 * key id for authentication. A rotated key's id disappears from the index with the rotation.
 */
public final class Credentials {

    private final Map<String, ApiCredential> byKeyId = new ConcurrentHashMap<>();
    private CompactedTopicView<ApiCredential> view;

    /** Connects the view whose changes keep the index; the view must call {@link #changed}. */
    public void attach(CompactedTopicView<ApiCredential> view) {
        this.view = view;
    }

    /** Keeps the key-id index in step with the view: pass to the view as its change listener. */
    public void changed(ApiCredential previous, ApiCredential current) {
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

    /** The current credential of {@code orgId}. */
    public Optional<ApiCredential> byOrganization(String orgId) {
        return view.get(orgId);
    }

    /** Whether the credentials that existed at start have all been read. */
    public boolean isCaughtUp() {
        return view.isCaughtUp();
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
