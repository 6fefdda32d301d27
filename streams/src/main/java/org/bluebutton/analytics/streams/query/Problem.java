package org.bluebutton.analytics.streams.query;

import io.micronaut.serde.annotation.Serdeable;

/**
 * An RFC 9457 problem, the body of every error response ({@code application/problem+json}).
 *
 * @param type a URI naming the kind of problem ({@code about:blank} for plain HTTP errors)
 * @param title short summary of the kind
 * @param status the HTTP status
 * @param detail what went wrong in this request
 */
@Serdeable
public record Problem(String type, String title, int status, String detail) {

    /** Media type of problem bodies. */
    public static final String MEDIA_TYPE = "application/problem+json";
    /** Prefix of this API's problem types. */
    public static final String TYPE_PREFIX = "https://bluebutton-pledge.org/problems/";
}
