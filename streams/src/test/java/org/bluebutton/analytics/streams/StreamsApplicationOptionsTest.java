package org.bluebutton.analytics.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bluebutton.analytics.streams.query.QuerySettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The streams application refuses unusable credentials before it touches Kafka or the registry. */
class StreamsApplicationOptionsTest {

    private static final String STAFF_HASH = "0".repeat(64);

    private static StreamsApplication parsed(String... arguments) {
        StreamsApplication application = new StreamsApplication();
        new CommandLine(application).parseArgs(arguments);
        return application;
    }

    @Test
    void a_missing_peer_secret_is_refused_naming_the_option_and_its_variable() {
        StreamsApplication application = parsed("--bootstrap-servers", "localhost:1", "--staff-key-sha256", STAFF_HASH);

        assertThatThrownBy(application::settings).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--peer-secret").hasMessageContaining("BLUEBUTTON_STREAMS_PEER_SECRET");
    }

    @Test
    void a_short_peer_secret_is_refused_without_repeating_it() {
        String shortSecret = "too-short-a-secret";
        StreamsApplication application = parsed("--bootstrap-servers", "localhost:1", "--staff-key-sha256", STAFF_HASH,
                "--peer-secret", shortSecret);

        assertThatThrownBy(application::settings).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("32 to 256").hasMessageNotContaining(shortSecret);
    }

    @Test
    void standby_replicas_default_to_none_and_take_the_option() {
        String secret = QuerySettings.newPeerSecret();

        assertThat(parsed("--staff-key-sha256", STAFF_HASH, "--peer-secret", secret).settings().standbyReplicas()).isZero();
        assertThat(parsed("--staff-key-sha256", STAFF_HASH, "--peer-secret", secret, "--standby-replicas", "1").settings().standbyReplicas())
                .isEqualTo(1);
    }

    @Test
    void negative_standby_replicas_are_refused_naming_the_option_and_its_variable() {
        StreamsApplication application = parsed("--staff-key-sha256", STAFF_HASH, "--peer-secret", QuerySettings.newPeerSecret(),
                "--standby-replicas", "-1");

        assertThatThrownBy(application::settings).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--standby-replicas").hasMessageContaining("BLUEBUTTON_STREAMS_STANDBY_REPLICAS");
    }

    @Test
    void the_command_line_written_for_settings_reads_back_as_the_same_settings() {
        StreamsSettings settings = StreamsSettings.builder("broker:9092", "http://registry:8081/apis/ccompat/v7", STAFF_HASH,
                QuerySettings.newPeerSecret()).applicationId("app-1").instanceId("instance-2").stateDir(java.nio.file.Path.of("/tmp/state-3"))
                .replicationFactor(3).initializeTopics(false).standbyReplicas(1).httpPort(7071).ingestUrl("https://ingest.example.org").build();

        StreamsSettings parsedBack = parsed(StreamsApplication.arguments(settings).toArray(String[]::new)).settings();

        assertThat(parsedBack).isEqualTo(settings);
    }

    @Test
    void generated_peer_secrets_are_valid_and_differ() {
        String one = QuerySettings.newPeerSecret();
        String other = QuerySettings.newPeerSecret();

        assertThat(one).matches(QuerySettings.PEER_SECRET).isNotEqualTo(other);
    }

    @Test
    void without_an_ingest_url_there_are_no_links_to_ingest() {
        StreamsApplication application = parsed("--bootstrap-servers", "localhost:1", "--staff-key-sha256", STAFF_HASH,
                "--peer-secret", QuerySettings.newPeerSecret());

        assertThat(application.settings().ingestUrl()).isNull();
    }

    @Test
    void an_ingest_url_is_kept_as_given() {
        StreamsApplication application = parsed("--bootstrap-servers", "localhost:1", "--staff-key-sha256", STAFF_HASH,
                "--peer-secret", QuerySettings.newPeerSecret(), "--ingest-url", "https://ingest.example.org");

        assertThat(application.settings().ingestUrl()).isEqualTo("https://ingest.example.org");
    }

    @Test
    void an_ingest_url_that_is_not_a_base_url_is_refused_naming_the_option_and_its_variable() {
        for (String bad : new String[] {"javascript:alert(1)", "https://ingest.example.org/", "https://ingest.example.org?x=1", "ingest"}) {
            StreamsApplication application = parsed("--bootstrap-servers", "localhost:1", "--staff-key-sha256", STAFF_HASH,
                    "--peer-secret", QuerySettings.newPeerSecret(), "--ingest-url", bad);

            assertThatThrownBy(application::settings).as(bad).isInstanceOf(CommandLine.ParameterException.class)
                    .hasMessageContaining("--ingest-url").hasMessageContaining("BLUEBUTTON_STREAMS_INGEST_URL");
        }
    }
}
