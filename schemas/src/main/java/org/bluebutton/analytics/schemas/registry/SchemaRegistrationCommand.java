package org.bluebutton.analytics.schemas.registry;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.avro.Schema;
import org.bluebutton.analytics.schemas.topic.Topics;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code register-schemas}: registers every schema of the topic catalogue, or only checks them with
 * {@code --check-only}. Exit code 0 on success, 1 when a change is not BACKWARD compatible, 2 when
 * the registry cannot be used.
 */
@Command(name = "register-schemas", mixinStandardHelpOptions = true,
        description = "Registers the project's Avro schemas in a Confluent-compatible schema registry, "
                + "refusing any change that is not BACKWARD compatible.")
public final class SchemaRegistrationCommand implements Callable<Integer> {

    static final int INCOMPATIBLE = 1;
    static final int REGISTRY_UNUSABLE = 2;

    @Option(names = "--registry-url", required = true,
            description = "Base URL of the registry API, e.g. http://localhost:8081 or http://host:port/apis/ccompat/v7")
    URI registryUrl;

    @Option(names = "--basic-auth-user-info", defaultValue = "${env:SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO}",
            description = "user:password for HTTP basic auth (default: $SCHEMA_REGISTRY_BASIC_AUTH_USER_INFO; prefer the variable, arguments are visible to other users)")
    String basicAuthUserInfo;

    @Option(names = "--timeout", defaultValue = "PT10S", description = "Timeout of each request (ISO-8601 duration, default ${DEFAULT-VALUE})")
    Duration timeout;

    @Option(names = "--check-only", description = "Check compatibility without registering anything")
    boolean checkOnly;

    @Override
    public Integer call() {
        if (!"http".equals(registryUrl.getScheme()) && !"https".equals(registryUrl.getScheme())) {
            System.err.println("--registry-url must be an http or https URL: " + registryUrl);
            return REGISTRY_UNUSABLE;
        }
        SchemaRegistryClient client = new SchemaRegistryClient(new SchemaRegistryClientConfig(
                registryUrl, basicAuthUserInfo, null, SchemaRegistryClientConfig.DEFAULT_CONNECT_TIMEOUT, timeout));
        SchemaRegistration registration = new SchemaRegistration(client);
        Map<String, Schema> subjects = SchemaRegistration.subjectsOf(Topics.all());
        try {
            if (checkOnly) {
                registration.check(subjects);
                System.out.printf("%d subjects are BACKWARD compatible with %s%n", subjects.size(), registryUrl);
            } else {
                for (RegisteredSchema schema : registration.registerAll(subjects)) {
                    System.out.printf("%-50s version %3d  id %5d%n", schema.subject(), schema.version(), schema.id());
                }
            }
            return 0;
        } catch (IncompatibleSchemaException e) {
            System.err.println(e.getMessage());
            return INCOMPATIBLE;
        } catch (RuntimeException e) {
            // The registry is unreachable, refuses us, or is not a registry: not a compatibility verdict.
            System.err.println(e.getMessage());
            return REGISTRY_UNUSABLE;
        }
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new SchemaRegistrationCommand()).execute(args));
    }
}
