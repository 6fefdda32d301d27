package org.bluebutton.analytics.ingest.auth;

import org.bluebutton.analytics.schemas.security.StaffRole;

/** An authenticated caller: a named staff account, or one organization. */
public sealed interface Caller {

    /** What to put in logs and metrics: names and key ids, never the key. */
    String describe();

    /**
     * A staff account: {@code name} is what the audit trail records ({@link Authenticator#BOOTSTRAP} for the
     * configured key), {@code role} what it may do.
     */
    record Staff(String name, StaffRole role, String keyId) implements Caller {
        @Override
        public String describe() {
            return "staff account " + name + " (" + role + ", key " + keyId + ")";
        }

        /** Whether this account may change things, not only read them. */
        public boolean isAdministrator() {
            return role == StaffRole.ADMINISTRATOR;
        }
    }

    /** An organization, allowed to write only for itself. */
    record Organization(String orgId, String keyId) implements Caller {
        @Override
        public String describe() {
            return "organization " + orgId + " key " + keyId;
        }
    }
}
