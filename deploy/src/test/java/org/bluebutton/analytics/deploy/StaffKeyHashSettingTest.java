package org.bluebutton.analytics.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Locale;
import org.bluebutton.analytics.ingest.config.IngestConfiguration;
import org.bluebutton.analytics.streams.StreamsSettings;
import org.bluebutton.analytics.streams.query.QuerySettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The staff key SHA-256 is one setting that docker-compose.yml hands from one variable
 * ({@code BLUEBUTTON_STAFF_KEY_SHA256}) to ingest and to both streams instances; compose checks only
 * that it is set. So every service must read any value alike: accept it and keep the same value
 * (64 hex digits in either case, kept in lower case), or refuse it. Before, ingest accepted an
 * upper-case hash and the streams instances refused it and exited, after {@code up} had reported ingest
 * healthy.
 */
class StaffKeyHashSettingTest {

    private static final String DIGITS = "0123456789abcdef".repeat(4);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lower", "upper", "mixed"})
    void ingest_and_streams_accept_a_hash_in_any_case_and_keep_the_same_lower_case_value(String casing) {
        String given = switch (casing) {
            case "upper" -> DIGITS.toUpperCase(Locale.ROOT);
            case "mixed" -> DIGITS.substring(0, 32).toUpperCase(Locale.ROOT) + DIGITS.substring(32);
            default -> DIGITS;
        };

        String ingest = ingestWith(given).staffKeySha256();
        String streams = streamsWith(given).staffKeySha256();

        assertThat(ingest).isEqualTo(streams).isEqualTo(DIGITS);
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde",
            "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0",
            "g123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            " 0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", ""})
    void ingest_and_streams_both_refuse_what_is_not_64_hex_digits(String given) {
        assertThatThrownBy(() -> ingestWith(given)).as("ingest").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("staff-key-sha256");
        assertThatThrownBy(() -> streamsWith(given)).as("streams").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("staff-key-sha256");
    }

    /** Ingest's settings as Micronaut binds them (the record's constructor validates), defaults elsewhere. */
    private static IngestConfiguration ingestWith(String staffKeySha256) {
        return new IngestConfiguration("kafka:19092", "http://schema-registry:8081", staffKeySha256, 10_000, "2010-01-01",
                Duration.ofMinutes(5), Duration.ofSeconds(10), Duration.ofSeconds(5), Duration.ofSeconds(5), true, (short) 1, false,
                Duration.ofSeconds(60), Duration.ofMillis(1500), 1, 30);
    }

    /** A streams instance's settings (the record validates; its command line and environment feed it). */
    private static StreamsSettings streamsWith(String staffKeySha256) {
        return StreamsSettings.builder("kafka:19092", "http://schema-registry:8081", staffKeySha256, QuerySettings.newPeerSecret()).build();
    }
}
