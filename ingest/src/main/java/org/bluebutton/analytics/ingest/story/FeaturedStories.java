package org.bluebutton.analytics.ingest.story;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.bluebutton.analytics.ingest.audit.AuditAction;
import org.bluebutton.analytics.ingest.audit.AuditRecords;
import org.bluebutton.analytics.ingest.auth.Caller;
import org.bluebutton.analytics.ingest.pledge.OrganizationAdministration;
import org.bluebutton.analytics.ingest.publish.EventPublisher;
import org.bluebutton.analytics.ingest.publish.TransactionalPublisher;
import org.bluebutton.analytics.schemas.event.FeaturedStory;
import org.bluebutton.analytics.schemas.topic.Topics;

/**
 * Writes staff's marks on stories to {@code bluebutton.featured-stories}, where the report reads them.
 * Ingest does not follow the engagement stream, so it cannot tell whether the story exists: it checks the
 * organization, and the report ignores a mark on a story it does not have. Each mark is written in one
 * transaction with its audit record.
 */
public final class FeaturedStories {

    private final OrganizationAdministration organizations;
    private final TransactionalPublisher publisher;
    private final Clock clock;

    public FeaturedStories(OrganizationAdministration organizations, TransactionalPublisher publisher, Clock clock) {
        this.organizations = organizations;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Publishes the mark and returns it once Kafka acknowledged it. */
    public FeaturedStory mark(String orgId, String eventId, StoryMark mark, Caller.Staff staff) {
        organizations.existing(orgId);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        FeaturedStory record = new FeaturedStory(orgId, eventId, mark.featured(), mark.note(), staff.name(), now);
        String key = Topics.featuredStoryKey(orgId, eventId);
        // Ingest keeps no view of the marks, so the audit's "before" is unknown (null); the topic has every mark in order.
        publisher.publishAll(List.of(new EventPublisher.Outgoing(Topics.FEATURED_STORIES.name(), key, record),
                AuditRecords.of(staff, AuditAction.STORY_MARKED, AuditAction.STORY, key, null, AuditRecords.of(record), now)));
        return record;
    }
}
