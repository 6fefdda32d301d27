package org.bluebutton.analytics.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What both services rely on when they read each other's keys and answer each other's clients. */
class ContractsTest {

    @Test
    void a_staff_key_reads_back_from_its_text_and_matches_only_its_own_digest() {
        ApiKey key = ApiKey.generate(ApiKey.STAFF_PREFIX);

        ApiKey read = ApiKey.parse(key.reveal()).orElseThrow();

        assertThat(read.prefix()).isEqualTo(ApiKey.STAFF_PREFIX);
        assertThat(read.keyId()).isEqualTo(key.keyId());
        assertThat(read.matches(key.secretSha256())).isTrue();
        assertThat(read.matches(key.secretSha256().toUpperCase())).as("hex digests compare case-insensitively").isTrue();
        assertThat(read.matches(ApiKey.generate(ApiKey.STAFF_PREFIX).secretSha256())).isFalse();
        assertThat(read.matches(null)).isFalse();
    }

    @Test
    void text_that_is_not_shaped_like_a_key_is_no_key_and_a_key_never_prints_its_secret() {
        ApiKey key = ApiKey.generate(ApiKey.ORGANIZATION_PREFIX);

        assertThat(ApiKey.parse("Bearer " + key.reveal())).isEmpty();
        assertThat(ApiKey.parse("xyz_" + key.reveal().substring(4))).isEmpty();
        assertThat(ApiKey.parse(key.reveal() + "x".repeat(80))).isEmpty();
        assertThat(ApiKey.parse(null)).isEmpty();
        assertThat(key.toString()).endsWith("_***").doesNotContain(key.reveal().substring(key.reveal().lastIndexOf('_') + 1));
    }

    @Test
    void a_digest_is_the_lower_case_hex_sha256_of_the_utf8_text() {
        assertThat(ApiKey.sha256("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(ApiKey.sha256Bytes("abc")).hasSize(32);
    }

    @Test
    void a_plain_http_error_carries_what_the_framework_said_or_else_the_reason() {
        assertThat(Problem.ofStatus(404, "Not Found", List.of("no route", "really"), "Not Found"))
                .isEqualTo(new Problem("about:blank", "Not Found", 404, "no route; really"));
        assertThat(Problem.ofStatus(405, "Method Not Allowed", List.of(), "Method Not Allowed").detail()).isEqualTo("Method Not Allowed");
    }
}
