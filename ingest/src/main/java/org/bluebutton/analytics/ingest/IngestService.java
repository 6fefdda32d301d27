package org.bluebutton.analytics.ingest;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bluebutton.analytics.contracts.security.KafkaClientSecurity;
import org.bluebutton.analytics.contracts.security.RegistryClientSecurity;
import org.bluebutton.analytics.ingest.config.IngestBeans;
import org.bluebutton.analytics.ingest.config.IngestConfiguration;

/**
 * One running ingest instance, started from a typed {@link IngestConfiguration}: the way programs
 * that run ingest in their own process (the pipeline harness, tests) start it. Start-up creates or
 * checks topics, registers schemas when configured and loads the organization and credential views
 * before it returns. The deployed service ({@link Application}) reads the same settings from
 * properties and the environment.
 */
public final class IngestService implements AutoCloseable {

    private final EmbeddedServer server;

    private IngestService(EmbeddedServer server) {
        this.server = server;
    }

    /** Starts ingest on {@code port} (0: any free port); stop it with {@link #close()}. */
    public static IngestService start(IngestConfiguration configuration, int port) {
        Map<String, Object> properties = new HashMap<>(configuration.asProperties());
        properties.put("micronaut.server.port", port == 0 ? -1 : port);
        return new IngestService(ApplicationContext.run(EmbeddedServer.class, properties));
    }

    /**
     * Starts ingest on {@code port} connecting to Kafka with {@code kafka} and to the registry with
     * {@code registry} (instead of the {@code BLUEBUTTON_KAFKA_*} and registry variables of this process).
     */
    public static IngestService start(IngestConfiguration configuration, KafkaClientSecurity kafka, RegistryClientSecurity registry,
            int port) {
        Map<String, Object> properties = new HashMap<>(configuration.asProperties());
        properties.put("micronaut.server.port", port == 0 ? -1 : port);
        kafka.asVariables().forEach((variable, value) -> properties.put(IngestBeans.propertyName(variable), value));
        registry.asVariables().forEach((variable, value) -> properties.put(IngestBeans.propertyName(variable), value));
        return new IngestService(ApplicationContext.run(EmbeddedServer.class, properties));
    }

    /**
     * What follows {@code java -cp <classpath>} to run ingest with {@code configuration} on {@code port}
     * as a process of its own (system properties, then the main class): for tests and benchmarks that
     * kill or measure it apart from their own JVM.
     */
    public static List<String> processArguments(IngestConfiguration configuration, int port) {
        List<String> arguments = new ArrayList<>();
        arguments.add("-Dmicronaut.server.port=" + port);
        configuration.asProperties().forEach((key, value) -> arguments.add("-D" + key + "=" + value));
        arguments.add(Application.class.getName());
        return arguments;
    }

    /** The port served. */
    public int port() {
        return server.getPort();
    }

    /** Base URL of this instance. */
    public String url() {
        return "http://localhost:" + server.getPort();
    }

    /** The running application, for beans such as the meter registry. */
    public ApplicationContext context() {
        return server.getApplicationContext();
    }

    /** Stops serving and closes the producer, flushing in-flight sends. */
    @Override
    public void close() {
        server.getApplicationContext().close();
    }
}
