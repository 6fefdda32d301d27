package org.bluebutton.analytics.ingest.story;

import com.fasterxml.jackson.databind.JsonNode;
import org.bluebutton.analytics.ingest.validation.InvalidRequestException;
import org.bluebutton.analytics.ingest.validation.ItemFields;
import org.bluebutton.analytics.ingest.validation.Violation;
import org.bluebutton.analytics.ingest.validation.Violations;

/**
 * A staff mark on one story: {@code {"featured": true, "note": "why"}} tells it in the report,
 * {@code {"featured": false}} takes the mark back.
 *
 * @param note why staff chose it (internal), or null
 */
public record StoryMark(boolean featured, String note) {

    /** Longest note kept with a mark. */
    public static final int MAX_NOTE = 500;

    /** Reads a mark from a request body. */
    public static StoryMark read(JsonNode body) {
        Violations violations = new Violations();
        ItemFields fields = new ItemFields(body, null, ItemFields.fields("featured", "note"), violations);
        Boolean featured = fields.optionalBoolean("featured");
        String note = fields.optionalText("note", MAX_NOTE);
        if (featured == null && violations.isEmpty()) {
            violations.add(new Violation(null, "featured", "is required: true to tell the story in the report, false to take the mark back"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("Invalid story mark", violations);
        }
        return new StoryMark(featured, note);
    }
}
