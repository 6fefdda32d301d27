package org.bluebutton.analytics.ingest.auth;

import org.bluebutton.analytics.contracts.ApiKey;
/**
 * Creates a staff key: prints the key (for the staff member's password manager) and the setting that
 * configures ingest with its hash. Run it where nobody else can read the terminal.
 */
public final class StaffKeyCommand {

    private StaffKeyCommand() {
    }

    public static void main(String[] args) {
        ApiKey key = ApiKey.generate(ApiKey.STAFF_PREFIX);
        System.out.println("Staff key (store it now; it is not kept anywhere): " + key.reveal());
        System.out.println("Configure every ingest instance with:");
        System.out.println("  BLUEBUTTON_INGEST_STAFF_KEY_SHA256=" + key.secretSha256());
    }
}
