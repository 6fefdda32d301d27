package org.bluebutton.analytics.streams.figures;

import org.bluebutton.analytics.schemas.event.AccessSnapshot;
import org.bluebutton.analytics.schemas.event.DownloadActivity;
import org.bluebutton.analytics.schemas.event.EngagementActivity;

/**
 * One readable record of an organization's input topics, as the organization's task sees it. The four
 * topics are keyed by organization and co-partitioned, so one task reads all of an organization's
 * records; these values never leave the task (no serde).
 */
sealed interface Input {

    /** A download-activity event. */
    record Download(DownloadActivity event) implements Input {
    }

    /** An access snapshot. */
    record Snapshot(AccessSnapshot snapshot) implements Input {
    }

    /** An engagement activity. */
    record Engagement(EngagementActivity activity) implements Input {
    }

    /** The organization's profile changed (it is already in the organizations store). */
    record ProfileChanged(String orgId) implements Input {
    }
}
