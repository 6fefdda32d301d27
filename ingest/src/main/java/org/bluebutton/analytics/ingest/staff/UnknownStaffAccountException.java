package org.bluebutton.analytics.ingest.staff;

/** No staff account has this name (HTTP 404). */
public class UnknownStaffAccountException extends RuntimeException {

    public UnknownStaffAccountException(String name) {
        super("No staff account is named " + name);
    }
}
