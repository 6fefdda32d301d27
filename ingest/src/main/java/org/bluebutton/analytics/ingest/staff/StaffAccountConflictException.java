package org.bluebutton.analytics.ingest.staff;

/** The change contradicts the staff account's state: a name taken, an account already revoked (HTTP 409). */
public class StaffAccountConflictException extends RuntimeException {

    public StaffAccountConflictException(String message) {
        super(message);
    }
}
