package org.bluebutton.analytics.contracts.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaClientSecurityTest {

    @TempDir
    Path directory;

    @Test
    void no_variables_mean_plaintext_and_add_nothing_to_a_client() {
        KafkaClientSecurity security = KafkaClientSecurity.fromVariables(name -> null);

        assertThat(security).isEqualTo(KafkaClientSecurity.PLAINTEXT);
        assertThat(security.clientConfig()).isEmpty();
    }

    @Test
    void sasl_ssl_with_scram_becomes_the_kafka_client_settings() throws Exception {
        Path truststore = truststore("changeit");
        Map<String, String> variables = Map.of(KafkaClientSecurity.PROTOCOL, "sasl_ssl", KafkaClientSecurity.SASL_MECHANISM, "SCRAM-SHA-256",
                KafkaClientSecurity.SASL_USERNAME, "ingest", KafkaClientSecurity.SASL_PASSWORD, "s3cret",
                KafkaClientSecurity.TRUSTSTORE_LOCATION, truststore.toString(), KafkaClientSecurity.TRUSTSTORE_PASSWORD, "changeit");

        Map<String, Object> config = KafkaClientSecurity.fromVariables(variables::get).clientConfig();

        assertThat(config).containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-256")
                .containsEntry("sasl.jaas.config",
                        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"ingest\" password=\"s3cret\";")
                .containsEntry("ssl.truststore.location", truststore.toString()).containsEntry("ssl.truststore.type", "PKCS12")
                .containsEntry("ssl.truststore.password", "changeit");
    }

    @Test
    void the_mechanism_defaults_to_scram_sha_512() {
        KafkaClientSecurity security = new KafkaClientSecurity(KafkaClientSecurity.Protocol.SASL_PLAINTEXT, null, "streams", "pw", null, null,
                null);

        assertThat(security.clientConfig()).containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    @Test
    void a_quote_or_backslash_in_a_password_cannot_end_the_jaas_value() {
        KafkaClientSecurity security = new KafkaClientSecurity(KafkaClientSecurity.Protocol.SASL_PLAINTEXT,
                KafkaClientSecurity.SaslMechanism.PLAIN, "reporting", "a\"b\\c\"; admin=\"x", null, null, null);

        assertThat(security.clientConfig().get("sasl.jaas.config")).isEqualTo(
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"reporting\" password=\"a\\\"b\\\\c\\\"; admin=\\\"x\";");
    }

    @Test
    void to_string_names_the_principal_but_never_a_password() throws Exception {
        KafkaClientSecurity security = new KafkaClientSecurity(KafkaClientSecurity.Protocol.SASL_SSL, null, "ingest", "sasl-pw-1234",
                new StoreFile(truststore("trust-pw-5678"), null, "trust-pw-5678"), new StoreFile(truststore("key-pw-9012"), null, "key-pw-9012"),
                "key-pw-3456");

        assertThat(security.toString()).contains("ingest").doesNotContain("sasl-pw-1234", "trust-pw-5678", "key-pw-9012", "key-pw-3456");
    }

    @Test
    void sasl_without_a_username_is_refused_naming_the_variable() {
        Map<String, String> variables = Map.of(KafkaClientSecurity.PROTOCOL, "SASL_SSL", KafkaClientSecurity.SASL_PASSWORD, "pw");

        assertThatThrownBy(() -> KafkaClientSecurity.fromVariables(variables::get)).isInstanceOf(InvalidSecuritySettingException.class)
                .hasMessageStartingWith(KafkaClientSecurity.SASL_USERNAME);
    }

    @Test
    void credentials_given_with_plaintext_are_refused_instead_of_ignored() {
        Map<String, String> variables = Map.of(KafkaClientSecurity.SASL_USERNAME, "ingest", KafkaClientSecurity.SASL_PASSWORD, "pw");

        assertThatThrownBy(() -> KafkaClientSecurity.fromVariables(variables::get)).isInstanceOf(InvalidSecuritySettingException.class)
                .hasMessageStartingWith(KafkaClientSecurity.PROTOCOL);
    }

    @Test
    void an_unknown_protocol_or_mechanism_is_refused() {
        assertThatThrownBy(() -> KafkaClientSecurity.fromVariables(Map.of(KafkaClientSecurity.PROTOCOL, "TLS")::get))
                .hasMessageStartingWith(KafkaClientSecurity.PROTOCOL);
        assertThatThrownBy(() -> KafkaClientSecurity.fromVariables(Map.of(KafkaClientSecurity.PROTOCOL, "SASL_SSL",
                KafkaClientSecurity.SASL_MECHANISM, "GSSAPI", KafkaClientSecurity.SASL_USERNAME, "u", KafkaClientSecurity.SASL_PASSWORD, "p")::get))
                .hasMessageStartingWith(KafkaClientSecurity.SASL_MECHANISM);
    }

    @Test
    void a_truststore_that_is_not_there_is_refused_at_start() {
        Map<String, String> variables = Map.of(KafkaClientSecurity.PROTOCOL, "SSL", KafkaClientSecurity.TRUSTSTORE_LOCATION,
                directory.resolve("missing.p12").toString());

        assertThatThrownBy(() -> KafkaClientSecurity.fromVariables(variables::get)).isInstanceOf(InvalidSecuritySettingException.class)
                .hasMessageStartingWith(KafkaClientSecurity.TRUSTSTORE_LOCATION);
    }

    @Test
    void the_variables_describe_the_same_settings_again() throws Exception {
        KafkaClientSecurity security = KafkaClientSecurity.saslSsl(KafkaClientSecurity.SaslMechanism.SCRAM_SHA_512, "streams", "pw",
                new StoreFile(truststore("tp"), "pkcs12", "tp"));

        Map<String, String> variables = new HashMap<>(security.asVariables());

        assertThat(KafkaClientSecurity.fromVariables(variables::get)).isEqualTo(security);
    }

    @Test
    void the_registry_user_info_is_redacted_and_its_truststore_opens() throws Exception {
        RegistryClientSecurity registry = RegistryClientSecurity.fromVariables(Map.of(RegistryClientSecurity.BASIC_AUTH_USER_INFO,
                "ingest:reg-pw-4321", RegistryClientSecurity.TRUSTSTORE_LOCATION, truststore("tp").toString(),
                RegistryClientSecurity.TRUSTSTORE_PASSWORD, "tp")::get);

        assertThat(registry.toString()).contains("ingest").doesNotContain("reg-pw-4321");
        assertThat(registry.sslContext()).isNotNull();
    }

    @Test
    void a_registry_truststore_with_the_wrong_password_is_refused() throws Exception {
        RegistryClientSecurity registry = new RegistryClientSecurity(null, new StoreFile(truststore("right"), null, "wrong"));

        assertThatThrownBy(registry::sslContext).isInstanceOf(InvalidSecuritySettingException.class)
                .hasMessageStartingWith(RegistryClientSecurity.TRUSTSTORE_LOCATION).hasMessageNotContaining("wrong");
    }

    private Path truststore(String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        Path file = Files.createTempFile(directory, "trust", ".p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password.toCharArray());
        }
        return file;
    }
}
