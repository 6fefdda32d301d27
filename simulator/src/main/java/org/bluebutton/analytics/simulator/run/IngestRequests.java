package org.bluebutton.analytics.simulator.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.bluebutton.analytics.simulator.plan.BatchFormat;
import org.bluebutton.analytics.simulator.plan.DownloadEvent;
import org.bluebutton.analytics.simulator.plan.Engagement;
import org.bluebutton.analytics.simulator.plan.Organization;
import org.bluebutton.analytics.simulator.plan.Snapshot;
import org.bluebutton.analytics.simulator.plan.Step;

/**
 * The ingest API's request bodies for the plan's steps (README "Ingest API"). Rendering is
 * deterministic, so a resent batch is byte for byte the batch first sent.
 */
final class IngestRequests {

    static final String JSON = "application/json";
    static final String CSV = "text/csv";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private IngestRequests() {
    }

    static String organizationsPath() {
        return "/v1/organizations";
    }

    static String organizationPath(String orgId) {
        return "/v1/organizations/" + orgId;
    }

    /** The profile staff submit to create or replace an organization. */
    static byte[] profile(Organization organization, boolean withOrgId) {
        ObjectNode profile = MAPPER.createObjectNode();
        if (withOrgId) {
            profile.put("orgId", organization.orgId());
        }
        profile.put("name", organization.name());
        profile.put("organizationType", organization.type().name());
        profile.put("category", organization.category().name());
        profile.put("state", organization.state());
        if (organization.city() != null) {
            profile.put("city", organization.city());
        }
        profile.put("website", organization.website());
        ArrayNode commitments = profile.putArray("commitments");
        organization.commitments().forEach(c -> commitments.add(c.name()));
        profile.put("pledgedAt", organization.pledgedAt().toString());
        return bytes(profile);
    }

    /** The path a batch step is posted to. */
    static String batchPath(Step content) {
        String base = organizationPath(content.orgId());
        if (content instanceof Step.ReportDownloads) {
            return base + "/download-activity";
        }
        if (content instanceof Step.ReportSnapshots) {
            return base + "/access-snapshots";
        }
        if (content instanceof Step.ReportEngagement) {
            return base + "/engagement-activities";
        }
        if (content instanceof Step.UploadMonthlyStats) {
            return base + "/monthly-stats";
        }
        throw new IllegalArgumentException("Not a batch: " + content);
    }

    static String contentType(Step content) {
        if (content instanceof Step.ReportDownloads downloads) {
            return downloads.format().contentType();
        }
        if (content instanceof Step.ReportSnapshots snapshots) {
            return snapshots.format().contentType();
        }
        if (content instanceof Step.ReportEngagement engagement) {
            return engagement.format().contentType();
        }
        return CSV;
    }

    /** The body of a batch step. */
    static byte[] body(Step content) {
        if (content instanceof Step.UploadMonthlyStats upload) {
            return upload.body().getBytes(StandardCharsets.UTF_8);
        }
        List<ObjectNode> items = new ArrayList<>();
        BatchFormat format;
        if (content instanceof Step.ReportDownloads downloads) {
            downloads.events().forEach(e -> items.add(download(e)));
            format = downloads.format();
        } else if (content instanceof Step.ReportSnapshots snapshots) {
            snapshots.snapshots().forEach(s -> items.add(snapshot(s)));
            format = snapshots.format();
        } else if (content instanceof Step.ReportEngagement engagement) {
            engagement.activities().forEach(a -> items.add(engagement(a)));
            format = engagement.format();
        } else {
            throw new IllegalArgumentException("Not a batch: " + content);
        }
        if (format == BatchFormat.NDJSON) {
            StringBuilder lines = new StringBuilder();
            for (ObjectNode item : items) {
                lines.append(item).append('\n');
            }
            return lines.toString().getBytes(StandardCharsets.UTF_8);
        }
        ArrayNode array = MAPPER.createArrayNode();
        items.forEach(array::add);
        return bytes(array);
    }

    /** The number of events a batch step carries (a CSV upload's derived events). */
    static int events(Step content) {
        if (content instanceof Step.ReportDownloads downloads) {
            return downloads.events().size();
        }
        if (content instanceof Step.ReportSnapshots snapshots) {
            return snapshots.snapshots().size();
        }
        if (content instanceof Step.ReportEngagement engagement) {
            return engagement.activities().size();
        }
        if (content instanceof Step.UploadMonthlyStats upload) {
            return upload.derivedDownloads().size() + upload.derivedSnapshots().size();
        }
        return 0;
    }

    private static ObjectNode download(DownloadEvent event) {
        ObjectNode item = MAPPER.createObjectNode();
        item.put("eventId", event.eventId());
        item.put("occurredAt", event.occurredAt().toString());
        if (event.intervalEnd() != null) {
            item.put("intervalEnd", event.intervalEnd().toString());
        }
        item.put("channel", event.channel().name());
        if (event.format() != null) {
            item.put("format", event.format().name());
        }
        item.put("count", event.count());
        return item;
    }

    private static ObjectNode snapshot(Snapshot snapshot) {
        ObjectNode item = MAPPER.createObjectNode();
        item.put("eventId", snapshot.eventId());
        item.put("asOf", snapshot.asOf().toString());
        item.put("patientsWithAccess", snapshot.patientsWithAccess());
        if (snapshot.patientsOffered() != null) {
            item.put("patientsOffered", snapshot.patientsOffered());
        }
        if (snapshot.patientsRegistered() != null) {
            item.put("patientsRegistered", snapshot.patientsRegistered());
        }
        return item;
    }

    private static ObjectNode engagement(Engagement activity) {
        ObjectNode item = MAPPER.createObjectNode();
        item.put("eventId", activity.eventId());
        item.put("occurredOn", activity.occurredOn().toString());
        item.put("engagementType", activity.type().name());
        if (activity.peopleReached() != null) {
            item.put("peopleReached", activity.peopleReached());
        }
        item.put("title", activity.title());
        if (activity.story() != null) {
            item.put("story", activity.story());
        }
        if (activity.link() != null) {
            item.put("link", activity.link());
        }
        return item;
    }

    /** A field of a JSON answer, or null when the body is not JSON or lacks it. */
    static String field(String body, String name) {
        try {
            JsonNode node = MAPPER.readTree(body).get(name);
            return node == null || node.isNull() ? null : node.asText();
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Tree nodes always serialize", e);
        }
    }
}
