package org.bluebutton.analytics.contracts;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem: the body of every error response of ingest and the query API,
 * {@code application/problem+json}. Each service imports it into its serializer ({@code @SerdeImport}),
 * so this module needs no framework.
 *
 * @param type a URI naming the kind of problem ({@code about:blank} for plain HTTP errors)
 * @param title short summary of the kind
 * @param status the HTTP status
 * @param detail what went wrong in this request
 * @param errors each bad item of the request: index, field, reason (empty, and left out, when the
 *     request as a whole was refused)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, List<ItemError> errors) {

    /** Media type of problem bodies. */
    public static final String MEDIA_TYPE = "application/problem+json";
    /** Prefix of this API's problem types. */
    public static final String TYPE_PREFIX = "https://bluebutton-pledge.org/problems/";

    /** A problem about the request as a whole. */
    public Problem(String type, String title, int status, String detail) {
        this(type, title, status, detail, List.of());
    }

    /**
     * A plain HTTP error ({@code about:blank}) as the framework reports it: {@code title} is the
     * status's reason phrase, the detail what the framework said ({@code messages}, else {@code reason}).
     */
    public static Problem ofStatus(int status, String title, List<String> messages, String reason) {
        return new Problem("about:blank", title, status, messages.isEmpty() ? reason : String.join("; ", messages));
    }

    /** One bad item: its index in the batch (absent for the request as a whole), field and reason. */
        @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ItemError(Integer index, String field, String reason) {
    }
}
