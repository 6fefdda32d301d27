package org.bluebutton.analytics.ingest.http;

import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.Operation;
import java.time.Instant;
import java.util.Locale;
import org.bluebutton.analytics.contracts.ServiceEnvironments;
import org.bluebutton.analytics.ingest.auth.Authenticator;
import org.bluebutton.analytics.ingest.auth.Caller;
import org.bluebutton.analytics.ingest.story.FeaturedStories;
import org.bluebutton.analytics.ingest.story.StoryMark;
import org.bluebutton.analytics.ingest.validation.InvalidRequestException;
import org.bluebutton.analytics.ingest.validation.ItemFields;
import org.bluebutton.analytics.ingest.validation.JsonBatch;
import org.bluebutton.analytics.ingest.validation.Violation;
import org.bluebutton.analytics.ingest.validation.Violations;
import org.bluebutton.analytics.schemas.event.FeaturedStory;

/** Staff choose the engagement stories the annual report tells: {@code PUT /v1/stories/{orgId}/{eventId}/featured}. */
@Requires(notEnv = ServiceEnvironments.QUERY)
@Controller("/v1/stories")
@ExecuteOn(TaskExecutors.BLOCKING)
public class StoryController {

    private final Authenticator authenticator;
    private final FeaturedStories stories;
    private final IngestMetrics metrics;

    public StoryController(Authenticator authenticator, FeaturedStories stories, IngestMetrics metrics) {
        this.authenticator = authenticator;
        this.stories = stories;
        this.metrics = metrics;
    }

    /** A story's mark as Kafka acknowledged it. */
    @Serdeable
    public record StoryMarkView(String orgId, String eventId, boolean featured, @Nullable String note, String markedBy, Instant markedAt) {
        static StoryMarkView of(FeaturedStory mark) {
            return new StoryMarkView(mark.getOrgId(), mark.getEventId(), mark.getFeatured(), mark.getNote(), mark.getMarkedBy(), mark.getMarkedAt());
        }
    }

    @Operation(summary = "Mark an engagement story to be told in the annual report ({\"featured\": true, \"note\": \"why\"}), "
            + "or take the mark back ({\"featured\": false}) (staff administrator)")
    @Put(uri = "/{orgId}/{eventId}/featured", consumes = MediaType.APPLICATION_JSON)
    public StoryMarkView mark(@PathVariable String orgId, @PathVariable String eventId,
            @Nullable @Header(HttpHeaders.AUTHORIZATION) String authorization, @Nullable @Body byte[] body) {
        Caller.Staff staff = Authenticator.requireAdministrator(authenticator.authenticate(authorization));
        String story = canonicalEventId(eventId);
        StoryMark mark = StoryMark.read(JsonBatch.fromObject(body));
        FeaturedStory written = stories.mark(orgId, story, mark, staff);
        metrics.accepted("featured-story", 1);
        return StoryMarkView.of(written);
    }

    /** A story's eventId is the UUID its organization chose, stored lower-case (as ingest accepted it). */
    private static String canonicalEventId(String eventId) {
        if (eventId != null && ItemFields.isCanonicalUuid(eventId)) {
            return eventId.toLowerCase(Locale.ROOT);
        }
        Violations violations = new Violations();
        violations.add(new Violation(null, "eventId", "must be the story's UUID such as 3f2b8c1e-7a4d-4e59-9a0c-2d6f1b8e4c7a"));
        throw new InvalidRequestException("Invalid story", violations);
    }
}
