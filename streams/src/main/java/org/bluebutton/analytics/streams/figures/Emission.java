package org.bluebutton.analytics.streams.figures;

import org.bluebutton.analytics.schemas.aggregate.DataQualityMetrics;
import org.bluebutton.analytics.schemas.aggregate.EngagementKey;
import org.bluebutton.analytics.schemas.aggregate.EngagementMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthKey;
import org.bluebutton.analytics.schemas.aggregate.OrgMonthlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.OrgYearKey;
import org.bluebutton.analytics.schemas.aggregate.OrgYearlyMetrics;
import org.bluebutton.analytics.schemas.aggregate.RollupDelta;
import org.bluebutton.analytics.schemas.aggregate.RollupKey;
import org.bluebutton.analytics.schemas.event.DownloadActivity;

/** What the organization figures processor sends on: each kind goes to its own topic. */
sealed interface Emission {

    /** A month's figures for the org-monthly-metrics topic. */
    record Month(OrgMonthKey key, OrgMonthlyMetrics figures) implements Emission {
    }

    /** A year's figures for the org-yearly-metrics topic. */
    record Year(OrgYearKey key, OrgYearlyMetrics figures) implements Emission {
    }

    /** Engagement figures for the engagement-metrics topic. */
    record Engagement(EngagementKey key, EngagementMetrics figures) implements Emission {
    }

    /** A download that arrived after its month closed, for the late-events topic. */
    record Late(DownloadActivity event) implements Emission {
    }

    /** One data-quality incident (late event or duplicate). */
    record Incident(DataQualityMetrics incident) implements Emission {
    }

    /** What the task's organizations changed in one roll-up group. */
    record Delta(RollupKey key, RollupDelta delta) implements Emission {
    }
}
