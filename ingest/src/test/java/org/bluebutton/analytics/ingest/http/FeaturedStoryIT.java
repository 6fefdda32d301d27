package org.bluebutton.analytics.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bluebutton.analytics.ingest.testing.IngestServer;
import org.bluebutton.analytics.ingest.testing.IngestServerExtension;
import org.bluebutton.analytics.localstack.LocalStack;
import org.bluebutton.analytics.schemas.event.FeaturedStory;
import org.bluebutton.analytics.schemas.topic.Topics;
import org.bluebutton.analytics.testkit.TopicContents;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Staff mark the stories the annual report tells; the marks are read back from the featured-stories topic. */
@ExtendWith(IngestServerExtension.class)
class FeaturedStoryIT {

    private static final String STORY = "3f2b8c1e-7a4d-4e59-9a0c-2d6f1b8e4c7a";

    private final LocalStack stack;
    private final IngestServer ingest;

    FeaturedStoryIT(LocalStack stack, IngestServer ingest) {
        this.stack = stack;
        this.ingest = ingest;
    }

    @Test
    void staff_mark_a_story_and_take_the_mark_back_and_the_latest_mark_is_on_the_topic() {
        ingest.employerWithKey("story-marked");

        HttpResponse<String> marked = mark("story-marked", STORY.toUpperCase(), ingest.staffKey(), "{\"featured\":true,\"note\":\"A town hall\"}");
        HttpResponse<String> takenBack = mark("story-marked", STORY, ingest.staffKey(), "{\"featured\":false}");

        assertThat(marked.statusCode()).as(marked.body()).isEqualTo(200);
        assertThat(marked.body()).contains("\"featured\":true", "\"eventId\":\"" + STORY + "\"");
        assertThat(takenBack.statusCode()).isEqualTo(200);
        List<FeaturedStory> onTopic = TopicContents.valuesFor(stack, Topics.FEATURED_STORIES.name(), Topics.featuredStoryKey("story-marked", STORY));
        assertThat(onTopic).extracting(FeaturedStory::getFeatured).containsExactly(true, false);
        assertThat(onTopic.get(0).getNote()).isEqualTo("A town hall");
        assertThat(onTopic.get(0).getMarkedBy()).as("the staff account, never a key").isEqualTo("bootstrap");
    }

    @Test
    void an_organization_may_not_mark_stories_even_its_own() {
        String key = ingest.employerWithKey("story-own");

        HttpResponse<String> answer = mark("story-own", STORY, key, "{\"featured\":true}");

        assertThat(answer.statusCode()).isEqualTo(403);
        assertThat(TopicContents.valuesFor(stack, Topics.FEATURED_STORIES.name(), Topics.featuredStoryKey("story-own", STORY))).isEmpty();
    }

    @Test
    void a_mark_without_its_choice_or_for_a_malformed_story_is_a_problem_naming_the_field() {
        ingest.employerWithKey("story-bad");

        HttpResponse<String> noChoice = mark("story-bad", STORY, ingest.staffKey(), "{\"note\":\"forgot\"}");
        HttpResponse<String> notAStory = mark("story-bad", "not-a-uuid", ingest.staffKey(), "{\"featured\":true}");

        assertThat(noChoice.statusCode()).isEqualTo(400);
        assertThat(noChoice.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(noChoice.body()).contains("featured");
        assertThat(notAStory.statusCode()).isEqualTo(400);
        assertThat(notAStory.body()).contains("eventId");
    }

    @Test
    void a_mark_for_an_unknown_organization_is_not_found() {
        HttpResponse<String> answer = mark("story-nobody", STORY, ingest.staffKey(), "{\"featured\":true}");

        assertThat(answer.statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> mark(String orgId, String eventId, String key, String body) {
        return ingest.send("PUT", "/v1/stories/" + orgId + "/" + eventId + "/featured", key, IngestServer.JSON, body.getBytes(StandardCharsets.UTF_8));
    }
}
