package org.bluebutton.analytics.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.bluebutton.analytics.reliability.testing.LogCapture;
import org.bluebutton.analytics.reliability.testing.ReliabilityPipeline;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Last of the group: every log line of the run — this JVM's (ingest, streams, the query API, Kafka
 * clients; captured in memory by {@link LogCapture}) and the broker's and registry's log files —
 * contains none of the secrets handed out: the staff key, every organization key issued (whole, secret
 * part), their SHA-256 digests, and the streams instances' peer secret — nor any personal data sent in
 * (the contact e-mails of pledge requests).
 */
@Order(1000)
class LogScanSecurityIT {

    private final ReliabilityPipeline pipeline = ReliabilityPipeline.shared();

    @Test
    void no_key_secret_or_digest_appears_in_any_log_line_of_the_run() throws IOException {
        // Make sure there is something to find if keys were logged: one key issued and used right now.
        String orgId = "logscan-" + System.nanoTime();
        String key = pipeline.ingestClient().hospitalWithKey(orgId);
        pipeline.ingestClient().post("/v1/organizations/" + orgId + "/download-activity", key, "application/json", "[{\"eventId\":1}]");
        pipeline.ingestClient().post("/v1/organizations/" + orgId + "/download-activity", key + "x", "application/json", "[]");

        Set<String> secrets = pipeline.secrets();
        List<String> lines = new ArrayList<>(LogCapture.lines());
        int jvmLines = lines.size();
        for (Path file : List.of(pipeline.stack().kafka().logFile(), pipeline.stack().registry().logFile())) {
            lines.addAll(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
        }
        List<String> leaks = new ArrayList<>();
        for (String line : lines) {
            for (String secret : secrets) {
                if (line.contains(secret)) {
                    leaks.add(line.substring(0, Math.min(line.length(), 200)).replace(secret, "<SECRET>"));
                }
            }
        }
        System.out.printf("log scan: %d secrets (staff key, %d organization keys: whole, secret and SHA-256) searched in %d lines "
                        + "(%d from this JVM, %d dropped over the bound, %d from the broker and registry logs): %d found%n",
                secrets.size(), secrets.size() / 3 - 1, lines.size(), jvmLines, LogCapture.dropped(), lines.size() - jvmLines, leaks.size());

        assertThat(secrets).as("keys were handed out").hasSizeGreaterThan(6);
        assertThat(jvmLines).as("the run logged").isPositive();
        assertThat(LogCapture.dropped()).as("every line kept for the scan").isZero();
        assertThat(leaks).as("log lines holding a secret (secret masked here)").isEmpty();
    }

    @Test
    void no_contact_e_mail_of_a_pledge_request_appears_in_any_log_line_of_the_run() throws IOException {
        // Something to find if contacts were logged: a request approved, one declined, one refused as invalid.
        String unique = Long.toString(System.nanoTime());
        var client = pipeline.ingestClient();
        client.approve(client.pledgeRequest("Logscan Approved " + unique, "approved-" + unique + "@logscan.example"), "logscan-req-" + unique);
        String declined = client.pledgeRequest("Logscan Declined " + unique, "declined-" + unique + "@logscan.example");
        client.post("/v1/pledge-requests/" + declined + "/decline", pipeline.staffKey(), "application/json", "{\"reason\":\"test\"}");
        String invalidContact = "invalid-" + unique + "@";
        pipeline.rememberPersonal(invalidContact);
        client.post("/v1/pledge-requests", null, "application/json", "{\"name\":\"Logscan\",\"contactEmail\":\"" + invalidContact + "\"}");

        Set<String> personal = pipeline.personalData();
        List<String> lines = new ArrayList<>(LogCapture.lines());
        for (Path file : List.of(pipeline.stack().kafka().logFile(), pipeline.stack().registry().logFile())) {
            lines.addAll(Files.readAllLines(file, StandardCharsets.ISO_8859_1));
        }
        List<String> leaks = new ArrayList<>();
        for (String line : lines) {
            for (String value : personal) {
                if (line.contains(value)) {
                    leaks.add(line.substring(0, Math.min(line.length(), 200)).replace(value, "<PERSONAL>"));
                }
            }
        }
        System.out.printf("log scan: %d contact e-mails searched in %d lines: %d found%n", personal.size(), lines.size(), leaks.size());

        assertThat(personal).as("contacts were sent").hasSizeGreaterThanOrEqualTo(3);
        assertThat(LogCapture.dropped()).as("every line kept for the scan").isZero();
        assertThat(leaks).as("log lines holding a contact e-mail (masked here)").isEmpty();
    }
}
