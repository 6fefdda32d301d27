package org.bluebutton.analytics.ingest.story;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bluebutton.analytics.ingest.pledge.OrganizationAdministration;
import org.bluebutton.analytics.ingest.publish.EventPublisher;
import org.bluebutton.analytics.schemas.event.FeaturedStory;
import org.bluebutton.analytics.schemas.topic.Topics;

/**
 * Writes staff's marks on stories to {@code bluebutton.featured-stories}, where the report reads them.
 * Ingest does not follow the engagement stream, so it cannot tell whether the story exists: it checks the
 * organization, and the report ignores a mark on a story it does not have (its manifest counts them).
 */
public final class FeaturedStories {

    private final OrganizationAdministration organizations;
    private final EventPublisher publisher;
    private final Clock clock;

    public FeaturedStories(OrganizationAdministration organizations, EventPublisher publisher, Clock clock) {
        this.organizations = organizations;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Publishes the mark and returns it once Kafka acknowledged it. */
    public FeaturedStory mark(String orgId, String eventId, StoryMark mark, String markedBy) {
        organizations.existing(orgId);
        FeaturedStory record = new FeaturedStory(orgId, eventId, mark.featured(), mark.note(), markedBy,
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        publisher.publishAll(List.of(new EventPublisher.Outgoing(Topics.FEATURED_STORIES.name(), Topics.featuredStoryKey(orgId, eventId), record)));
        return record;
    }
}
