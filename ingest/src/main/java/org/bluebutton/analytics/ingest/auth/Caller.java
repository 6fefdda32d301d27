package org.bluebutton.analytics.ingest.auth;

/** An authenticated caller: program staff, or one organization. */
public sealed interface Caller {

    /** What to put in logs and metrics: the key id, never the key. */
    String describe();

    /** Program staff, allowed to administer organizations and keys. */
    record Staff(String keyId) implements Caller {
        @Override
        public String describe() {
            return "staff key " + keyId;
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
