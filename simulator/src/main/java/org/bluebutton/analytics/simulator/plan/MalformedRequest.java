package org.bluebutton.analytics.simulator.plan;

import java.util.List;

/**
 * A malformed request, ready to send.
 *
 * @param kind        what is wrong with it
 * @param method      HTTP method
 * @param path        path under the ingest URL
 * @param credential  which key is sent
 * @param contentType Content-Type header, or null
 * @param body        the body text
 * @param eventIds    event ids in the body: none of them may reach a topic
 */
public record MalformedRequest(MalformedKind kind, String method, String path, Credential credential, String contentType,
        String body, List<String> eventIds) {

    /** Which key a request carries. */
    public enum Credential { ORGANIZATION, STAFF, NONE }

    public MalformedRequest {
        eventIds = List.copyOf(eventIds);
    }
}
