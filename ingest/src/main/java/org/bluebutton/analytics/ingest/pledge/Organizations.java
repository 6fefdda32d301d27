package org.bluebutton.analytics.ingest.pledge;

import java.util.Optional;
import org.bluebutton.analytics.ingest.kafka.CompactedTopicView;
import org.bluebutton.analytics.schemas.event.Pledge;
import org.bluebutton.analytics.schemas.event.PledgeStatus;

/** The current profile of every organization, from the compacted pledges topic. */
public final class Organizations {

    private final CompactedTopicView<Pledge> view;

    public Organizations(CompactedTopicView<Pledge> view) {
        this.view = view;
    }

    /** The current profile of {@code orgId}. */
    public Optional<Pledge> find(String orgId) {
        return view.get(orgId);
    }

    /** Whether {@code orgId} exists and has not withdrawn. */
    public boolean isActive(String orgId) {
        return find(orgId).map(pledge -> pledge.getStatus() == PledgeStatus.ACTIVE).orElse(false);
    }

    /** Applies this instance's acknowledged write. */
    void written(Pledge pledge, int partition, long offset) {
        view.put(pledge.getOrgId(), pledge, partition, offset);
    }
}
