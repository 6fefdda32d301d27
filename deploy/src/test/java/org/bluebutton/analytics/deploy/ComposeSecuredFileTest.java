package org.bluebutton.analytics.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.bluebutton.analytics.contracts.security.KafkaClientSecurity;
import org.bluebutton.analytics.deploy.ComposeFile.Service;
import org.junit.jupiter.api.Test;

/**
 * What docker-compose.secured.yml (the overlay for a SASL_SSL + ACL broker) must be, read as a file
 * (Docker is absent on the build machines, so it is never run here): the broker's client listeners are
 * SASL_SSL with the ACL authorizer and no access without an ACL, each service connects as its own
 * principal through the variables {@link KafkaClientSecurity} reads, and every secret is a required
 * reference to the environment, never a value in the file.
 */
class ComposeSecuredFileTest {

    private static final Set<String> SERVICES = Set.of("ingest", "streams-1", "streams-2", "report");
    private static final Pattern REQUIRED_REFERENCE = Pattern.compile("\\$\\{[A-Z0-9_]+:\\?[^}]+}");

    private final Path file = RepositoryFiles.root().resolve("docker-compose.secured.yml");
    private final ComposeFile overlay = ComposeFile.read(file);

    @Test
    void the_brokers_client_listeners_are_sasl_ssl_and_only_acls_grant_access() {
        Map<String, String> kafka = overlay.service("kafka").environment();

        assertThat(kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).isEqualTo("INTERNAL:SASL_SSL,HOST:SASL_SSL,CONTROLLER:PLAINTEXT");
        assertThat(kafka).containsEntry("KAFKA_AUTHORIZER_CLASS_NAME", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false").containsEntry("KAFKA_SSL_KEYSTORE_TYPE", "PKCS12");
    }

    @Test
    void each_service_connects_as_its_own_principal_with_variables_the_services_read() {
        Map<String, String> principals = SERVICES.stream().collect(Collectors.toMap(name -> name,
                name -> overlay.service(name).environment().get(KafkaClientSecurity.SASL_USERNAME)));

        assertThat(principals).containsEntry("ingest", "ingest").containsEntry("streams-1", "streams").containsEntry("streams-2", "streams")
                .containsEntry("report", "reporting");
        for (String name : SERVICES) {
            Map<String, String> environment = overlay.service(name).environment();
            assertThat(environment.keySet().stream().filter(variable -> variable.startsWith("BLUEBUTTON_KAFKA_")))
                    .as("%s sets only variables KafkaClientSecurity reads", name).isSubsetOf(KafkaClientSecurity.VARIABLES);
            assertThat(environment).as(name).containsEntry(KafkaClientSecurity.PROTOCOL, "SASL_SSL");
            // The file's own settings make a valid connection (the store itself is the operator's: a placeholder path here).
            assertThat(environment.get(KafkaClientSecurity.SASL_MECHANISM)).isIn("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-512");
        }
    }

    @Test
    void every_password_is_a_required_reference_to_the_environment() throws Exception {
        for (Service service : overlay.services()) {
            service.environment().forEach((variable, value) -> {
                if (variable.contains("PASSWORD")) {
                    assertThat(value).as("%s of %s", variable, service.name()).matches(REQUIRED_REFERENCE);
                }
                if (variable.endsWith("JAAS_CONFIG")) {
                    Matcher passwords = Pattern.compile("(?:password|user_[\\w-]+)=\\\\?\"([^\"\\\\]*)").matcher(value);
                    while (passwords.find()) {
                        assertThat(passwords.group(1)).as("a password in %s of %s", variable, service.name()).startsWith("${");
                    }
                }
            });
        }
        assertThat(Files.readString(file)).doesNotContainPattern("(?i)password=[A-Za-z0-9]");
    }

    @Test
    void the_acl_job_runs_before_the_registry_and_grants_each_principal_its_acls() throws Exception {
        assertThat(overlay.service("schema-registry").dependsOn()).containsEntry("kafka-acls", "service_completed_successfully");
        String script = Files.readString(RepositoryFiles.root().resolve("deploy/secured/kafka-acls.sh"));

        for (String principal : List.of("User:ingest", "User:streams", "User:reporting", "User:schema-registry")) {
            assertThat(script).as("ACLs of %s", principal).contains("--allow-principal " + principal);
        }
        assertThat(script).doesNotContain("--operation All --topic bluebutton.");
    }

    @Test
    void streams_leaves_creating_the_catalogue_to_ingest() {
        assertThat(overlay.service("streams-1").environment()).containsEntry("BLUEBUTTON_STREAMS_INITIALIZE_TOPICS", "false");
        assertThat(overlay.service("streams-2").environment()).containsEntry("BLUEBUTTON_STREAMS_INITIALIZE_TOPICS", "false");
    }
}
