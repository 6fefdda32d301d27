package org.bluebutton.analytics.ingest.auth;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.bluebutton.analytics.ingest.kafka.CompactedTopicView;
import org.bluebutton.analytics.schemas.security.StaffAccount;
import org.bluebutton.analytics.schemas.topic.Topics;

/**
 * Every named staff account and its current key (hash only), from the compacted staff-accounts topic,
 * indexed by key id for authentication. Followed exactly like the organizations' credentials (the same
 * {@link CompactedTopicView}), so an issued, rotated or revoked staff key takes effect on every running
 * instance within the view's staleness bound, and a view that cannot show it is current refuses to judge.
 */
public final class StaffAccounts {

    private final Map<String, StaffAccount> byKeyId = new ConcurrentHashMap<>();
    private final Map<String, StaffAccount> byName = new ConcurrentHashMap<>();
    private final CompactedTopicView<StaffAccount> view;

    /**
     * Follows the staff-accounts topic through {@code consumer} (owned); call {@link #start()}.
     *
     * @param maxStaleness how old the view's last confirmation against the broker may be for it to be current
     */
    public StaffAccounts(Consumer<String, StaffAccount> consumer, Duration maxStaleness) {
        this.view = new CompactedTopicView<>(Topics.STAFF_ACCOUNTS.name(), consumer, this::changed, maxStaleness);
    }

    /** Starts following the topic. */
    public void start() {
        view.start();
    }

    /** Waits until the accounts that existed at start have been read. */
    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return view.awaitCaughtUp(timeout);
    }

    private void changed(StaffAccount previous, StaffAccount current) {
        if (previous != null) {
            byKeyId.remove(previous.getKeyId(), previous); // a rotated key's id leaves with the rotation
            byName.remove(previous.getName(), previous);
        }
        if (current != null) {
            byKeyId.put(current.getKeyId(), current);
            byName.put(current.getName(), current);
        }
    }

    /** The account whose current key has {@code keyId} (revoked or not: the caller decides). */
    public Optional<StaffAccount> byKeyId(String keyId) {
        return Optional.ofNullable(byKeyId.get(keyId));
    }

    /** The account named {@code name}. */
    public Optional<StaffAccount> byName(String name) {
        return view.get(name);
    }

    /** Every account, by name. */
    public List<StaffAccount> all() {
        return byName.values().stream().sorted(Comparator.comparing(StaffAccount::getName)).toList();
    }

    /** Whether the latest record of account {@code name} could not be read. */
    public boolean isUnreadable(String name) {
        return view.isUnreadable(name);
    }

    /** Whether the accounts can be trusted now (see {@link CompactedTopicView#freshness()}). */
    public CompactedTopicView.Freshness freshness() {
        return view.freshness();
    }

    /** Whether the accounts are loaded and still followed. */
    public boolean isHealthy() {
        return view.isHealthy();
    }

    /** Stops following the topic. */
    public void close() throws InterruptedException {
        view.close();
    }

    /** Applies this instance's acknowledged write. */
    public void written(StaffAccount account, int partition, long offset) {
        view.put(account.getName(), account, partition, offset);
    }
}
