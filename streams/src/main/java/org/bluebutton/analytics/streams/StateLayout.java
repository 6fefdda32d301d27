package org.bluebutton.analytics.streams;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;

/**
 * Refuses an application id whose internal topics show an earlier layout of the stores. Such state
 * still deserializes (the schemas evolve compatibly) but means something else: an earlier version's
 * roll-up bookkeeping or its logged identity store read by this one would count periods twice or
 * forget identities, silently. Every earlier layout logged {@code download-event-ids}, which this one
 * keeps local only.
 */
final class StateLayout {

    /** Stores whose changelog only earlier layouts have. */
    static final List<String> RETIRED_STORES = List.of("download-event-ids", "figures-pending");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private StateLayout() {
    }

    /** Throws {@link IncompatibleStateException} when {@code applicationId} has a changelog of an earlier layout. */
    static void check(Admin admin, String applicationId) {
        Set<String> topics;
        try {
            topics = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot list the topics to check the state of application id " + applicationId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking the state of application id " + applicationId, e);
        }
        for (String store : RETIRED_STORES) {
            String changelog = applicationId + "-" + store + "-changelog";
            if (topics.contains(changelog)) {
                throw new IncompatibleStateException(applicationId, changelog);
            }
        }
    }
}
